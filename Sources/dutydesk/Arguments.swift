/// A usage mistake: printed as one line on stderr, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A failure of a well-formed command: one line on stderr, exit status 1.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// The remaining command-line words, consumed by the command that handles them.
///
/// Options are `--name value` or `--name=value`; flags are `--name`. Anything unconsumed at `finish()`
/// is a usage error, so a mistyped option never passes silently.
struct Arguments {
    private var words: [String]

    init(_ words: [String]) { self.words = words }

    var isEmpty: Bool { words.isEmpty }

    /// Removes and returns the value of `--name value` / `--name=value` (last one wins).
    mutating func option(_ name: String) throws -> String? {
        var value: String?
        var i = 0
        while i < words.count {
            let w = words[i]
            if w == name {
                guard i + 1 < words.count else { throw UsageError(.needsValue, name) }
                value = words[i + 1]
                words.removeSubrange(i...i + 1)
            } else if w.hasPrefix(name + "=") {
                value = String(w.dropFirst(name.count + 1))
                words.remove(at: i)
            } else if w == "--" {
                break
            } else {
                i += 1
            }
        }
        return value
    }

    /// All values of a repeatable option, in order.
    mutating func options(_ name: String) throws -> [String] {
        var all: [String] = []
        while let v = try option(name) { all.append(v) }
        return all
    }

    mutating func int(_ name: String, range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let raw = try option(name) else { return nil }
        guard let v = Int(raw), range.contains(v) else {
            throw UsageError(.wholeNumber, name, range.lowerBound, range.upperBound, raw)
        }
        return v
    }

    /// Removes `--name`, returning whether it was there.
    mutating func flag(_ name: String) -> Bool {
        guard let i = words.firstIndex(of: name) else { return false }
        words.remove(at: i)
        return true
    }

    /// Removes and returns the command, the first word that is neither an option nor the value of a general
    /// option that takes one; options given before it move behind the rest, so `dutydesk --db X alerts list`
    /// means what `dutydesk alerts list --db X` does (the subcommand parsers read positionals first).
    mutating func command(generalOptions: Set<String>) throws -> String {
        var i = 0
        while i < words.count, words[i].hasPrefix("--"), words[i] != "--" {
            i += generalOptions.contains(words[i]) ? 2 : 1
        }
        guard i < words.count, words[i] != "--" else {
            if i > words.count, let last = words.last { throw UsageError(.needsValue, last) }
            throw UsageError(.missingCommand)
        }
        let leading = words[..<i]
        let command = words[i]
        words = Array(words[(i + 1)...]) + leading
        return command
    }

    /// Removes and returns the next word that is not an option.
    mutating func positional(_ what: String) throws -> String {
        guard let v = optionalPositional() else { throw UsageError(.missing, what) }
        return v
    }

    mutating func optionalPositional() -> String? {
        guard let i = words.firstIndex(where: { !$0.hasPrefix("--") || $0 == "-" }) else { return nil }
        return words.remove(at: i)
    }

    /// Every remaining word must have been consumed.
    func finish() throws {
        if let extra = words.first {
            throw extra.hasPrefix("-") ? UsageError(.unknownOption, extra) : UsageError(.unexpectedArgument, extra)
        }
    }
}

/// The options every `list` command shares.
enum ListOutput {
    /// `--limit N` (default 200) and `--json`.
    static func options(_ args: inout Arguments) throws -> (limit: Int, json: Bool) {
        (try args.int("--limit", range: 1...100_000) ?? 200, args.flag("--json"))
    }
}
