import Foundation
import Model
import Screen
import Store

/// What the command table's entries do (`Keys/CommandTable.swift` binds them to keys and palette words).
extension ConsoleApp {
    func cycleFocus(_ step: Int) {
        let order = focusOrder()
        let i = order.firstIndex(of: focus) ?? -1
        zoomed = false
        setFocus(order[(i + step + order.count) % order.count])
    }

    func switchFocus(_ kind: PaneKind) {
        if kind != focus { zoomed = false }
        setFocus(kind)
    }

    func selectLast() {
        if panes[focus]!.hasMore { panes[focus]!.limit = 10_000; reload(focus) }
        moveSelection(to: rowCount(focus) - 1)
    }

    func openDetail() {
        guard rowCount(focus) > 0 else { show(t(.errNothingSelected), error: true); return }
        // An alert's details end with its timeline, read once as they open.
        detailTimeline = focus == .alerts ? (selectedAlert.flatMap { try? data.timeline(alert: $0.id) } ?? []) : []
        // Read once here, not on every redraw (a countdown redraws the open details every second).
        detailContact = switch focus {
        case .alerts: leaderLine()
        case .stock: selectedStock.map { depotPhoneLine($0.depot.id) } ?? []
        default: []
        }
        overlay = .detail(focus, scroll: 0)
    }

    func cycleSort() {
        panes[focus]!.sort += 1
        reload(focus)
        show(t(.sortLabel, sortName(focus)))
    }

    func toggleCalendar() {
        drillCalendar.toggle()
        panes[.drills]!.clamp(count: rowCount(.drills), visible: visibleRows(.drills))
    }

    func toggleAlertScope() {
        alertsActiveOnly.toggle()
        reload(.alerts)
        show(alertsActiveOnly ? t(.activeOnly) : t(.allAlerts))
    }

    /// The stock pane's depot-level filter: the next level (`nil` argument), or the one typed (`all` for none).
    func setStockLevel(_ typed: String?) {
        guard setStockFilter(\.stockLevel, typed, usage: .stockLevel) else { return }
        show(t(.levelFilter, stockLevel.map(t.name) ?? t(.allLevels)))
    }

    /// The stock pane's category filter, as `setStockLevel`.
    func setStockCategory(_ typed: String?) {
        guard setStockFilter(\.stockCategory, typed, usage: .stockCategory) else { return }
        show(t(.categoryFilter, stockCategory.map(t.name) ?? t(.allCategories)))
    }

    /// Sets one of the stock pane's filters; false (and the usage shown) when the typed value is not one of its values.
    private func setStockFilter<T: CaseIterable & Equatable & RawRepresentable>(
        _ filter: ReferenceWritableKeyPath<ConsoleApp, T?>, _ typed: String?, usage: Command) -> Bool where T.RawValue == String {
        if let typed {
            if typed == "all" { self[keyPath: filter] = nil } else if let v = T(rawValue: typed) { self[keyPath: filter] = v } else {
                showUsage(usage)
                return false
            }
        } else {
            self[keyPath: filter] = cycled(self[keyPath: filter])
        }
        reload(.stock)
        return true
    }

    private func cycled<T: CaseIterable & Equatable>(_ value: T?) -> T? {
        let all = Array(T.allCases)
        guard let value, let i = all.firstIndex(of: value) else { return all.first }
        return i + 1 < all.count ? all[i + 1] : nil
    }

    /// `:status STATUS [ALERT]` for the selected unit.
    func setStatusTyped(_ args: [String]) {
        guard let status = UnitStatus(loose: args[0]) else { return showUsage(.unitStatus) }
        guard let unit = selectedUnit else { return show(t(.errNothingSelected), error: true) }
        setStatus(unit, status, alert: args.count > 1 ? args[1] : nil, form: nil)
    }

    /// `:issue N [ALERT]`, `:receive N`, `:count N` on the selected stock line.
    func recordStockTyped(_ kind: MovementKind, _ args: [String]) {
        guard let row = selectedStock else { return show(t(.errNothingSelected), error: true) }
        recordStock(kind, row, quantity: args[0], reason: "", alert: kind == .issue && args.count > 1 ? args[1] : nil, form: nil)
    }

    func acknowledgeRejections() {
        do {
            show(t(.rejectionsAcknowledged, try data.acknowledgeRejections()))
            reloadSummary()
        } catch {
            show(error)
        }
    }

    func setTheme(_ name: String) {
        do {
            let loaded = try ThemeLoader.load(name: name, searchPaths: options.themeSearchPaths)
            theme = loaded.value
            show(loaded.warnings.first.map(\.description) ?? t(.themeSet, theme.name), error: !loaded.warnings.isEmpty)
        } catch { show(error) }
    }

    func setLayout(_ name: String) {
        if layouts.layouts[name] != nil {
            layouts.chosen = name
        } else {
            do {
                let loaded = try LayoutLoader.load(name: name, searchPaths: options.layoutSearchPaths)
                layouts.layouts[loaded.value.name] = loaded.value
                layouts.chosen = loaded.value.name
            } catch { return show(error) }
        }
        zoomed = false
        show(t(.layoutSet, layouts.chosen))
    }

    func setLanguage(_ tag: String) {
        guard let lang = Language(tag: tag) else { return show(t(.errBadLanguage), error: true) }
        language = lang
        show(t(.languageSet))
    }

    /// Opens the palette with the command's word typed, for commands that need words after it.
    func promptFor(_ command: Command) {
        overlay = .palette(TextInput((CommandTable.entry(command).words?[language] ?? "") + " "))
    }

    /// "usage: WORD ARGUMENTS" for a palette command typed wrong.
    func showUsage(_ command: Command) {
        let e = CommandTable.entry(command)
        show(t(.errUsage, paletteLine(e).word + " " + (e.arguments?[language] ?? "")), error: true)
    }
}
