import Foundation
import Screen

/// Reads theme files. See the header of `Themes/default.theme` for the syntax.
public enum ThemeLoader {
    /// Names of the themes built into the binary.
    public static var builtInNames: [String] { BuiltinThemes.names }

    /// A built-in theme by name (parsed from the embedded copy of `Themes/NAME.theme`).
    public static func builtIn(_ name: String) -> Theme? {
        guard let text = BuiltinThemes.texts[name] else { return nil }
        return try? parse(text: text, file: name + ".theme")
    }

    /// Loads `name`: a path (contains `/` or ends in `.theme`) is read as is and any mistake is thrown.
    /// A name is looked up as `NAME.theme` in each search path in order, then among the built-ins;
    /// a bad file found that way is skipped with a warning.
    public static func load(name: String, searchPaths: [String]) throws(ConfigError) -> Loaded<Theme> {
        if ConfigPaths.looksLikePath(name, ext: "theme") {
            return Loaded(value: try parse(text: try ConfigPaths.read(name), file: name))
        }
        var warnings: [ConfigError] = []
        for dir in searchPaths {
            let path = dir + "/" + name + ".theme"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                return Loaded(value: try parse(text: try ConfigPaths.read(path), file: path), warnings: warnings)
            } catch {
                warnings.append(error)
            }
        }
        if let theme = builtIn(name) { return Loaded(value: theme, warnings: warnings) }
        throw ConfigError(file: name, line: 0, column: 0,
                          message: "unknown theme '\(name)' (built-in: \(builtInNames.joined(separator: ", ")))")
    }

    /// The theme to draw with on a `terminal` background: `theme` itself when it suits it, else the variant it names
    /// for that background (looked up like `load`), else `theme` (with a warning saying so).
    public static func matching(_ theme: Theme, terminal: ThemeBackground,
                                searchPaths: [String]) -> (theme: Theme, warning: String?) {
        if theme.background.suits(terminal) { return (theme, nil) }
        if let name = theme.variants[terminal], let variant = try? load(name: name, searchPaths: searchPaths).value,
           variant.background.suits(terminal) {
            return (variant, nil)
        }
        return (theme, "theme '\(theme.name)' is for \(theme.background.rawValue) backgrounds and names no "
                + "\(terminal.rawValue).variant; this terminal's background looks \(terminal.rawValue)")
    }

    /// Parses theme text; `file` names it in errors.
    public static func parse(text: String, file: String) throws(ConfigError) -> Theme {
        var theme = Theme(name: (file as NSString).lastPathComponent.replacingOccurrences(of: ".theme", with: ""))
        var seen: [String: Int] = [:]
        func fail(_ line: Int, _ column: Int, _ message: String) -> ConfigError {
            ConfigError(file: file, line: line, column: column, message: message)
        }
        for line in ConfigLine.lines(of: text) where !line.isBlank {
            guard let (key, value) = line.assignment else {
                throw fail(line.number, line.tokens[0].column, "expected 'key = value'")
            }
            if let first = seen[key.text] {
                throw fail(line.number, key.column, "duplicate key '\(key.text)' (first set on line \(first))")
            }
            seen[key.text] = line.number
            switch key.text {
            case "name":
                guard !value.isEmpty else { throw fail(line.number, key.column, "'name' needs a value") }
                theme.name = value.map(\.text).joined(separator: " ")
            case "description":
                theme.description = value.map(\.text).joined(separator: " ")
            case "background":
                guard value.count == 1, let b = ThemeBackground(rawValue: value[0].text.lowercased()) else {
                    throw fail(line.number, value.first?.column ?? key.column, "background must be dark, light or both")
                }
                theme.background = b
            case "dark.variant", "light.variant":
                guard value.count == 1 else { throw fail(line.number, key.column, "'\(key.text)' needs one theme name") }
                theme.variants[key.text.hasPrefix("dark") ? .dark : .light] = value[0].text
            case "base":
                guard line.number == firstSettingLine(text), let v = value.first else {
                    throw fail(line.number, key.column, "'base' must be the first setting and name a built-in theme")
                }
                guard let text = BuiltinThemes.texts[v.text], v.text != theme.name,
                      let base = try? parse(text: text, file: v.text + ".theme") else {
                    throw fail(line.number, v.column, "unknown base theme '\(v.text)' (built-in: \(builtInNames.joined(separator: ", ")))")
                }
                let name = theme.name
                theme = base
                theme.name = name
            case "marker.level1", "marker.level2", "marker.level3", "marker.level4":
                guard let v = value.first else { throw fail(line.number, key.column, "'\(key.text)' needs a marker text") }
                var marker = value.map(\.text).joined(separator: " ")
                if marker.count >= 2, marker.hasPrefix("\""), marker.hasSuffix("\"") { marker = String(marker.dropFirst().dropLast()) }
                guard !marker.isEmpty, marker.count <= 6 else {
                    throw fail(line.number, v.column, "a level marker must be 1 to 6 characters")
                }
                let index = Int(String(key.text.last!))! - 1
                theme.markers[index] = marker
            default:
                guard let role = ThemeRole(rawValue: key.text) else {
                    throw fail(line.number, key.column, "unknown key '\(key.text)'")
                }
                theme.roles[role] = try parseStyle(value, line: line.number, key: key, fail: fail)
            }
        }
        return theme
    }

    private static func firstSettingLine(_ text: String) -> Int {
        ConfigLine.lines(of: text).first { !$0.isBlank }?.number ?? 0
    }

    private static func parseStyle(_ tokens: [ConfigToken], line: Int, key: ConfigToken,
                                   fail: (Int, Int, String) -> ConfigError) throws(ConfigError) -> RoleStyle {
        var style = RoleStyle()
        var inMono = false
        var sawMono = false
        for token in tokens {
            var word = token.text
            var column = token.column
            if word.lowercased().hasPrefix("mono:") {
                if sawMono { throw fail(line, column, "'mono:' given twice") }
                inMono = true; sawMono = true
                word = String(word.dropFirst(5)); column += 5
                if word.isEmpty { continue }
            }
            let lower = word.lowercased()
            if inMono {
                if lower == "none" { continue }
                guard let a = parseAttribute(lower) else {
                    throw fail(line, column, "unknown attribute '\(word)' (bold, dim, reverse, underline, italic, blink, none)")
                }
                style.mono.insert(a)
            } else if lower.hasPrefix("fg:") || lower.hasPrefix("bg:") {
                let spec = String(word.dropFirst(3))
                guard let color = parseColor(spec) else {
                    throw fail(line, column + 3, "bad colour '\(spec)' (a name such as red or bright-blue, 0-255, #rrggbb or default)")
                }
                if lower.hasPrefix("fg:") { style.fg = color } else { style.bg = color }
            } else if lower == "none" {
                continue
            } else if let a = parseAttribute(lower) {
                style.attrs.insert(a)
            } else if word.contains(":") {
                throw fail(line, column, "unknown setting '\(word)' (fg:COLOUR, bg:COLOUR, attributes, mono: ATTRIBUTES)")
            } else {
                throw fail(line, column, "unknown attribute '\(word)' (bold, dim, reverse, underline, italic, blink)")
            }
        }
        if !sawMono { throw fail(line, key.column, "'\(key.text)' has no 'mono:' fallback (write 'mono: none' for plain)") }
        return style
    }

    static func parseAttribute(_ word: String) -> Attributes? {
        switch word {
        case "bold": .bold
        case "dim": .dim
        case "reverse": .reverse
        case "underline": .underline
        case "italic": .italic
        case "blink": .blink
        default: nil
        }
    }

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, a name, `bright-NAME`, `0`…`255` or `#rrggbb`.
    static func parseColor(_ spec: String) -> Color? {
        let s = spec.lowercased()
        if s == "default" { return .default }
        if let i = colorNames.firstIndex(of: s) { return .ansi(UInt8(i)) }
        if s.hasPrefix("bright-"), let i = colorNames.firstIndex(of: String(s.dropFirst(7))) { return .ansi(UInt8(i + 8)) }
        if s == "grey" || s == "gray" { return .ansi(8) }
        if let n = Int(s), (0...255).contains(n), !s.hasPrefix("+") { return .indexed(UInt8(n)) }
        if s.hasPrefix("#"), s.count == 7, let v = UInt32(s.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
        }
        return nil
    }
}
