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

    /// Runs a palette entry with its arguments; without them (or when it takes none) it does what its key does.
    func execute(_ entry: CommandEntry, _ args: [String]) -> ConsoleEffect {
        if entry.quits { return .quit }
        if let typed = entry.typed, !args.isEmpty { typed(self, args) } else { entry.run(self) }
        return .redraw
    }
}
