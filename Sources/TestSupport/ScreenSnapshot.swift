import Foundation
import Screen

/// Screen snapshots as text files beside the tests (STYLE.md 12–13).
///
/// `ScreenSnapshot.compare(buffer, named:, directory:)` compares the buffer's lines (trailing spaces trimmed)
/// with `<directory>/<name>.txt`. A missing file, or any difference while `scripts/record-snapshots` records, is
/// written and still reported as a failure (see `RecordMode`), so no comparison ever passes without a match.
/// The failure text is a line diff: `-` expected, `+` actual, with 1-based row numbers.
public enum ScreenSnapshot {
    /// The buffer as the text a snapshot file holds.
    public static func text(_ buffer: ScreenBuffer) -> String {
        buffer.lines(trimmingTrailingSpaces: true).joined(separator: "\n") + "\n"
    }

    /// Nil when the snapshot matches; otherwise a readable failure with a line diff.
    public static func compare(_ buffer: ScreenBuffer, named name: String, directory: String) -> String? {
        compare(text: text(buffer), named: name, directory: directory)
    }

    public static func compare(text actual: String, named name: String, directory: String) -> String? {
        RecordMode.check(file: (directory as NSString).appendingPathComponent(name + ".txt"), holds: actual,
                         what: "snapshot \(name)", hint: "re-record with scripts/record-snapshots",
                         diff: { lineDiff(expected: $0, actual: $1) })
    }

    /// Rows that differ, as `-N expected` / `+N actual` pairs.
    public static func lineDiff(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : nil, y = i < b.count ? b[i] : nil
            if x == y { continue }
            if let x { out.append("-\(i + 1)\t|\(x)|") }
            if let y { out.append("+\(i + 1)\t|\(y)|") }
        }
        return out.joined(separator: "\n")
    }
}
