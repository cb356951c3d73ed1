import Foundation
import Model
import Screen

/// A command the palette (`:`) knows, with its help line and what its arguments complete to.
struct PaletteCommand: Sendable {
    var name: String
    var help: S
    var completions: @Sendable (ConsoleApp) -> [String]

    static let all: [PaletteCommand] = [
        PaletteCommand(name: "ack", help: .cAck) { app in app.alertRows.prefix(20).map(\.id) },
        PaletteCommand(name: "status", help: .cStatus) { _ in UnitStatus.allCases.map(\.rawValue) },
        PaletteCommand(name: "issue", help: .cIssue) { _ in [] },
        PaletteCommand(name: "receive", help: .cReceive) { _ in [] },
        PaletteCommand(name: "count", help: .cCount) { _ in [] },
        PaletteCommand(name: "drill", help: .cDrill) { _ in [] },
        PaletteCommand(name: "theme", help: .cTheme) { app in app.availableThemes() },
        PaletteCommand(name: "layout", help: .cLayout) { app in app.layouts.layouts.keys.sorted() },
        PaletteCommand(name: "lang", help: .cLang) { _ in ["zh", "en"] },
        PaletteCommand(name: "level", help: .cLevel) { _ in ["all"] + DepotLevel.allCases.map(\.rawValue) },
        PaletteCommand(name: "category", help: .cCategory) { _ in ["all"] + ItemCategory.allCases.map(\.rawValue) },
        PaletteCommand(name: "help", help: .cHelp) { _ in [] },
        PaletteCommand(name: "rejected", help: .cRejections) { _ in [] },
        PaletteCommand(name: "quit", help: .cQuit) { _ in [] },
    ]
}

extension ConsoleApp {
    func availableThemes() -> [String] {
        var names = Set(ThemeLoader.builtInNames)
        for dir in options.themeSearchPaths {
            for file in ConfigPaths.files(in: dir, ext: "theme") {
                names.insert(((file as NSString).lastPathComponent as NSString).deletingPathExtension)
            }
        }
        return names.sorted()
    }

    /// Hint lines for what is typed so far: matching commands, or the values the argument may take.
    func paletteHints(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count <= 1 {
            let prefix = words.first ?? ""
            let matches = PaletteCommand.all.filter { $0.name.hasPrefix(prefix.lowercased()) }
            return matches.isEmpty ? [t(.paletteNoMatch)] : matches.map { t($0.help) }
        }
        guard let command = PaletteCommand.all.first(where: { $0.name == words[0].lowercased() }) else {
            return [t(.errUnknownCommand, words[0])]
        }
        let values = command.completions(self).filter { $0.lowercased().hasPrefix(words[words.count - 1].lowercased()) }
        return [t(command.help)] + (values.isEmpty ? [] : [values.joined(separator: "  ")])
    }

    /// Tab: completes the word being typed to the longest common prefix of what matches.
    func complete(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let last = words.last ?? ""
        let candidates: [String]
        if words.count <= 1 {
            candidates = PaletteCommand.all.map(\.name).filter { $0.hasPrefix(last.lowercased()) }
        } else if let command = PaletteCommand.all.first(where: { $0.name == words[0].lowercased() }) {
            candidates = command.completions(self).filter { $0.lowercased().hasPrefix(last.lowercased()) }
        } else {
            candidates = []
        }
        guard let first = candidates.first else { return text }
        var common = first
        for c in candidates.dropFirst() { while !c.hasPrefix(common) { common.removeLast() } }
        if common.count < last.count { return text }
        words[words.count - 1] = common
        return words.joined(separator: " ") + (candidates.count == 1 ? " " : "")
    }

    func handlePalette(_ key: KeyEvent, _ input: TextInput) -> ConsoleEffect {
        var field = input
        switch key {
        case .escape: overlay = nil; return .redraw
        case .ctrl("c"): return .quit
        case .char(let c): field.type(String(c))
        case .paste(let s): field.type(s)
        case .backspace:
            if field.text.isEmpty { overlay = nil; return .redraw }
            field.backspace()
        case .tab: field.text = complete(field.text)
        case .enter:
            overlay = nil
            return execute(field.text)
        default: return .none
        }
        overlay = .palette(field)
        return .redraw
    }

    /// Runs a palette command line.
    func execute(_ line: String) -> ConsoleEffect {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first?.lowercased() else { return .redraw }
        let args = Array(words.dropFirst())
        func usage(_ text: String) -> ConsoleEffect { show(t(.errUsage, text), error: true); return .redraw }
        switch name {
        case "ack":
            if let id = args.first { acknowledge(id) } else { acknowledgeSelected() }
        case "status":
            guard let s = args.first, let status = UnitStatus(loose: s) else { return usage("status STATUS [ALERT]") }
            guard let unit = selectedUnit else { show(t(.errNothingSelected), error: true); return .redraw }
            setStatus(unit, status, alert: args.count > 1 ? args[1] : nil, form: nil)
        case "issue", "receive", "count":
            guard args.count >= 1 else { return usage("\(name) N") }
            guard let row = selectedStock else { show(t(.errNothingSelected), error: true); return .redraw }
            let kind: MovementKind = name == "issue" ? .issue : name == "receive" ? .receive : .countAdjust
            recordStock(kind, row, quantity: args[0], reason: args.dropFirst().joined(separator: " "), form: nil)
        case "drill": openDrillForm()
        case "rejected":
            do {
                show(t(.rejectionsAcknowledged, try data.acknowledgeRejections()))
                reloadSummary()
            } catch {
                show(error)
            }
        case "theme":
            guard let n = args.first else { return usage("theme NAME") }
            do {
                let loaded = try ThemeLoader.load(name: n, searchPaths: options.themeSearchPaths)
                theme = loaded.value
                show(loaded.warnings.first.map(\.description) ?? t(.themeSet, theme.name), error: !loaded.warnings.isEmpty)
            } catch { show(error) }
        case "layout":
            guard let n = args.first else { return usage("layout NAME") }
            if layouts.layouts[n] != nil {
                layouts.chosen = n
            } else {
                do {
                    let loaded = try LayoutLoader.load(name: n, searchPaths: options.layoutSearchPaths)
                    layouts.layouts[loaded.value.name] = loaded.value
                    layouts.chosen = loaded.value.name
                } catch { show(error); return .redraw }
            }
            zoomed = false
            show(t(.layoutSet, layouts.chosen))
        case "lang":
            guard let tag = args.first, let lang = Language(tag: tag) else { show(t(.errBadLanguage), error: true); return .redraw }
            language = lang
            show(t(.languageSet))
        case "level":
            guard let v = args.first else { return usage("level LEVEL|all") }
            if v == "all" { stockLevel = nil } else if let l = DepotLevel(rawValue: v) { stockLevel = l } else { return usage("level " + DepotLevel.allCases.map(\.rawValue).joined(separator: "|") + "|all") }
            reload(.stock)
            show(t(.levelFilter, stockLevel.map(t.name) ?? t(.allLevels)))
        case "category":
            guard let v = args.first else { return usage("category CAT|all") }
            if v == "all" { stockCategory = nil } else if let c = ItemCategory(rawValue: v) { stockCategory = c } else { return usage("category " + ItemCategory.allCases.map(\.rawValue).joined(separator: "|") + "|all") }
            reload(.stock)
            show(t(.categoryFilter, stockCategory.map(t.name) ?? t(.allCategories)))
        case "help": overlay = .help(scroll: 0)
        case "quit", "q": return .quit
        default:
            show(t(.errUnknownCommand, name), error: true)
        }
        return .redraw
    }
}
