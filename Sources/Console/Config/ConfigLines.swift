import Foundation

/// One word of a config line with the 1-based column where it starts.
struct ConfigToken: Equatable {
    var text: String
    var column: Int
}

/// A config line split into words: `#` at the start of a word begins a comment.
struct ConfigLine {
    var number: Int
    /// Leading spaces before the first word.
    var indent: Int
    var tokens: [ConfigToken]
    /// Column of the first tab character in the indentation, if any.
    var tabInIndent: Int?

    init(number: Int, text: String) {
        self.number = number
        var tokens: [ConfigToken] = []
        var current = ""
        var start = 0
        var column = 0
        var indent = 0
        var seenWord = false
        var tabInIndent: Int?
        scan: for ch in text {
            column += 1
            if ch == " " || ch == "\t" || ch == "\r" {
                if !current.isEmpty { tokens.append(ConfigToken(text: current, column: start)); current = "" }
                if !seenWord {
                    if ch == "\t", tabInIndent == nil { tabInIndent = column }
                    indent += 1
                }
                continue
            }
            if ch == "#" && current.isEmpty { break scan }
            if current.isEmpty { start = column }
            seenWord = true
            current.append(ch)
        }
        if !current.isEmpty { tokens.append(ConfigToken(text: current, column: start)) }
        self.indent = indent
        self.tokens = tokens
        self.tabInIndent = tokens.isEmpty ? nil : tabInIndent
    }

    var isBlank: Bool { tokens.isEmpty }

    /// `key = value…`: the key token and the value tokens, or nil when the line has no `=` after the first word.
    /// Accepts `key=value`, `key =value` and `key= value` too.
    var assignment: (key: ConfigToken, value: [ConfigToken])? {
        guard let first = tokens.first else { return nil }
        if let eq = first.text.firstIndex(of: "=") {
            let key = ConfigToken(text: String(first.text[..<eq]), column: first.column)
            let rest = String(first.text[first.text.index(after: eq)...])
            var value = Array(tokens.dropFirst())
            if !rest.isEmpty {
                value.insert(ConfigToken(text: rest, column: first.column + key.text.count + 1), at: 0)
            }
            return key.text.isEmpty ? nil : (key, value)
        }
        guard tokens.count >= 2 else { return nil }
        let second = tokens[1]
        guard second.text.hasPrefix("=") else { return nil }
        var value = Array(tokens.dropFirst(2))
        if second.text.count > 1 {
            value.insert(ConfigToken(text: String(second.text.dropFirst()), column: second.column + 1), at: 0)
        }
        return (first, value)
    }

    static func lines(of text: String) -> [ConfigLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            ConfigLine(number: $0.offset + 1, text: String($0.element))
        }
    }
}

/// Where themes and layouts are found.
public enum ConfigPaths {
    /// `$XDG_CONFIG_HOME/dutydesk/<kind>` (falling back to `~/.config/dutydesk/<kind>`); kind is `themes` or `layouts`.
    public static func userDirectory(_ kind: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/dutydesk/" + kind }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/dutydesk/" + kind }
        return nil
    }

    /// The discovery order: the user directory first, then the built-in directory (when the executable found one).
    public static func searchPaths(_ kind: String, builtInDirectory: String?,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        [userDirectory(kind, environment: environment), builtInDirectory].compactMap { $0 }
    }

    /// True when `name` should be read as a file path rather than looked up by name.
    static func looksLikePath(_ name: String, ext: String) -> Bool {
        name.contains("/") || name.hasSuffix("." + ext)
    }

    static func read(_ path: String) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: 0, column: 0, message: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 0, column: 0, message: "file is not UTF-8 text")
        }
        return text
    }

    static func files(in directory: String, ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { directory + "/" + $0 }
    }
}

/// Parses every theme and layout file in the given directories; an empty result means all are valid.
/// Backs `dutydesk check --themes --layouts`.
public func validateConfigs(themeDirs: [String], layoutDirs: [String]) -> [ConfigError] {
    var errors: [ConfigError] = []
    for dir in themeDirs {
        for file in ConfigPaths.files(in: dir, ext: "theme") {
            do { _ = try ThemeLoader.parse(text: try ConfigPaths.read(file), file: file) } catch { errors.append(error) }
        }
    }
    for dir in layoutDirs {
        for file in ConfigPaths.files(in: dir, ext: "layout") {
            do { _ = try LayoutLoader.parse(text: try ConfigPaths.read(file), file: file) } catch { errors.append(error) }
        }
    }
    return errors
}
