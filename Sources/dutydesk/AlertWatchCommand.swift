import Foundation
import Model
import Store

/// `dutydesk alerts watch DIR [--once] [--interval SECONDS]`: imports CAP files dropped into a spool folder and moves
/// each to `DIR/done/` (every message imported or a duplicate) or `DIR/quarantine/` (anything refused; the store keeps
/// the entry too, and a `.reason.txt` is written beside the file). Writers should drop files atomically (write
/// elsewhere, then rename in); names starting with "." or ending in ".tmp"/".part" (and the like) are still being
/// written and are left alone, and a fresh file that is not yet a whole document waits for a later pass. Subfolders
/// are spooled too, and keep their place under done/ and quarantine/.
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
            do {
                try fm.createDirectory(atPath: (dir as NSString).appendingPathComponent(sub), withIntermediateDirectories: true)
            } catch {
                throw CommandError("\(dir): cannot make \(sub)/ in it (is the spool folder writable?)")
            }
        }
        guard access(dir, W_OK) == 0 else { throw CommandError("\(dir): the spool folder is not writable; files could not be moved out of it") }
    }

    /// Names a writer uses while a file is still being written (dotfiles, editors' and downloaders' suffixes).
    static func isInProgress(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || [".tmp", ".part", ".partial", ".swp", ".crdownload", ".filepart"]
            .contains { name.lowercased().hasSuffix($0) }
    }

    /// A file changed this recently whose document stops short is taken to be still being written by a writer that
    /// does not rename (`cp`, an FTP upload): it is left for a later pass, not quarantined half-written.
    static let settleSeconds: TimeInterval = 2

    /// One pass over the spool and its subfolders: each complete file imported, then moved by its outcome to the same
    /// relative place under done/ or quarantine/ (the latter with a `.reason.txt` beside it). Returns the files handled.
    /// The files of a pass are one group import (`Store.importCAP(documents:)`): a burst of a thousand one-message
    /// files costs a few disk flushes, not a thousand; a file is moved only once what it held is committed.
    @discardableResult
    static func scan(_ dir: String, into store: Store, now: Date = Date(), report: (AlertImportResult) -> Void) throws -> Int {
        let fm = FileManager.default
        var pending = try spoolFiles(dir, fm)[...]
        // The files of this pass, moved once the import is committed (a refused oversized file too).
        var imported: [String] = []
        var tallies: [String: ImportTally] = [:], refusals: [String: [String]] = [:]
        var handled = 0
        func settle(_ relative: String, _ path: String) throws {
            let refused = tallies[path]?.anyRefused ?? false
            let moved = try move(path, into: ((dir as NSString).appendingPathComponent(refused ? "quarantine" : "done") as NSString)
                .appendingPathComponent((relative as NSString).deletingLastPathComponent), fm)
            if refused {
                try? ((refusals[path] ?? []).joined(separator: "\n") + "\n").write(toFile: moved + ".reason.txt", atomically: true, encoding: .utf8)
            }
            handled += 1
        }
        func record(_ r: AlertImportResult) {
            report(r)
            tallies[r.source, default: ImportTally()].record(r)
            if r.outcome == .quarantined { refusals[r.source, default: []].append(r.refusalLine) }
        }
        try store.importCAP(documents: {
            // Read here, one file at a time, so a burst is never all in memory at once.
            while let relative = pending.popFirst() {
                let path = (dir as NSString).appendingPathComponent(relative)
                let attributes = try? fm.attributesOfItem(atPath: path)
                let modified = attributes?[.modificationDate] as? Date ?? .distantPast
                let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
                if size > CAPParser.maxBytes {
                    // Not even read: a file this size is not a CAP document, and reading it could exhaust memory.
                    record(AlertImportResult(source: path, line: 1, column: 1, identifier: nil, outcome: .quarantined,
                                             reason: "file is \(size) bytes; CAP files over \(CAPParser.maxBytes) are refused (moved to quarantine/, not kept in the store)"))
                    imported.append(relative)
                    continue
                }
                guard let data = fm.contents(atPath: path) else { continue }
                if now.timeIntervalSince(modified) < settleSeconds, looksUnfinished(data, path) { continue }
                imported.append(relative)
                return CAPDocument(data: data, source: path)
            }
            return nil
        }, each: record)
        for relative in imported { try settle(relative, (dir as NSString).appendingPathComponent(relative)) }
        return handled
    }

    /// Whether a document stops short, as a file still being written does: empty, or refused as a whole at its last
    /// line. (A file refused earlier on — a NUL byte, a DTD — is quarantined at once; it will not get better.)
    static func looksUnfinished(_ data: Data, _ path: String) -> Bool {
        // A document that ends by closing the element it opened with is whole: no need to read it twice.
        if endsWithItsRootClosed(data) { return false }
        do {
            try CAPParser.forEachMessage(data, file: path) { _ in }
            return false
        } catch let error as FileError {
            let lines = data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            return data.isEmpty || error.line >= lines - (data.last == 0x0A ? 1 : 0)
        } catch {
            return false
        }
    }

    /// Whether the last tag of `data` (blanks after it aside) closes the first element it opens, e.g. `<alert …>` …
    /// `</alert>`, `<cap:alert>` … `</cap:alert>`.
    static func endsWithItsRootClosed(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        var end = bytes.count
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        guard end > 3, bytes[end - 1] == UInt8(ascii: ">"),
              let open = bytes.lastIndex(of: UInt8(ascii: "<")), open < end, open + 1 < end, bytes[open + 1] == UInt8(ascii: "/") else { return false }
        let closing = bytes[(open + 2)..<(end - 1)]
        // The root: the first '<' not followed by '?', '!' (declaration, comment, doctype).
        var i = 0
        while let lt = bytes[i...].firstIndex(of: UInt8(ascii: "<")) {
            guard lt + 1 < bytes.count else { return false }
            if bytes[lt + 1] == UInt8(ascii: "?") || bytes[lt + 1] == UInt8(ascii: "!") { i = lt + 1; continue }
            let nameEnd = bytes[(lt + 1)...].firstIndex { [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains($0) } ?? bytes.count
            return !closing.isEmpty && bytes[(lt + 1)..<nameEnd].elementsEqual(closing)
        }
        return false
    }

    /// The spool's files (relative paths, sorted), not done/ or quarantine/ nor anything still being written.
    static func spoolFiles(_ dir: String, _ fm: FileManager) throws -> [String] {
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw CommandError("\(dir): the spool folder is gone (deleted, moved or unmounted)")
        }
        var files: [String] = []
        var folders = [""]
        while let folder = folders.popLast() {
            let full = folder.isEmpty ? dir : (dir as NSString).appendingPathComponent(folder)
            guard let names = try? fm.contentsOfDirectory(atPath: full) else {
                throw CommandError("\(full): the spool folder cannot be read")
            }
            for name in names where !isInProgress(name) && !(folder.isEmpty && (name == "done" || name == "quarantine")) {
                let relative = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
                guard fm.fileExists(atPath: (dir as NSString).appendingPathComponent(relative), isDirectory: &isDir) else { continue }
                if isDir.boolValue { folders.append(relative) } else { files.append(relative) }
            }
        }
        return files.sorted()
    }

    /// Moves a file into a folder (made if need be), never over another of the same name (a feed reuses names):
    /// `name.xml`, then `name.2.xml`, `name.3.xml`… Returns where it went.
    @discardableResult
    static func move(_ path: String, into folder: String, _ fm: FileManager) throws -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var dest = (folder as NSString).appendingPathComponent(name)
        var n = 1
        while fm.fileExists(atPath: dest) || fm.fileExists(atPath: dest + ".reason.txt") {
            n += 1
            dest = (folder as NSString).appendingPathComponent(ext.isEmpty ? "\(name).\(n)" : "\(stem).\(n).\(ext)")
        }
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try fm.moveItem(atPath: path, toPath: dest)
        } catch {
            throw CommandError("\(path): cannot move it into \(folder) (is the spool folder writable?)")
        }
        return dest
    }
}
