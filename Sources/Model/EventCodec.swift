import Foundation

/// Compact binary encoding of payloads and events, shared by the store (payload column) and sync (wire).
/// Format version 1; a tag byte selects the payload case. Enum values are written as their raw strings so an
/// older reader fails clearly on a newer case instead of misreading it.
public enum EventCodec {
    public static let version: UInt8 = 1

    public static func encode(_ payload: EventPayload) -> [UInt8] {
        var w = ByteWriter()
        encode(payload, into: &w)
        return w.bytes
    }

    public static func decodePayload(_ bytes: [UInt8]) throws -> EventPayload {
        var r = ByteReader(bytes)
        let p = try decodePayload(&r)
        guard r.isAtEnd else { throw DecodeError(offset: r.offset, "trailing bytes after payload") }
        return p
    }

    public static func encode(_ event: Event, into w: inout ByteWriter) {
        w.uvarint(event.id.device)
        w.varint(event.id.seq)
        w.varint(Int64(event.office))
        w.string(event.operator)
        w.varint(event.hlc.wall)
        w.uvarint(UInt64(event.hlc.counter))
        w.uvarint(event.hlc.node)
        encode(event.payload, into: &w)
    }

    public static func decodeEvent(_ r: inout ByteReader) throws -> Event {
        let device = try r.uvarint()
        let seq = try r.varint()
        let office = try r.int()
        let op = try r.string()
        let wall = try r.varint()
        guard let counter = UInt32(exactly: try r.uvarint()) else { throw DecodeError(offset: r.offset, "bad HLC counter") }
        let node = try r.uvarint()
        let payload = try decodePayload(&r)
        return Event(id: EventID(device: device, seq: seq), office: office, operator: op,
                     hlc: HLC(wall: wall, counter: counter, node: node), payload: payload)
    }

    /// The one payload codec: the store's column, the central log and the wire all go through it. The tag byte is
    /// the kind's registry code (`EventKind`).
    @inlinable
    public static func encode<W: PayloadWriter>(_ payload: EventPayload, into w: inout W) {
        if case .stock(let m) = payload, W.countHasOwnTag, m.observed != nil {
            w.byte(countTag)
        } else {
            w.byte(payload.kind.code)
        }
        switch payload {
        case .alert(let a):
            w.alert(a)
        case .acknowledge(let alertID):
            w.string(alertID)
        case .unitStatus(let unit, let status, let alert):
            w.string(unit)
            w.string(status.rawValue)
            w.string(alert ?? "")
        case .stock(let m):
            encodeStock(m, into: &w)
        case .fields(let ref, let fields):
            w.string(ref.kind.rawValue)
            w.string(ref.id)
            w.uvarint(UInt64(fields.count))
            for key in fields.keys.sorted() {
                w.string(key)
                w.string(fields[key]!)
            }
        case .retire(let ref):
            w.string(ref.kind.rawValue)
            w.string(ref.id)
        case .shift(let s):
            w.string(s.action.rawValue)
            w.string(s.officer)
            w.string(s.leader)
            encodeEventID(s.shift, into: &w)
        case .note(let n):
            w.string(n.role.rawValue)
            w.string(n.text)
            w.string(n.alertID ?? "")
            encodeEventID(n.about, into: &w)
        }
    }

    @inlinable
    public static func decodePayload<R: PayloadReader>(_ r: inout R) throws -> EventPayload {
        let tag = try r.byte()
        if tag == countTag && R.countHasOwnTag { return .stock(try decodeStock(&r, tag: tag)) }
        guard let kind = EventKind.code(Int(tag)) else { throw DecodeError(offset: r.position - 1, "unknown payload tag \(tag)") }
        switch kind {
        case .alert:
            return .alert(try r.alert())
        case .acknowledge:
            return .acknowledge(alertID: try r.string())
        case .unitStatus:
            let unit = try r.string()
            let status = try r.enumValue(UnitStatus.self)
            let alert = try r.string()
            return .unitStatus(unitID: unit, status: status, alertID: alert.isEmpty ? nil : alert)
        case .stock:
            return .stock(try decodeStock(&r, tag: tag))
        case .fields:
            let kind = try r.enumValue(RecordKind.self)
            let id = try r.string()
            let n = try r.count(max: 256)
            var fields: [String: String] = [:]
            for _ in 0..<n {
                let k = try r.string()
                fields[k] = try r.string()
            }
            return .fields(RecordRef(kind, id), fields)
        case .retire:
            let kind = try r.enumValue(RecordKind.self)
            return .retire(RecordRef(kind, try r.string()))
        case .shift:
            let action = try r.enumValue(ShiftChange.Action.self)
            let officer = try r.string(), leader = try r.string()
            return .shift(ShiftChange(action: action, officer: officer, leader: leader, shift: try decodeEventID(&r)))
        case .note:
            let role = try r.enumValue(Note.Role.self)
            let text = try r.string(), alert = try r.string()
            return .note(Note(text, role: role, alertID: alert.isEmpty ? nil : alert, about: try decodeEventID(&r)))
        default:
            throw DecodeError(offset: r.position - 1, "payload tag \(tag) (\(kind.tag)) has no decoder")
        }
    }

    /// An optional event id: a presence flag, then device and sequence.
    @inlinable
    static func encodeEventID<W: PayloadWriter>(_ id: EventID?, into w: inout W) {
        w.bool(id != nil)
        if let id { w.uvarint(id.device); w.varint(id.seq) }
    }

    @inlinable
    static func decodeEventID<R: PayloadReader>(_ r: inout R) throws -> EventID? {
        guard try r.bool() else { return nil }
        return EventID(device: try r.uvarint(), seq: try r.varint())
    }

    /// The wire's tag for a stock count (reserved in `EventKind.reservedCodes`).
    @usableFromInline static let countTag: UInt8 = 7

    @inlinable
    static func encodeStock<W: PayloadWriter>(_ m: StockMovement, into w: inout W) {
        w.string(m.depot)
        w.string(m.item)
        w.varint(m.delta)
        w.string(m.kind.rawValue)
        w.string(m.reason)
        if W.countHasOwnTag {
            if let o = m.observed { w.varint(o) }
        } else {
            w.bool(m.observed != nil)
            if let o = m.observed { w.varint(o) }
        }
        w.string(m.transfer ?? "")
    }

    @inlinable
    static func decodeStock<R: PayloadReader>(_ r: inout R, tag: UInt8) throws -> StockMovement {
        let depot = try r.string(), item = try r.string(), delta = try r.varint()
        let kind = try r.enumValue(MovementKind.self)
        let reason = try r.string()
        let observed: Int64?
        if R.countHasOwnTag {
            observed = tag == countTag ? try r.varint() : nil
        } else {
            observed = try r.bool() ? try r.varint() : nil
        }
        let transfer = try r.string()
        return StockMovement(depot: depot, item: item, delta: delta, kind: kind, reason: reason,
                             observed: observed, transfer: transfer.isEmpty ? nil : transfer)
    }

    /// The store's form of an alert's body (`ByteWriter.alert`).
    static func writeAlert(_ a: Alert, into w: inout ByteWriter) { encodeAlert(a, into: &w) }
    static func readAlert(_ r: inout ByteReader) throws -> Alert { try decodeAlert(&r) }

    private static func encodeDate(_ d: Date?, into w: inout ByteWriter) {
        // Whole seconds; 0 stands for "absent" (no CAP message is dated at the epoch).
        w.varint(d.map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? 0)
    }

    private static func decodeDate(_ r: inout ByteReader) throws -> Date? {
        let s = try r.varint()
        return s == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(s))
    }

    private static func encodeAlert(_ a: Alert, into w: inout ByteWriter) {
        w.string(a.identifier)
        w.string(a.sender)
        encodeDate(a.sent, into: &w)
        w.string(a.status.rawValue)
        w.string(a.msgType.rawValue)
        w.uvarint(UInt64(a.references.count))
        for ref in a.references { w.string(ref) }
        w.string(a.category.rawValue)
        w.string(a.event)
        w.string(a.responseType?.rawValue ?? "")
        w.string(a.urgency.rawValue)
        w.string(a.severity.rawValue)
        w.string(a.certainty.rawValue)
        w.string(a.headline)
        w.string(a.description)
        w.string(a.instruction)
        encodeDate(a.onset, into: &w)
        encodeDate(a.expires, into: &w)
        w.string(a.areaDesc)
        w.uvarint(UInt64(a.areas.count))
        for code in a.areas { w.varint(Int64(code)) }
        w.uvarint(UInt64(a.polygon.count))
        for p in a.polygon { w.double(p.lat); w.double(p.lon) }
        w.bool(a.circle != nil)
        if let c = a.circle { w.double(c.center.lat); w.double(c.center.lon); w.double(c.radiusKm) }
        // The level byte: 1–4, or 0 for none (severity Unknown and no colour); its high bit says the whole CAP message
        // follows the hazard (a version byte, a length, the content). An older release wrote only 1–4, so its bytes
        // read unchanged, and an alert without content is still written exactly as it wrote it.
        w.byte(UInt8(a.level?.rawValue ?? 0) | (a.content == nil ? 0 : contentFlag))
        w.string(a.hazard.rawValue)
        if let content = a.content {
            w.byte(CAPContentCoding.version)
            var body = ByteWriter(capacity: 256)
            CAPContentCoding.encode(content, into: &body)
            w.uvarint(UInt64(body.bytes.count))
            w.raw(body.bytes)
        }
    }

    /// The level byte's flag for "the CAP content follows".
    private static let contentFlag: UInt8 = 0x80

    private static func decodeAlert(_ r: inout ByteReader) throws -> Alert {
        let identifier = try r.string(), sender = try r.string()
        let sent = try decodeDate(&r) ?? Date(timeIntervalSince1970: 0)
        let status = try r.enumValue(CAPStatus.self)
        let msgType = try r.enumValue(CAPMessageType.self)
        var references: [String] = []
        for _ in 0..<(try r.count(max: 4096)) { references.append(try r.string()) }
        let category = try r.enumValue(CAPCategory.self)
        let event = try r.string()
        let response = try r.string()
        let urgency = try r.enumValue(CAPUrgency.self)
        let severity = try r.enumValue(CAPSeverity.self)
        let certainty = try r.enumValue(CAPCertainty.self)
        let headline = try r.string(), description = try r.string(), instruction = try r.string()
        let onset = try decodeDate(&r), expires = try decodeDate(&r)
        let areaDesc = try r.string()
        var areas: [RegionCode] = []
        for _ in 0..<(try r.count(max: 65_536)) { areas.append(try r.int()) }
        var polygon: [GeoPoint] = []
        for _ in 0..<(try r.count(max: 65_536)) { polygon.append(GeoPoint(lat: try r.double(), lon: try r.double())) }
        var circle: GeoCircle?
        if try r.bool() {
            circle = GeoCircle(center: GeoPoint(lat: try r.double(), lon: try r.double()), radiusKm: try r.double())
        }
        let levelByte = try r.byte()
        let levelCode = Int(levelByte & ~contentFlag)
        guard levelCode == 0 || WarningLevel(rawValue: levelCode) != nil else {
            throw DecodeError(offset: r.offset - 1, "bad warning level")
        }
        let level = WarningLevel(rawValue: levelCode)
        let hazard = try r.enumValue(Hazard.self)
        var content: CAPContent?
        if levelByte & contentFlag != 0 {
            let version = try r.byte()
            guard version == CAPContentCoding.version else {
                throw DecodeError(offset: r.offset - 1, "alert content version \(version) is newer than this release reads")
            }
            let n = try r.count()
            var body = ByteReader(Array(try r.raw(n)))
            content = try CAPContentCoding.decode(&body)
            guard body.isAtEnd else { throw DecodeError(offset: r.offset, "trailing bytes in alert content") }
        }
        var responseType: CAPResponseType?
        if !response.isEmpty {
            guard let rt = CAPResponseType(rawValue: response) else { throw DecodeError(offset: r.offset, "bad responseType") }
            responseType = rt
        }
        return Alert(identifier: identifier, sender: sender, sent: sent, status: status, msgType: msgType,
                     references: references, category: category, event: event, responseType: responseType,
                     urgency: urgency, severity: severity, certainty: certainty, headline: headline,
                     description: description, instruction: instruction, onset: onset, expires: expires,
                     areaDesc: areaDesc, areas: areas, polygon: polygon, circle: circle, level: level, hazard: hazard,
                     content: content)
    }
}
