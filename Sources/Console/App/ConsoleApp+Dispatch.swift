import Foundation
import Model
import Screen
import Store

extension ConsoleApp {
    // MARK: dispatch and release

    /// `m` in the units pane: marks or unmarks the selected unit for the next dispatch.
    func toggleMark() {
        guard let unit = selectedUnit else { show(t(.errNothingSelected), error: true); return }
        if markedUnits.remove(unit.id) == nil { markedUnits.insert(unit.id) }
        show(t(.unitsMarked, markedUnits.count))
    }

    /// `:dispatch [ALERT] [yes]`: the marked units (else the selected one) to the alert (else the selected alert), all
    /// or none. A unit that is not available is refused, or, when the setting allows, taken once `yes` confirms.
    func dispatchMarked(_ args: [String]) {
        let confirmed = args.contains { ["yes", "y", "是", "确认"].contains($0.lowercased()) }
        let alert = args.first { !["yes", "y", "是", "确认"].contains($0.lowercased()) } ?? selectedAlert?.id
        let units = markedUnits.isEmpty ? selectedUnit.map { [$0.id] } ?? [] : markedUnits.sorted()
        guard let alert, !units.isEmpty else { show(t(.errDispatchWhat), error: true); return }
        do {
            let events = try data.dispatch(units: units, toAlert: alert, confirmed: confirmed && options.dispatchAsksToConfirm)
            markedUnits.removeAll()
            afterWrite()
            show(t(.dispatched, events.count, alert))
        } catch let e as StoreError where options.dispatchAsksToConfirm && !confirmed && "\(e)".contains("confirm") {
            show(t(.dispatchAsk, "\(e)", alert), error: true)
        } catch {
            show(error)
        }
    }

    /// `R` / `:release [ALERT]`: the units of an ended alert (the one named, else the first ended alert holding units)
    /// go back to the status they had before it.
    func releaseUnits(_ typed: String?) {
        guard let alert = typed ?? endedWithUnits.first?.id else { show(t(.nothingToRelease)); return }
        do {
            let moves = try data.release(alert: alert, evenIfActive: false).filter { $0.payload.kind == .unitStatus }
            afterWrite()
            show(t(.released, moves.count, alert))
        } catch {
            show(error)
        }
    }

    // MARK: lists: search, nearest stock, contacts

    var listRows: Int { max(1, min(16, size.height - 6)) }

    func openList(_ view: ListView) {
        var v = view
        v.clamp(visible: listRows)
        overlay = .list(v)
    }

    /// `:search WORDS` / `:搜索`: one search across the panes and the log.
    func openSearch(_ words: [String]) {
        let q = SearchQuery(words.joined(separator: " "))
        guard !q.isEmpty else { show(t(.errUsage, "search WORDS…"), error: true); return }
        do {
            let hits = try data.search(q, limit: 100)
            openList(ListView(title: t(.searchTitle, words.joined(separator: " "), hits.count),
                              lines: hits.map { "\(t.searchKind($0.kind))  \($0.id)  \($0.title)  · \($0.detail)" },
                              purpose: .search(hits)))
        } catch {
            show(error)
        }
    }

    /// `:nearest ITEM` / `:就近`: the depots holding the item for the selected alert, nearest first.
    func openNearest(_ item: String?) {
        guard let alert = selectedAlert else { show(t(.errNothingSelected), error: true); return }
        guard let item else { show(t(.errUsage, "nearest ITEM"), error: true); return }
        do {
            let rows = try data.nearestStock(alert: alert.id, item: item, limit: 30)
            openList(ListView(title: t(.nearestTitle, item, alert.id),
                              lines: rows.map { n in
                                  "\(t.name(n.distance))  \(n.row.depot.name)  \(n.row.line.quantity)/\(n.row.line.minimum)  +\(n.spare)"
                              }, purpose: .nearest(alert: alert.id, rows)))
        } catch {
            show(error)
        }
    }

    /// `:contacts [TEXT]` / `:通讯录`: duty phones and who leads the shift.
    func openContacts(_ words: [String]) {
        do {
            let rows = try data.contacts(kinds: [], text: words.isEmpty ? nil : words.joined(separator: " "), limit: 200)
            openList(ListView(title: t(.contactsTitle, rows.count), lines: rows.map(contactLine), purpose: .contacts(rows)))
        } catch {
            show(error)
        }
    }

    func contactLine(_ c: Contact) -> String {
        var line = "\(c.name)  \(c.phone.isEmpty ? "—" : c.phone)"
        if let leader = c.leader { line += "  " + t(.leaderOnDuty, leader) }
        if let phone = c.leaderPhone { line += " " + phone }
        return line
    }

    private func isNearest(_ view: ListView) -> Bool {
        if case .nearest = view.purpose { return true }
        return false
    }

    func handleList(_ key: KeyEvent, _ view: ListView) -> ConsoleEffect {
        var v = view
        switch key {
        case .escape, .char("q"): overlay = nil; return .redraw
        case .ctrl("c"): return .quit
        case .char("j"), .down: v.selected += 1
        case .char("k"), .up: v.selected -= 1
        case .pageDown, .char(" "): v.selected += listRows
        case .pageUp: v.selected -= listRows
        case .enter:
            overlay = nil
            choose(v)
            return .redraw
        case .char("r"), .char("x"):
            guard case .quarantine(let entries) = v.purpose, entries.indices.contains(v.selected) else { return .none }
            actOnQuarantined(entries[v.selected], retry: key == .char("r"))
            return .redraw
        case .char("t"):
            // From the nearest depots: send the item on (to a depot of this office near the alert, say).
            guard case .nearest(_, let rows) = v.purpose, rows.indices.contains(v.selected) else { return .none }
            overlay = .form(Form(purpose: .transfer(rows[v.selected].row), fields: [
                Form.Field(label: .quantity, value: .text(TextInput())), Form.Field(label: .toDepot, value: .text(TextInput())),
                Form.Field(label: .reason, value: .text(TextInput())),
            ]))
            return .redraw
        default: return .none
        }
        v.clamp(visible: listRows)
        overlay = .list(v)
        return .redraw
    }

    /// Enter on a list line: a search hit opens its pane on the record; a nearest depot opens the issue form for the
    /// alert (`t` there the transfer form); a contact stays a line to read.
    private func choose(_ v: ListView) {
        switch v.purpose {
        case .search(let hits):
            guard hits.indices.contains(v.selected) else { return }
            jump(to: hits[v.selected])
        case .nearest(let alert, let rows):
            guard rows.indices.contains(v.selected) else { return }
            let row = rows[v.selected].row
            overlay = .form(Form(purpose: .stock(.issue, row), fields: [
                Form.Field(label: .quantity, value: .text(TextInput())), Form.Field(label: .reason, value: .text(TextInput())),
                Form.Field(label: .alertIDField, value: .text(TextInput(alert))),
            ]))
        case .contacts, .quarantine, .feeds: break
        }
    }

    /// Focuses the hit's pane filtered to it (a note opens its alert's timeline, or the log).
    func jump(to hit: SearchHit) {
        let (kind, filter): (PaneKind?, String) = switch hit.kind {
        case .alert: (.alerts, hit.id)
        case .unit: (.units, hit.id)
        case .depot: (.stock, hit.id)
        case .item: (.stock, hit.id)
        case .stockLine: (.stock, String(hit.id.split(separator: "|").last ?? ""))
        case .drill: (.drills, hit.id)
        case .note: (nil, "")
        }
        guard let kind else { openLog(""); return }
        if kind == .alerts { alertsActiveOnly = false }
        panes[kind]!.filter = filter
        panes[kind]!.selected = 0
        panes[kind]!.scroll = 0
        zoomed = false
        setFocus(kind)
        reload(kind)
    }

    func drawList(_ buffer: inout ScreenBuffer, _ view: ListView, width: Int, height: Int, context c: DrawContext) {
        let h = min(height - 2, min(listRows, max(1, view.lines.count)) + 3)
        let box = Rect(x: 0, y: max(1, height - 1 - h), width: width, height: h)
        drawDialogBox(&buffer, box, title: view.title, context: c)
        let inner = box.inset(by: 1)
        guard inner.width > 4, inner.height > 1 else { return }
        let visible = max(1, inner.height - 1)
        for (i, line) in view.lines.enumerated().dropFirst(view.scroll).prefix(visible) {
            let y = inner.y + i - view.scroll
            let style = c.style(i == view.selected ? .dialogFocus : .dialog)
            if i == view.selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            buffer.put(line, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: style)
        }
        if view.lines.isEmpty { buffer.put(t(.empty), x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, style: c.style(.dim)) }
        let hints: String = if case .quarantine = view.purpose { t(.quarantineHints) } else { t(isNearest(view) ? .nearestHints : .listHints) }
        drawScrollHint(&buffer, hints, top: view.scroll, visible: visible, total: view.lines.count, in: inner, context: c)
    }
}

extension Catalog {
    func searchKind(_ kind: SearchKind) -> String {
        switch kind {
        case .alert: self(.paneAlerts)
        case .unit: self(.paneUnits)
        case .depot: self(.colDepot)
        case .item: self(.colItem)
        case .stockLine: self(.paneStock)
        case .drill: self(.paneDrills)
        case .note: self(.searchNote)
        }
    }
}

extension ConsoleApp {
    /// The office's leader on duty and phones, for an alert's details.
    func leaderLine() -> [(String, String)] {
        let office = String(data.identity.office)
        guard let me = try? data.contacts(kinds: [.office], text: office, limit: 5).first(where: { $0.ref.id == office }) else { return [] }
        return [(t(.detailContact), contactLine(me))]
    }

    /// A depot's duty phone, for a stock line's details.
    func depotPhoneLine(_ depot: String) -> [(String, String)] {
        guard let d = try? data.contacts(kinds: [.depot], text: depot, limit: 5).first(where: { $0.ref.id == depot }),
              !d.phone.isEmpty else { return [] }
        return [(t(.detailContact), d.phone)]
    }
}
