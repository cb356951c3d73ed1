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
        print(text(row, chain, Msg.language))
    }

    /// `show`'s lines in the CLI's language: the row, its labelled fields from the message the chain shows (the CAP
    /// event beside the hazard, which for a hazard outside the plan is the only word saying what it is), then every
    /// message of the chain. Labels, hazard, state and message types come from the catalog; data text is the feed's.
    static func text(_ row: AlertRow, _ chain: [Alert], _ lang: Language) -> String {
        let shown = AlertJSON.shown(chain)
        var lines = [say(.showHeader, row.level?.roman ?? "-", row.id, row.hazard.name(lang), row.state.name(lang), row.headline, lang: lang)]
        func field(_ label: Msg, _ value: String) {
            if !value.isEmpty { lines.append("  " + say(.showField, say(label, lang: lang), value, lang: lang)) }
        }
        field(.showEvent, shown?.shownInfo?.event ?? shown?.event ?? "")
        field(.showLevel, row.level.map { "\($0.roman) \($0.name(lang))" } ?? say(.showNoLevel, lang: lang))
        field(.showArea, row.areas.isEmpty ? row.areaDesc
              : row.areas.map { RegionCatalog.shanxi.name($0, lang) }.joined(separator: lang == .zh ? "、" : ", "))
        field(.showSender, row.sender)
        field(.showSent, iso8601(row.sent))
        field(.showExpires, row.expires.map(iso8601) ?? "")
        field(.showLanguage, shown?.shownInfo?.language ?? "")
        // The feed's own text, line by line under its label (markup in it stays text: `print` cleans each line).
        for (label, body) in [(Msg.showDescription, row.description), (.showInstruction, row.instruction)] where !body.isEmpty {
            lines.append("  " + say(.showField, say(label, lang: lang), "", lang: lang).trimmingCharacters(in: .whitespaces))
            lines += body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        lines.append("  " + say(.showMessages, chain.count, lang: lang))
        for a in chain {
            let mark = a.status == .actual ? "" : " " + Store.watermark(a.status)
            let what = a.hasInfo ? a.headline : say(.showNoInfo, lang: lang)
            lines.append("    " + say(.showChainLine, iso8601(a.sent), a.msgType.name(lang) + mark, a.identifier, a.sender, what, lang: lang))
        }
        return lines.joined(separator: "\n")
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
