import Foundation
import Model
import Store

/// `dutydesk alerts import FILE|DIR…|- [--json]`: every message on its own; refusals quarantined and reported.
enum AlertImportCommand {
    static func run(_ args: inout Arguments) throws {
        let json = args.flag("--json")
        // Options first, so the loop below cannot mistake an option's value for a file.
        let store = try StoreLocation.open(&args, finishing: false)
        defer { store.close() }
        var files: [String] = []
        while let f = args.optionalPositional() { files.append(f) }
        guard !files.isEmpty else { throw UsageError(.importNeedsFiles) }
        try args.finish()
        var tally = ImportTally()
        // One group import: a commit per group of files, not per file (a disk flush each), results after each commit.
        var remaining = files.flatMap(expand)[...]
        // Standard input is read before the import starts: a slow pipe must not hold the store's write lock.
        let stdin = files.contains("-") ? FileHandle.standardInput.readDataToEndOfFile() : nil
        try store.importCAP(documents: {
            guard let file = remaining.popFirst() else { return nil }
            if file == "-" { return CAPDocument(data: stdin, source: "<stdin>") }
            // nil bytes: nothing to keep, reported like any refusal, and the rest go on.
            return CAPDocument(data: FileManager.default.contents(atPath: file), source: file)
        }) { r in
            report(r, json: json)
            tally.record(r)
        }
        try finish(tally, json: json)
    }

    /// A folder stands for the files in it and its subfolders, by name, hidden ones left out (a folder of downloaded
    /// messages, or more files than a command line holds); anything else is itself.
    static func expand(_ path: String) -> [String] {
        var isDir: ObjCBool = false
        guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        return names.filter { !$0.hasPrefix(".") }.sorted().flatMap { expand((path as NSString).appendingPathComponent($0)) }
    }

    static func report(_ r: AlertImportResult, json: Bool) {
        if json {
            var j = JSONLine()
            j.add("file", r.source); j.add("line", r.line); j.add("column", r.column)
            j.add("identifier", r.identifier); j.add("outcome", r.outcome.rawValue); j.add("reason", r.reason)
            j.add("msg_type", r.alert?.msgType.rawValue); j.add("status", r.alert?.status.rawValue)
            j.add("event", r.event.map { "\($0.id)" }); j.add("quarantine_id", r.quarantineID)
            print(j.text)
            return
        }
        switch r.outcome {
        case .quarantined:
            printError(clean(r.refusalLine) + (r.quarantineID.map { " " + say(.quarantinedAs, $0) } ?? ""))
        case .duplicate:
            print(say(.importDuplicate, clean(r.identifier ?? "?")))
        case .imported, .updated:
            guard let a = r.alert else { return }
            let kind = a.msgType.rawValue.lowercased()
            let mark = a.status == .actual ? "" : "[\(a.status.rawValue.uppercased())] "
            let what = a.hasInfo ? "\(a.level?.roman ?? "-") \(a.hazard.rawValue): \(mark)\(clean(a.headline))" : "\(mark)(no <info>)"
            print(say(.imported, kind, clean(a.identifier), what)
                  + (r.reason.map { " (\(clean($0)))" } ?? "") + (r.event.map { " " + say(.eventRef, $0.id) } ?? ""))
        }
    }

    /// Exit 1 when anything was refused, naming how many and where they are kept.
    static func finish(_ tally: ImportTally, json: Bool) throws {
        let refused = tally.count(.quarantined)
        let duplicates = tally.count(.duplicate)
        if !json, duplicates > 0 { print(say(.importSkipped, duplicates)) }
        if refused > 0 {
            throw CommandError(.importRefused, refused, tally.count, plural(tally.count))
        }
    }
}
