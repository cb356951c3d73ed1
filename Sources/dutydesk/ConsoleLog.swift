import Foundation

/// The console's log: what the screen can only abbreviate (the full text of a sync failure), one timestamped line
/// each, in `$XDG_STATE_HOME/dutydesk/console.log` (default `~/.local/state/dutydesk/console.log`).
final class ConsoleLog {
    let path: String?
    private var lastSyncError: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.local/state" }
        path = base.map { $0 + "/dutydesk/console.log" }
    }

    /// Records a sync error once, when it first appears or changes.
    func syncError(_ error: String?) {
        guard error != lastSyncError else { return }
        lastSyncError = error
        if let error { append("sync failed: " + error) }
    }

    func append(_ message: String) {
        guard let path else { return }
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let line = ISO8601DateFormatter().string(from: Date()) + " " + clean(message).replacingOccurrences(of: "\n", with: " ") + "\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600])
        }
    }
}
