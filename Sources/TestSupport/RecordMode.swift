import Foundation

/// Deliberate re-recording of files the tests compare against (screen snapshots, generated sources).
///
/// `DUTYDESK_RECORD=1` is set only by `scripts/record-snapshots`; `scripts/test` refuses to run with it. Even
/// then a comparison never passes silently: a file that was missing or different is rewritten and the check
/// fails, saying what was written, so the run that recorded is red and the next one (without recording) proves it.
public enum RecordMode {
    public static var isOn: Bool { ProcessInfo.processInfo.environment["DUTYDESK_RECORD"] == "1" }

    /// Nil when the file at `path` holds exactly `expected`; otherwise a failure text (after rewriting the file when
    /// recording, or when it did not exist). `what` names the file for people, `hint` says how to refresh it.
    public static func check(file path: String, holds expected: String, what: String, hint: String,
                             recording: Bool = RecordMode.isOn,
                             diff: (String, String) -> String = { _, _ in "" }) -> String? {
        let existing = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
        if existing == expected { return nil }
        guard existing == nil || recording else {
            let shown = diff(existing ?? "", expected)
            return "\(what) differs (if the change is intended: \(hint))" + (shown.isEmpty ? "" : ":\n" + shown)
        }
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            return "\(what) could not be written at \(path): \(error)"
        }
        if existing == nil {
            return "\(what) did not exist; recorded it at \(path): look at it, then run the tests again"
        }
        let shown = diff(existing ?? "", expected)
        return "\(what) was re-recorded at \(path) (DUTYDESK_RECORD=1): review it with git diff, then run the tests "
            + "again without DUTYDESK_RECORD" + (shown.isEmpty ? "" : ":\n" + shown)
    }
}
