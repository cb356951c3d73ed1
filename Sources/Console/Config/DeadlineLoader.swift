import Foundation
import Model

/// Reads the deadlines file (`$XDG_CONFIG_HOME/dutydesk/deadlines`): one `STEP[.LEVEL] = DURATION` per line, where
/// STEP is `report`, `passOn` or `relief`, LEVEL a roman numeral (I–IV; without one the line sets every level) and
/// DURATION `10m`, `30m`, `10h`, `1h30m`, `90s` or `off`. Lines override `DeadlineRules.defaults` in file order.
public enum DeadlineLoader {
    /// The file's path, or nil when there is no config directory.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        ConfigPaths.userDirectory("deadlines", environment: environment)
    }

    /// The rules the file gives, or the defaults when there is no file; a bad file is an error, never half-read.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> DeadlineRules {
        guard let path = path(environment: environment), FileManager.default.fileExists(atPath: path) else { return .defaults }
        return try parse(text: try ConfigPaths.read(path), file: path)
    }

    /// Problems in the file, as `file:line:column: message` (empty when it is valid or absent). Backs `dutydesk check`.
    public static func validate(environment: [String: String] = ProcessInfo.processInfo.environment) -> [ConfigError] {
        do { _ = try load(environment: environment); return [] } catch { return [error] }
    }

    public static func parse(text: String, file: String) throws(ConfigError) -> DeadlineRules {
        var rules = DeadlineRules.defaults
        for line in ConfigLine.lines(of: text) where !line.isBlank {
            func fail(_ column: Int, _ message: String) -> ConfigError {
                ConfigError(file: file, line: line.number, column: column, message: message)
            }
            guard let (key, value) = line.assignment else {
                throw fail(line.tokens[0].column, "expected STEP[.LEVEL] = DURATION (e.g. report = 10m, relief.II = 10h)")
            }
            let parts = key.text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let step = DeadlineRules.Step.allCases.first(where: { $0.rawValue.lowercased() == parts[0].lowercased() }) else {
                throw fail(key.column, "unknown step '\(key.text)' (report, passOn, relief, optionally .I–.IV)")
            }
            var levels = WarningLevel.allCases
            if parts.count == 2 {
                guard let level = WarningLevel(roman: String(parts[1])) else {
                    throw fail(key.column + parts[0].count + 1, "unknown level '\(parts[1])' (I, II, III or IV)")
                }
                levels = [level]
            }
            guard value.count == 1 else {
                throw fail(value.count > 1 ? value[1].column : key.column + key.text.count, "expected one duration (10m, 10h, 1h30m, 90s or off)")
            }
            let seconds: Int64?
            if value[0].text.lowercased() == "off" {
                seconds = nil
            } else {
                guard let s = duration(value[0].text) else {
                    throw fail(value[0].column, "bad duration '\(value[0].text)' (10m, 10h, 1h30m, 90s or off; at most 7 days)")
                }
                seconds = s
            }
            for level in levels { rules.seconds[level, default: [:]][step] = seconds }
        }
        return rules
    }

    /// `90s`, `10m`, `10h`, `1h30m`, `1d`: positive, at most a week.
    static func duration(_ text: String) -> Int64? {
        var total: Int64 = 0, number: Int64 = 0, digits = 0
        for ch in text.lowercased() {
            if let d = ch.wholeNumberValue, ch.isASCII {
                guard digits < 7 else { return nil }
                number = number * 10 + Int64(d); digits += 1
                continue
            }
            let unit: Int64
            switch ch {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default: return nil
            }
            guard digits > 0 else { return nil }
            total += number * unit; number = 0; digits = 0
        }
        guard digits == 0, total > 0, total <= 7 * 86_400 else { return nil }
        return total
    }
}
