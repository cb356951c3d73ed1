import Foundation
import Model
import Store

/// `dutydesk alerts quarantine list|show ID|retry ID|drop ID`.
enum AlertQuarantineCommand {
    static func run(_ args: inout Arguments) throws {
        switch try args.positional("quarantine subcommand (list, show, retry, drop)") {
        case "list":
            let json = args.flag("--json")
            let store = try StoreLocation.open(&args, readOnly: true)
            defer { store.close() }
            let rows = try store.quarantineList()
            if json {
                for q in rows { print(line(q).text) }
                return
            }
            var t = TextTable([Msg.colID, .colReceived, .colSource, .colAt, .colIdentifier, .colBytes, .colReason])
            t.maxWidths = [2: 40, 4: 36, 6: 80]
            for q in rows {
                t.add([String(q.id), shortDate(q.received), q.source, "\(q.line):\(q.column)", q.identifier ?? "-",
                       String(q.size), q.reason])
            }
            print(t.render())
        case "show":
            let id = try entryID(&args)
            let json = args.flag("--json")
            let raw = args.flag("--raw")
            let store = try StoreLocation.open(&args, readOnly: true)
            defer { store.close() }
            guard let q = try store.quarantinedAlert(id: id) else { throw CommandError(.noQuarantineEntry, id) }
            if raw {
                FileHandle.standardOutput.write(q.raw)
            } else if json {
                var j = line(q)
                j.add("raw", String(decoding: q.raw, as: UTF8.self))
                print(j.text)
            } else {
                print("\(clean(q.source)):\(q.line):\(q.column): \(clean(q.reason))")
                print("received \(iso8601(q.received)), \(q.size) bytes\(q.identifier.map { ", identifier \(clean($0))" } ?? "")")
                print(clean(String(decoding: q.raw.prefix(4096), as: UTF8.self)))
            }
        case "retry":
            let id = try entryID(&args)
            let json = args.flag("--json")
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let results = try store.retryQuarantined(id: id)
            results.forEach { AlertImportCommand.report($0, json: json) }
            if try store.quarantinedAlert(id: id) != nil {
                throw CommandError(.quarantineStillRefused, id)
            }
            if !json { print(say(.quarantineImported, id)) }
        case "drop":
            let id = try entryID(&args)
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            guard try store.dropQuarantined(id: id) else { throw CommandError(.noQuarantineEntry, id) }
            print(say(.quarantineDropped, id))
        case let other: throw UsageError(.unknownQuarantineSub, other)
        }
    }

    static func entryID(_ args: inout Arguments) throws -> Int64 {
        let text = try args.positional("quarantine entry id")
        guard let id = Int64(text), id > 0 else { throw UsageError(.quarantineIDNumber, text) }
        return id
    }

    static func line(_ q: QuarantinedAlert) -> JSONLine {
        var j = JSONLine()
        j.add("id", q.id); j.add("received", q.received); j.add("source", q.source); j.add("line", q.line)
        j.add("column", q.column); j.add("identifier", q.identifier); j.add("reason", q.reason); j.add("bytes", q.size)
        j.add("whole_document", q.wholeDocument)
        // Where the kept message's own bytes began in its (UTF-8) document; null when the whole document is kept.
        j.add("offset", q.offset)
        return j
    }
}
