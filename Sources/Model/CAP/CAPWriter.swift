import Foundation

/// Writes an `Alert` as a CAP 1.2 document that `CAPParser` reads back to the same message: the whole message as it
/// came (every `<info>` and area) when the alert kept it, else its shown fields (identity, type, references, status,
/// level, hazard, areas as GB/T 2260 geocodes, polygon, circle).
public enum CAPWriter {
    public static func document(_ a: Alert) -> String {
        if let content = a.content { return whole(a, content) }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
        func el(_ name: String, _ value: String?, indent: String = "  ") {
            guard let value, !value.isEmpty else { return }
            x += "\(indent)<\(name)>\(escape(value))</\(name)>\n"
        }
        el("identifier", a.identifier)
        el("sender", a.sender)
        el("sent", CAPMessageID.sentText(a.sent))
        el("status", a.status.rawValue)
        el("msgType", a.msgType.rawValue)
        el("scope", "Public")
        el("references", a.references.joined(separator: " "))
        guard a.hasInfo else {
            el("note", a.description)
            return x + "</alert>\n"
        }
        let i = "    "
        x += "  <info>\n"
        el("language", "zh-CN", indent: i)
        el("category", a.category.rawValue, indent: i)
        el("event", a.event, indent: i)
        el("responseType", a.responseType?.rawValue, indent: i)
        el("urgency", a.urgency.rawValue, indent: i)
        el("severity", a.severity.rawValue, indent: i)
        el("certainty", a.certainty.rawValue, indent: i)
        // The hazard by its own name, so it reads back exactly whatever the event text says.
        x += "\(i)<eventCode><valueName>DutyDesk:hazard</valueName><value>\(a.hazard.rawValue)</value></eventCode>\n"
        el("onset", a.onset.map(CAPMessageID.sentText), indent: i)
        el("expires", a.expires.map(CAPMessageID.sentText), indent: i)
        el("headline", a.headline, indent: i)
        el("description", a.description, indent: i)
        el("instruction", a.instruction, indent: i)
        if let level = a.level {
            x += "\(i)<parameter><valueName>预警级别</valueName><value>\(level.names.en)</value></parameter>\n"
        }
        x += "\(i)<area>\n"
        el("areaDesc", a.areaDesc.isEmpty ? "-" : a.areaDesc, indent: i + "  ")
        if !a.polygon.isEmpty {
            el("polygon", a.polygon.map { "\($0.lat),\($0.lon)" }.joined(separator: " "), indent: i + "  ")
        }
        if let c = a.circle { el("circle", "\(c.center.lat),\(c.center.lon) \(c.radiusKm)", indent: i + "  ") }
        for code in a.areas {
            x += "\(i)  <geocode><valueName>GB/T 2260</valueName><value>\(code)</value></geocode>\n"
        }
        x += "\(i)</area>\n  </info>\n</alert>\n"
        return x
    }

    /// The message whole, from its stored content; the signature itself is not kept, so none is written.
    static func whole(_ a: Alert, _ c: CAPContent) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
        func el(_ name: String, _ value: String?, _ indent: String = "  ") {
            guard let value, !value.isEmpty else { return }
            x += "\(indent)<\(name)>\(escape(value))</\(name)>\n"
        }
        func pair(_ name: String, _ v: CAPValue, _ indent: String) {
            x += "\(indent)<\(name)><valueName>\(escape(v.name))</valueName><value>\(escape(v.value))</value></\(name)>\n"
        }
        el("identifier", a.identifier); el("sender", a.sender); el("sent", CAPMessageID.sentText(a.sent))
        el("status", a.status.rawValue); el("msgType", a.msgType.rawValue); el("source", c.source)
        el("scope", c.scope.isEmpty ? "Public" : c.scope); el("restriction", c.restriction); el("addresses", c.addresses)
        for code in c.codes { el("code", code) }
        el("note", c.note); el("references", a.references.joined(separator: " ")); el("incidents", c.incidents)
        let i = "    ", j = "      "
        for info in c.infos {
            x += "  <info>\n"
            el("language", info.language, i)
            for category in info.categories { el("category", category, i) }
            el("event", info.event, i)
            for response in info.responseTypes { el("responseType", response, i) }
            el("urgency", info.urgency, i); el("severity", info.severity, i); el("certainty", info.certainty, i)
            el("audience", info.audience, i)
            for code in info.eventCodes { pair("eventCode", code, i) }
            el("effective", info.effective.map(CAPMessageID.sentText), i); el("onset", info.onset.map(CAPMessageID.sentText), i)
            el("expires", info.expires.map(CAPMessageID.sentText), i)
            el("senderName", info.senderName, i); el("headline", info.headline, i); el("description", info.description, i)
            el("instruction", info.instruction, i); el("web", info.web, i); el("contact", info.contact, i)
            for p in info.parameters { pair("parameter", p, i) }
            for area in info.areas {
                x += "\(i)<area>\n"
                el("areaDesc", area.desc.isEmpty ? "-" : area.desc, j)
                for p in area.polygons { el("polygon", p.map { "\($0.lat),\($0.lon)" }.joined(separator: " "), j) }
                for circle in area.circles { el("circle", "\(circle.center.lat),\(circle.center.lon) \(circle.radiusKm)", j) }
                for g in area.geocodes { pair("geocode", g, j) }
                el("altitude", area.altitude, j); el("ceiling", area.ceiling, j)
                x += "\(i)</area>\n"
            }
            x += "  </info>\n"
        }
        return x + "</alert>\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
