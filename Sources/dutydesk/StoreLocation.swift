import Foundation
import Model
import Store

/// Where the store lives and how commands open it.
enum StoreLocation {
    /// `--db PATH`, else `$XDG_DATA_HOME/dutydesk/store.db` (XDG default `~/.local/share`).
    static func path(_ args: inout Arguments) throws -> String {
        if let p = try args.option("--db") { return p }
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return base + "/dutydesk/store.db"
    }

    /// Opens the store named by `--db`. Unless `finishing` is false, every other word must have been consumed
    /// already, so a usage mistake is reported (exit 2) before any file is touched.
    static func open(_ args: inout Arguments, readOnly: Bool = false, finishing: Bool = true) throws -> Store {
        let p = try path(&args)
        if finishing { try args.finish() }
        guard FileManager.default.fileExists(atPath: p) else {
            throw CommandError(.noStore, p)
        }
        do {
            return try Store.open(path: p, readOnly: readOnly)
        } catch let error as StoreError where readOnly && error.code == .needsMigration {
            // A newer binary on an older store: upgrade it once (each step is its own transaction, and a
            // failed step leaves the file at the last good version), then read as asked.
            printError(say(.upgrading, p))
            try Store.open(path: p).close()
            return try Store.open(path: p, readOnly: true)
        }
    }

    static func ensureDirectory(for path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
    }
}
