import Foundation
import Model
import Store

/// The JSON of a CAP message as `alerts list --json` and `alerts show --json` print it: its identity and type, the
/// shown `<info>` (the operator's language) and its areas whole, and, for `show`, every `<info>` block.
enum AlertJSON {
    /// The message's fields; `infos` adds every `<info>` block (show), else only the shown one's fields (list).
    static func message(_ a: Alert, allInfos: Bool) -> JSONLine {
        var m = JSONLine()
        m.add("identifier", a.identifier); m.add("sender", a.sender); m.add("sent", a.sent)
        m.add("status", a.status.rawValue); m.add("msg_type", a.msgType.rawValue); m.add("references", a.references)
        m.add("scope", a.content?.scope ?? "Public"); m.add("note", a.content?.note ?? "")
        m.add("signed", a.content?.signed ?? false)
        m.add("cap_severity", a.severity.rawValue); m.add("level", a.level?.roman)
        m.add("hazard", a.hazard.rawValue); m.add("headline", a.headline)
        m.add("regions", a.areas); m.add("area_desc", a.areaDesc)
        let shown = a.shownInfo
        m.add("event", shown?.event ?? a.event)
        m.add("language", shown?.language)
        m.add("event_codes", raw: values(shown?.eventCodes ?? []))
        m.add("parameters", raw: values(shown?.parameters ?? []))
        m.add("areas", raw: areas(shown?.areas ?? []))
        if allInfos { m.add("infos", raw: "[" + a.infos.map { info($0).text }.joined(separator: ",") + "]") }
        return m
    }

    /// The message a chain shows: the latest `sent` among those with content (an info-less Cancel shows nothing).
    static func shown(_ chain: [Alert]) -> Alert? {
        chain.filter(\.hasInfo).last { a in !chain.contains { $0.hasInfo && $0.sent > a.sent } } ?? chain.last
    }

    /// The chain-level CAP fields `list` and `show` put beside the row's own.
    static let chainFields = ["status", "msg_type", "references", "cap_severity", "event", "language", "areas"]

    static func info(_ i: CAPInfo) -> JSONLine {
        var j = JSONLine()
        j.add("language", i.language); j.add("categories", i.categories); j.add("event", i.event)
        j.add("response_types", i.responseTypes); j.add("urgency", i.urgency); j.add("cap_severity", i.severity)
        j.add("certainty", i.certainty); j.add("audience", i.audience); j.add("event_codes", raw: values(i.eventCodes))
        j.add("effective", i.effective); j.add("onset", i.onset); j.add("expires", i.expires)
        j.add("sender_name", i.senderName); j.add("headline", i.headline); j.add("description", i.description)
        j.add("instruction", i.instruction); j.add("web", i.web); j.add("contact", i.contact)
        j.add("parameters", raw: values(i.parameters)); j.add("areas", raw: areas(i.areas))
        return j
    }

    /// `[{"name":…,"value":…}]`: valueName and value, both kept.
    static func values(_ list: [CAPValue]) -> String {
        "[" + list.map { v in
            var j = JSONLine()
            j.add("name", v.name); j.add("value", v.value)
            return j.text
        }.joined(separator: ",") + "]"
    }

    static func areas(_ list: [CAPArea]) -> String {
        "[" + list.map { a in
            var j = JSONLine()
            j.add("area_desc", a.desc)
            j.add("geocodes", raw: values(a.geocodes))
            j.add("polygons", raw: "[" + a.polygons.map { p in "[" + p.map { "[\(number($0.lat)),\(number($0.lon))]" }.joined(separator: ",") + "]" }
                .joined(separator: ",") + "]")
            j.add("circles", raw: "[" + a.circles.map { c in
                "{\"lat\":\(number(c.center.lat)),\"lon\":\(number(c.center.lon)),\"radius_km\":\(number(c.radiusKm))}"
            }.joined(separator: ",") + "]")
            if !a.altitude.isEmpty { j.add("altitude", a.altitude) }
            if !a.ceiling.isEmpty { j.add("ceiling", a.ceiling) }
            return j.text
        }.joined(separator: ",") + "]"
    }

    /// A finite number as JSON (coordinates are parsed finite; anything else would be null).
    static func number(_ d: Double) -> String { d.isFinite ? String(d) : "null" }
}
