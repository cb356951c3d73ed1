import Foundation

extension Alert {
    /// Every `<info>` block of the message: the stored ones, or, for an alert without its CAP content (made here, or
    /// stored by an older release), one block rebuilt from the shown fields.
    public var infos: [CAPInfo] {
        if let content { return content.infos }
        guard hasInfo else { return [] }
        let geocodes = areas.map { CAPValue("GB/T 2260", String($0)) }
        let area = CAPArea(desc: areaDesc, polygons: polygon.isEmpty ? [] : [polygon], circles: circle.map { [$0] } ?? [],
                           geocodes: geocodes)
        return [CAPInfo(language: "zh-CN", categories: [category.rawValue], event: event,
                        responseTypes: responseType.map { [$0.rawValue] } ?? [], urgency: urgency.rawValue,
                        severity: severity.rawValue, certainty: certainty.rawValue, onset: onset, expires: expires,
                        headline: headline, description: description, instruction: instruction,
                        areas: [area])]
    }

    /// The `<info>` whose fields the alert shows (picked at import in the display language order), else the one that
    /// order prefers.
    public var shownInfo: CAPInfo? {
        let all = infos
        return all.first { i in (i.headline.isEmpty ? (i.event.isEmpty ? identifier : i.event) : i.headline) == headline }
            ?? CAPParser.preferred(all, languages: CAPParser.defaultLanguages) { $0.language }
    }
}

/// The store's byte form of `CAPContent`, written after an alert's shown fields behind a flag in the level byte and a
/// version byte (`EventCodec`): an alert without content is written exactly as before, so older events keep their bytes.
enum CAPContentCoding {
    /// The version byte that introduces the content; a reader meeting another refuses the alert clearly.
    static let version: UInt8 = 2

    static func encode(_ c: CAPContent, into w: inout ByteWriter) {
        w.string(c.scope); w.string(c.restriction); w.string(c.addresses); w.string(c.source); w.string(c.note)
        strings(c.codes, &w)
        w.string(c.incidents)
        w.bool(c.signed)
        w.uvarint(UInt64(c.infos.count))
        for i in c.infos {
            w.string(i.language)
            strings(i.categories, &w)
            w.string(i.event)
            strings(i.responseTypes, &w)
            w.string(i.urgency); w.string(i.severity); w.string(i.certainty); w.string(i.audience)
            values(i.eventCodes, &w)
            for d in [i.effective, i.onset, i.expires] { w.varint(d.map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? 0) }
            for s in [i.senderName, i.headline, i.description, i.instruction, i.web, i.contact] { w.string(s) }
            values(i.parameters, &w)
            w.uvarint(UInt64(i.areas.count))
            for a in i.areas {
                w.string(a.desc)
                w.uvarint(UInt64(a.polygons.count))
                for p in a.polygons {
                    w.uvarint(UInt64(p.count))
                    for point in p { w.double(point.lat); w.double(point.lon) }
                }
                w.uvarint(UInt64(a.circles.count))
                for c in a.circles { w.double(c.center.lat); w.double(c.center.lon); w.double(c.radiusKm) }
                values(a.geocodes, &w)
                w.string(a.altitude); w.string(a.ceiling)
            }
        }
    }

    static func decode(_ r: inout ByteReader) throws -> CAPContent {
        var c = CAPContent(scope: try r.string(), restriction: try r.string(), addresses: try r.string(),
                           source: try r.string(), note: try r.string())
        c.codes = try strings(&r)
        c.incidents = try r.string()
        c.signed = try r.bool()
        for _ in 0..<(try r.count(max: 1024)) {
            var i = CAPInfo(language: try r.string())
            i.categories = try strings(&r)
            i.event = try r.string()
            i.responseTypes = try strings(&r)
            i.urgency = try r.string(); i.severity = try r.string(); i.certainty = try r.string(); i.audience = try r.string()
            i.eventCodes = try values(&r)
            i.effective = try date(&r); i.onset = try date(&r); i.expires = try date(&r)
            i.senderName = try r.string(); i.headline = try r.string(); i.description = try r.string()
            i.instruction = try r.string(); i.web = try r.string(); i.contact = try r.string()
            i.parameters = try values(&r)
            for _ in 0..<(try r.count(max: 65_536)) {
                var a = CAPArea(desc: try r.string())
                for _ in 0..<(try r.count(max: 65_536)) {
                    var polygon: [GeoPoint] = []
                    for _ in 0..<(try r.count(max: 1 << 20)) { polygon.append(GeoPoint(lat: try r.double(), lon: try r.double())) }
                    a.polygons.append(polygon)
                }
                for _ in 0..<(try r.count(max: 65_536)) {
                    a.circles.append(GeoCircle(center: GeoPoint(lat: try r.double(), lon: try r.double()), radiusKm: try r.double()))
                }
                a.geocodes = try values(&r)
                a.altitude = try r.string(); a.ceiling = try r.string()
                i.areas.append(a)
            }
            c.infos.append(i)
        }
        return c
    }

    private static func strings(_ list: [String], _ w: inout ByteWriter) {
        w.uvarint(UInt64(list.count))
        for s in list { w.string(s) }
    }

    private static func strings(_ r: inout ByteReader) throws -> [String] {
        try (0..<(try r.count(max: 65_536))).map { _ in try r.string() }
    }

    private static func values(_ list: [CAPValue], _ w: inout ByteWriter) {
        w.uvarint(UInt64(list.count))
        for v in list { w.string(v.name); w.string(v.value) }
    }

    private static func values(_ r: inout ByteReader) throws -> [CAPValue] {
        try (0..<(try r.count(max: 65_536))).map { _ in CAPValue(try r.string(), try r.string()) }
    }

    private static func date(_ r: inout ByteReader) throws -> Date? {
        let s = try r.varint()
        return s == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(s))
    }
}
