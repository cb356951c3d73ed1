import Foundation
import Model
import Screen

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

    /// A palette entry as help and the palette's hints show it: its word in the console's language, then what it takes,
    /// what it does and its word in the other language (both words are accepted).
    func paletteLine(_ e: CommandEntry) -> (word: String, text: String) {
        guard let words = e.words else { return ("", t(e.help)) }
        let other = words[language == .zh ? .en : .zh]
        let args = e.arguments.map { $0[language] + " — " } ?? ""
        return (":" + words[language], args + t(e.help) + (language == .zh ? "（\(other)）" : " (\(other))"))
    }

    /// Hint lines for what is typed so far: matching commands, or the values the argument may take.
    func paletteHints(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        func line(_ e: CommandEntry) -> String { let l = paletteLine(e); return l.word + " " + l.text }
        if words.count <= 1 {
            let typed = CommandTable.words(startingWith: words.first ?? "", language: language)
            var seen = Set<Command>()
            let matches = typed.compactMap(CommandTable.palette).filter { seen.insert($0.command).inserted }
            return matches.isEmpty ? [t(.paletteNoMatch)] : matches.map(line)
        }
        guard let entry = CommandTable.palette(words[0]) else { return [t(.errUnknownCommand, words[0])] }
        let values = entry.completions(self).filter { $0.lowercased().hasPrefix(words[words.count - 1].lowercased()) }
        return [line(entry)] + (values.isEmpty ? [] : [values.joined(separator: "  ")])
    }

    /// Tab: completes the word being typed to the longest common prefix of what matches.
    func complete(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let last = words.last ?? ""
        let candidates: [String]
        if words.count <= 1 {
            // Complete within the script typed: a Latin prefix to English words, anything else to Chinese ones.
            let latin = last.unicodeScalars.allSatisfy(\.isASCII)
            candidates = CommandTable.words(startingWith: last, language: language)
                .filter { $0.unicodeScalars.allSatisfy(\.isASCII) == latin }
        } else if let entry = CommandTable.palette(words[0]) {
            candidates = entry.completions(self).filter { $0.lowercased().hasPrefix(last.lowercased()) }
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

    /// Runs a palette command line: its first word in either language, then the arguments (a full-width space
    /// separates words as a space does).
    func execute(_ line: String) -> ConsoleEffect {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        guard let name = words.first else { return .redraw }
        guard let entry = CommandTable.palette(name) else {
            show(t(.errUnknownCommand, name), error: true)
            return .redraw
        }
        return execute(entry, Array(words.dropFirst()))
    }

    /// Runs a palette entry with its arguments; without arguments most do what their key does.
    func execute(_ entry: CommandEntry, _ args: [String]) -> ConsoleEffect {
        func usage() -> ConsoleEffect {
            show(t(.errUsage, paletteLine(entry).word + " " + (entry.arguments?[language] ?? "")), error: true)
            return .redraw
        }
        switch entry.command {
        case .ack:
            if let id = args.first { acknowledge(id) } else { acknowledgeSelected() }
        case .unitStatus:
            guard let s = args.first else { return run(.unitStatus) }
            guard let status = UnitStatus(loose: s) else { return usage() }
            guard let unit = selectedUnit else { show(t(.errNothingSelected), error: true); return .redraw }
            setStatus(unit, status, alert: args.count > 1 ? args[1] : nil, form: nil)
        case .issue, .receive, .count:
            guard !args.isEmpty else { return run(entry.command) }
            guard let row = selectedStock else { show(t(.errNothingSelected), error: true); return .redraw }
            let kind: MovementKind = entry.command == .issue ? .issue : entry.command == .receive ? .receive : .countAdjust
            let alert = kind == .issue && args.count > 1 ? args[1] : nil
            recordStock(kind, row, quantity: args[0], reason: "", alert: alert, form: nil)
        case .rejected:
            do {
                show(t(.rejectionsAcknowledged, try data.acknowledgeRejections()))
                reloadSummary()
            } catch {
                show(error)
            }
        case .theme:
            guard let n = args.first else { return usage() }
            do {
                let loaded = try ThemeLoader.load(name: n, searchPaths: options.themeSearchPaths)
                theme = loaded.value
                show(loaded.warnings.first.map(\.description) ?? t(.themeSet, theme.name), error: !loaded.warnings.isEmpty)
            } catch { show(error) }
        case .layout:
            guard let n = args.first else { return usage() }
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
        case .lang:
            guard let tag = args.first, let lang = Language(tag: tag) else { show(t(.errBadLanguage), error: true); return .redraw }
            language = lang
            show(t(.languageSet))
        case .stockLevel:
            guard let v = args.first else { return run(.stockLevel) }
            if v == "all" { stockLevel = nil } else if let l = DepotLevel(rawValue: v) { stockLevel = l } else { return usage() }
            reload(.stock)
            show(t(.levelFilter, stockLevel.map(t.name) ?? t(.allLevels)))
        case .stockCategory:
            guard let v = args.first else { return run(.stockCategory) }
            if v == "all" { stockCategory = nil } else if let c = ItemCategory(rawValue: v) { stockCategory = c } else { return usage() }
            reload(.stock)
            show(t(.categoryFilter, stockCategory.map(t.name) ?? t(.allCategories)))
        case .note:
            guard !args.isEmpty else { return run(.note) }
            writeNote(args.joined(separator: " "), alert: noteAlert)
        case .log: openLog(args.joined(separator: " "))
        case .alarm:
            guard let v = args.first, v == "on" || v == "off" else { return usage() }
            alarms.silenced = v == "off"
            show(alarms.silenced ? t(.alarmSilenced) : t(.alarmOn))
        case .stepDone: markStepDone(args.first)
        case .dispatch: dispatchMarked(args)
        case .release: releaseUnits(args.first)
        case .search:
            guard !args.isEmpty else { return usage() }
            openSearch(args)
        case .nearest: openNearest(args.first)
        case .contacts: openContacts(args)
        case .undo:
            guard !args.isEmpty else { return usage() }
            undoSelectedLogLine(reason: args.joined(separator: " "))
        case .correct:
            guard args.count >= 2 else { return usage() }
            correctEvent(args[0], reason: args.dropFirst().joined(separator: " "))
        default:
            return run(entry.command)
        }
        return .redraw
    }
}
