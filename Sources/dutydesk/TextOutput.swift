import Foundation
import Screen

/// Data text made safe for a terminal: no control characters or escape sequences.
func clean(_ s: String) -> String { Sanitizer.clean(s) }

/// Prints rows as columns aligned by display width (CJK counts two), data text sanitised.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns that may be cut (with …) to keep lines within `maxWidth`.
    var maxWidths: [Int: Int] = [:]

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row.map(clean)) }

    func render() -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], min(DisplayWidth.of(cell), maxWidths[i] ?? Int.max))
            }
        }
        return all.map { row in
            row.enumerated().map { i, cell in
                let fitted = DisplayWidth.fit(cell, width: widths[i])
                return i == row.count - 1 ? fitted : DisplayWidth.pad(fitted, width: widths[i])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// "5m", "3h", "2d" — how long ago, compact.
func age(_ date: Date, now: Date = Date()) -> String {
    let s = Int(now.timeIntervalSince(date))
    if s < 0 { return "in " + age(now, now: date) }
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" }
    if s < 86_400 { return "\(s / 3600)h" }
    return "\(s / 86_400)d"
}

func shortDate(_ d: Date) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "yyyy-MM-dd HH:mm"
    return f.string(from: d)
}
