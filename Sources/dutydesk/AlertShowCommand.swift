import Foundation
import Model
import Store

/// `dutydesk alerts show ID [--json]` (the alert and every message of its chain) and `alerts export ID` (CAP 1.2).
enum AlertShowCommand {
    static func show(_ args: inout Arguments) throws {
        let id = try args.positional("alert id")
        let json = args.flag("--json")
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        guard let (row, chain) = try store.alertChain(id: id) else { throw CommandError(.noAlert, clean(id)) }
        if json {
            var j = JSONLine()
            j.add("id", row.id); j.add("key", row.key); j.add("level", row.level?.roman); j.add("hazard", row.hazard.rawValue)
            j.add("headline", row.headline); j.add("state", row.state.rawValue); j.add("sent", row.sent)
            j.add("regions", row.areas); j.add("area_desc", row.areaDesc)
            // The chain's shown message (latest `sent` with content) gives the top level its CAP fields.
            if let shown = AlertJSON.shown(chain) {
                let m = AlertJSON.message(shown, allInfos: false)
                for key in AlertJSON.chainFields {
                    if let v = m.value(key) { j.add(key, raw: v) }
                }
            }
            j.add("messages", raw: "[" + chain.map { AlertJSON.message($0, allInfos: true).text }.joined(separator: ",") + "]")
            print(j.text)
            return
        }
        print("\(row.level?.roman ?? "-") \(clean(row.id)) \(row.hazard.names.en) \(row.state.rawValue): \(clean(row.headline))")
        for a in chain {
            let mark = a.status == .actual ? "" : " [\(a.status.rawValue)]"
            print("  \(iso8601(a.sent)) \(a.msgType.rawValue)\(mark) \(clean(a.identifier)) from \(clean(a.sender))"
                  + (a.hasInfo ? ": \(clean(a.headline))" : " (no <info>)"))
        }
    }

    /// The chain as CAP 1.2: one `<alert>` document for a single message, else every message (oldest first) in one
    /// `<alerts>` container, which `alerts import` reads back to the same chain.
    static func export(_ args: inout Arguments) throws {
        let id = try args.positional("alert id")
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        guard let (_, chain) = try store.alertChain(id: id) else { throw CommandError(.noAlert, clean(id)) }
        if chain.count == 1 {
            print(CAPWriter.document(chain[0]), terminator: "")
            return
        }
        let bodies = chain.map { CAPWriter.document($0).replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "") }
        print("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alerts>\n" + bodies.joined() + "</alerts>")
    }
}
