import Foundation
import Model
import Store

/// `dutydesk alerts watch DIR [--once] [--interval SECONDS]`: imports CAP files dropped into a spool folder and moves
/// each to `DIR/done/` (every message imported or a duplicate) or `DIR/quarantine/` (anything refused; the store keeps
/// the entry too). Writers drop files atomically (write elsewhere, then rename in): names starting with "." or ending
/// in ".tmp"/".part" are still being written and are left alone.
enum AlertWatchCommand {
    static func run(_ args: inout Arguments) throws {
        let dir = try args.positional("spool directory")
        let once = args.flag("--once")
        let interval = try args.int("--interval", range: 1...3600) ?? 1
        let store = try StoreLocation.open(&args)
        defer { store.close() }
        try prepare(dir)
        while true {
            try scan(dir, into: store) { AlertImportCommand.report($0, json: false) }
            fflush(nil)
            if once { return }
            Thread.sleep(forTimeInterval: TimeInterval(interval))
        }
    }

    /// Checks the spool is a folder and makes its done/ and quarantine/ folders.
    static func prepare(_ dir: String) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { throw CommandError("\(dir): not a directory") }
        for sub in ["done", "quarantine"] {
            try fm.createDirectory(atPath: (dir as NSString).appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    /// One pass over the spool: each complete file imported, then moved by its outcome. Returns the files handled.
    @discardableResult
    static func scan(_ dir: String, into store: Store, report: (AlertImportResult) -> Void) throws -> Int {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let names = try fm.contentsOfDirectory(atPath: dir).sorted().filter { name in
            !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") && name != "done" && name != "quarantine"
        }
        var handled = 0
        for name in names {
            let path = (dir as NSString).appendingPathComponent(name)
            guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue, let data = fm.contents(atPath: path) else { continue }
            var tally = ImportTally()
            try store.importCAP(data, source: path) { r in
                report(r)
                if r.source == path { tally.record(r) }
            }
            try move(path, into: (dir as NSString).appendingPathComponent(tally.anyRefused ? "quarantine" : "done"), fm)
            handled += 1
        }
        return handled
    }

    /// Moves a file into a folder, never over another of the same name (a feed reuses names).
    static func move(_ path: String, into folder: String, _ fm: FileManager) throws {
        let name = (path as NSString).lastPathComponent
        var dest = (folder as NSString).appendingPathComponent(name)
        var n = 1
        while fm.fileExists(atPath: dest) {
            n += 1
            dest = (folder as NSString).appendingPathComponent("\(name).\(n)")
        }
        try fm.moveItem(atPath: path, toPath: dest)
    }
}
