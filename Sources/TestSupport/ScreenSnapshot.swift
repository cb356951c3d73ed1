import Foundation
import Screen

/// Screen snapshots as text files beside the tests (STYLE.md 12–13).
///
/// `ScreenSnapshot.compare(buffer, named:, directory:)` compares the buffer's lines (trailing spaces trimmed)
/// with `<directory>/<name>.txt`. With `DUTYDESK_RECORD=1` in the environment it writes the file instead and
/// passes; a missing file is recorded and reported as a failure, so a new snapshot is always looked at once.
/// The failure text is a line diff: `-` expected, `+` actual, with 1-based row numbers.
public enum ScreenSnapshot {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["DUTYDESK_RECORD"] == "1" }

    /// The buffer as the text a snapshot file holds.
    public static func text(_ buffer: ScreenBuffer) -> String {
        buffer.lines(trimmingTrailingSpaces: true).joined(separator: "\n") + "\n"
    }

    /// Nil when the snapshot matches (or was re-recorded); otherwise a readable failure with a line diff.
    public static func compare(_ buffer: ScreenBuffer, named name: String, directory: String) -> String? {
        compare(text: text(buffer), named: name, directory: directory)
    }

    public static func compare(text actual: String, named name: String, directory: String) -> String? {
        let path = (directory as NSString).appendingPathComponent(name + ".txt")
        let existing = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
        if isRecording || existing == nil {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return isRecording ? nil : "snapshot \(name) did not exist; recorded it at \(path) — check it and run again"
        }
        guard let expected = existing, expected != actual else { return nil }
        return "snapshot \(name) differs (re-record with DUTYDESK_RECORD=1 if the change is intended):\n"
            + lineDiff(expected: expected, actual: actual)
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
