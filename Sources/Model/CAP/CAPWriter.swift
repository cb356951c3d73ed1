import Foundation

/// Writes an `Alert` as a CAP 1.2 document that `CAPParser` reads back to the same message (identity, type,
/// references, status, level, hazard, areas as GB/T 2260 geocodes, polygon, circle).
public enum CAPWriter {
    public static func document(_ a: Alert) -> String {
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
