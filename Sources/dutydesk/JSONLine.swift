import Foundation

/// Builds one JSON object with fields in the order they are added (stable output for scripts).
struct JSONLine {
    private var parts: [(key: String, json: String)] = []

    private mutating func put(_ key: String, _ json: String) { parts.append((key, json)) }

    mutating func add(_ key: String, _ value: String?) {
        put(key, value.map(quote) ?? "null")
    }
    mutating func add(_ key: String, _ value: Int?) { put(key, (value.map(String.init) ?? "null")) }
    mutating func add(_ key: String, _ value: Int64?) { put(key, (value.map { String($0) } ?? "null")) }
    mutating func add(_ key: String, _ value: Bool) { put(key, (value ? "true" : "false")) }
    mutating func add(_ key: String, _ value: Date?) { add(key, value.map(iso8601)) }
    mutating func add(_ key: String, _ values: [String]) {
        put(key, "[" + values.map(quote).joined(separator: ",") + "]")
    }
    mutating func add(_ key: String, _ values: [Int]) {
        let items: [String] = values.map { String($0) }
        put(key, "[" + items.joined(separator: ",") + "]")
    }

    /// A value that is already JSON (an array or object built by the caller).
    mutating func add(_ key: String, raw json: String) { put(key, json) }

    var text: String {
        let fields: [String] = parts.map { quote($0.key) + ":" + $0.json }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The JSON of a field already added, for copying it into another object.
    func value(_ key: String) -> String? { parts.first { $0.key == key }?.json }
}

func iso8601(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: d)
}

/// JSON string literal; every control character is escaped so output is one line and safe.
func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            // Controls, line separators and bidi overrides are escaped: same data, nothing a terminal acts on.
            if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
                || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value) {
                out += String(format: "\\u%04x", u.value)
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
