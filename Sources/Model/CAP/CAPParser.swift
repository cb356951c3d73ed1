import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads CAP 1.2 XML (one `<alert>`, or any document holding several, such as a feed) into `Alert`s.
///
/// Chinese feeds put the warning colour in `<severity>` (Red/Orange/Yellow/Blue) or a `<parameter>`;
/// standard CAP severities map to levels (Extreme→I … Minor→IV). Areas come from `<geocode>` GB/T 2260
/// codes, else from `<areaDesc>` matched against the region catalog.
public enum CAPParser {
    /// Files larger than this are refused before parsing (a feed is kilobytes, not megabytes).
    public static let maxBytes = 8 << 20

    public static func parse(_ data: Data, file: String, catalog: RegionCatalog = .shanxi) throws -> [Alert] {
        guard data.count <= maxBytes else {
            throw CAPParseError(file: file, line: 1, column: 1, message: "file is \(data.count) bytes; CAP files over \(maxBytes) are refused")
        }
        let delegate = CAPDelegate(file: file)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let ok = parser.parse()
        if let error = delegate.error { throw error }
        guard ok, delegate.isComplete else {
            let code = (parser.parserError as NSError?)?.code
            throw CAPParseError(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                                message: "not well-formed XML: " + xmlProblem(code, complete: delegate.isComplete))
        }
        guard !delegate.alerts.isEmpty else {
            throw CAPParseError(file: file, line: 1, column: 1, message: "no CAP <alert> element found")
        }
        return try delegate.alerts.map { try build($0, file: file, catalog: catalog) }
    }

    static func build(_ raw: RawAlert, file: String, catalog: RegionCatalog) throws -> Alert {
        func fail(_ message: String) -> CAPParseError {
            CAPParseError(file: file, line: raw.line, column: raw.column, message: message)
        }
        guard let identifier = raw.fields["identifier"]?.trimmed, !identifier.isEmpty else { throw fail("<alert> has no <identifier>") }
        guard let sentText = raw.fields["sent"], let sent = parseDate(sentText) else {
            throw fail("<alert> \(identifier): <sent> is missing or not a CAP date-time")
        }
        let status = CAPStatus(rawValue: raw.fields["status"]?.trimmed ?? "Actual") ?? .actual
        guard let msgType = CAPMessageType(rawValue: raw.fields["msgType"]?.trimmed ?? "Alert") else {
            throw fail("<alert> \(identifier): unknown msgType '\(raw.fields["msgType"] ?? "")'")
        }
        // CAP references are space-separated "sender,identifier,sent" triples: kept whole (the triplet is the
        // message's identity), the time rewritten in one form so equal instants compare equal.
        let references = (raw.fields["references"] ?? "").split(whereSeparator: \.isWhitespace)
            .map { part in CAPMessageID(reference: String(part))?.reference ?? String(part) }
        // Prefer the Chinese <info> block, else the first one.
        guard let info = raw.infos.first(where: { ($0.fields["language"] ?? "").lowercased().hasPrefix("zh") }) ?? raw.infos.first else {
            throw fail("<alert> \(identifier) has no <info> block")
        }
        let f = info.fields
        let severityText = f["severity"]?.trimmed ?? "Unknown"
        let levelParam = info.parameters.first { ["level", "warninglevel", "预警级别", "alertlevel", "color", "colour"].contains($0.name.lowercased()) }?.value
        let level = levelFrom(levelParam) ?? levelFrom(severityText) ?? levelFrom(f["headline"]) ?? .blue
        let severity = CAPSeverity(rawValue: severityText) ?? level.capSeverity
        let hazard = HazardClassifier.classify(info.eventCodes + [f["event"] ?? "", f["headline"] ?? ""])
        var areas: [RegionCode] = []
        var areaDescs: [String] = []
        var polygon: [GeoPoint] = []
        var circle: GeoCircle?
        for area in info.areas {
            if let d = area.desc?.trimmed, !d.isEmpty { areaDescs.append(d) }
            for code in area.geocodes {
                let digits = code.filter(\.isNumber)
                if let c = Int(digits.prefix(9)), digits.count >= 6 {
                    areas.append(digits.count >= 9 ? c : Int(digits.prefix(6))!)
                }
            }
            if polygon.isEmpty, let p = area.polygon { polygon = parsePoints(p) }
            if circle == nil, let c = area.circle { circle = parseCircle(c) }
        }
        if areas.isEmpty {
            // Match names, longest first so 太原市 is not taken for a county containing 太原.
            let text = areaDescs.joined(separator: " ") + " " + (f["headline"] ?? "")
            let byLength = catalog.regions.sorted { $0.names.zh.count > $1.names.zh.count }
            if let r = byLength.first(where: { text.contains($0.names.zh) || (!$0.names.en.isEmpty && text.contains($0.names.en)) }) {
                areas = [r.code]
            }
        }
        return Alert(identifier: identifier, sender: raw.fields["sender"]?.trimmed ?? "", sent: sent, status: status,
                     msgType: msgType, references: references, category: CAPCategory(rawValue: f["category"]?.trimmed ?? "") ?? hazard.capCategory,
                     event: f["event"]?.trimmed ?? hazard.names.en, responseType: f["responseType"].flatMap { CAPResponseType(rawValue: $0.trimmed) },
                     urgency: CAPUrgency(rawValue: f["urgency"]?.trimmed ?? "") ?? .unknown, severity: severity,
                     certainty: CAPCertainty(rawValue: f["certainty"]?.trimmed ?? "") ?? .unknown,
                     headline: f["headline"]?.trimmed ?? (f["event"]?.trimmed ?? identifier),
                     description: f["description"]?.trimmed ?? "", instruction: f["instruction"]?.trimmed ?? "",
                     onset: f["onset"].flatMap(parseDate) ?? f["effective"].flatMap(parseDate), expires: f["expires"].flatMap(parseDate),
                     areaDesc: areaDescs.joined(separator: "; "), areas: areas, polygon: polygon, circle: circle,
                     level: level, hazard: hazard)
    }

    /// libxml2's error numbers as words, for the ones a hand-edited or truncated file produces.
    static func xmlProblem(_ code: Int?, complete: Bool) -> String {
        switch code {
        case nil: return complete ? "malformed document" : "unexpected end of file (an element is not closed)"
        case 4: return "the document is empty"
        case 5: return "unexpected end of file"
        case 9: return "a character XML does not allow (e.g. a control character)"
        case 26: return "an undefined entity"
        case 68, 73, 76: return "a tag is not closed or does not match"
        case let c?: return "parser error \(c)"
        }
    }

    /// Red/Orange/Yellow/Blue, 红色…, I–IV, 1–4, or CAP severities.
    static func levelFrom(_ text: String?) -> WarningLevel? {
        guard let t = text?.trimmed, !t.isEmpty else { return nil }
        let lower = t.lowercased()
        for (level, words) in [(WarningLevel.red, ["red", "红"]), (.orange, ["orange", "橙"]), (.yellow, ["yellow", "黄"]), (.blue, ["blue", "蓝"])] {
            if words.contains(where: { lower.contains($0) }) { return level }
        }
        if let l = WarningLevel(roman: t) { return l }
        if let n = Int(t), let l = WarningLevel(rawValue: n) { return l }
        switch CAPSeverity(rawValue: t) {
        case .extreme: return .red
        case .severe: return .orange
        case .moderate: return .yellow
        case .minor: return .blue
        default: return nil
        }
    }

    /// CAP date-times: `2026-07-12T08:30:00+08:00` (also tolerates `Z` and fractional seconds).
    static func parseDate(_ text: String) -> Date? {
        let t = text.trimmed
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: t) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: t)
    }

    static func parsePoints(_ text: String) -> [GeoPoint] {
        text.split(whereSeparator: \.isWhitespace).compactMap { pair in
            let p = pair.split(separator: ",")
            guard p.count == 2, let lat = Double(p[0]), let lon = Double(p[1]),
                  (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
            return GeoPoint(lat: lat, lon: lon)
        }
    }

    static func parseCircle(_ text: String) -> GeoCircle? {
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let center = parsePoints(String(parts[0])).first, let r = Double(parts[1]), r >= 0 else { return nil }
        return GeoCircle(center: center, radiusKm: r)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
