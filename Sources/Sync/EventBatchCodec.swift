import Model

/// The compact form of a run of events inside one message.
///
/// Each event starts with a flags byte saying what repeats from the previous event (device, next sequence
/// number, office, operator, a zero HLC counter, node = device); only what differs follows. HLC wall times
/// are deltas from the previous event. Strings, devices and region codes go through the message's tables,
/// so a stock movement costs about a dozen bytes before zlib and fewer after. Payloads go through
/// `EventCodec`'s one payload codec (`WireWriter` is its wire form: interned strings, alerts as blobs).
enum EventBatchCodec {
    private struct Flags: OptionSet {
        let rawValue: UInt8
        static let sameDevice = Flags(rawValue: 1 << 0)
        static let nextSeq = Flags(rawValue: 1 << 1)
        static let sameOffice = Flags(rawValue: 1 << 2)
        static let sameOperator = Flags(rawValue: 1 << 3)
        static let zeroCounter = Flags(rawValue: 1 << 4)
        static let nodeIsDevice = Flags(rawValue: 1 << 5)
        static let all: UInt8 = 0x3F
    }

    /// Most events one message may carry (a decoder limit, not a batching policy).
    static let maxEvents = 1 << 20

    static func encode(_ events: [Event], into w: inout WireWriter) {
        w.uvarint(UInt64(events.count))
        var prev: Event?
        var lastSeq: [DeviceID: Int64] = [:]
        for e in events {
            var flags: Flags = []
            if e.id.device == prev?.id.device { flags.insert(.sameDevice) }
            let expected = (lastSeq[e.id.device] ?? 0) + 1
            if e.id.seq == expected { flags.insert(.nextSeq) }
            if e.office == prev?.office { flags.insert(.sameOffice) }
            if e.operator == prev?.operator { flags.insert(.sameOperator) }
            if e.hlc.counter == 0 { flags.insert(.zeroCounter) }
            if e.hlc.node == e.id.device { flags.insert(.nodeIsDevice) }
            w.byte(flags.rawValue)
            if !flags.contains(.sameDevice) { w.interned(e.id.device) }
            if !flags.contains(.nextSeq) { w.varint(e.id.seq &- expected) }
            if !flags.contains(.sameOffice) { w.interned(UInt64(bitPattern: Int64(e.office))) }
            if !flags.contains(.sameOperator) { w.string(e.operator) }
            w.varint(e.hlc.wall &- (prev?.hlc.wall ?? 0))
            if !flags.contains(.zeroCounter) { w.uvarint(UInt64(e.hlc.counter)) }
            if !flags.contains(.nodeIsDevice) { w.interned(e.hlc.node) }
            EventCodec.encode(e.payload, into: &w)
            lastSeq[e.id.device] = e.id.seq
            prev = e
        }
    }

    static func decode(_ r: inout WireReader) throws -> [Event] {
        let n = try r.count(max: maxEvents)
        var events: [Event] = []
        events.reserveCapacity(n)
        var prev: Event?
        var lastSeq: [DeviceID: Int64] = [:]
        for _ in 0..<n {
            let raw = try r.byte()
            guard raw & ~Flags.all == 0 else { throw DecodeError(offset: r.r.offset - 1, "bad event flags \(raw)") }
            let flags = Flags(rawValue: raw)
            let device: DeviceID
            if flags.contains(.sameDevice) {
                guard let p = prev else { throw DecodeError(offset: r.r.offset, "first event repeats a device") }
                device = p.id.device
            } else {
                device = try r.interned()
            }
            let expected = (lastSeq[device] ?? 0) + 1
            var seq = expected
            if !flags.contains(.nextSeq) { let d = try r.varint(); seq = expected &+ d }
            let office: RegionCode
            if flags.contains(.sameOffice) {
                guard let p = prev else { throw DecodeError(offset: r.r.offset, "first event repeats an office") }
                office = p.office
            } else {
                guard let o = Int(exactly: Int64(bitPattern: try r.interned())) else { throw DecodeError(offset: r.r.offset, "bad office") }
                office = o
            }
            let op: String
            if flags.contains(.sameOperator) {
                guard let p = prev else { throw DecodeError(offset: r.r.offset, "first event repeats an operator") }
                op = p.operator
            } else {
                op = try r.string()
            }
            let wallDelta = try r.varint()
            let wall = (prev?.hlc.wall ?? 0) &+ wallDelta
            var counter: UInt32 = 0
            if !flags.contains(.zeroCounter) {
                guard let c = UInt32(exactly: try r.uvarint()) else { throw DecodeError(offset: r.r.offset, "bad HLC counter") }
                counter = c
            }
            let node = flags.contains(.nodeIsDevice) ? device : try r.interned()
            let payload = try EventCodec.decodePayload(&r)
            let e = Event(id: EventID(device: device, seq: seq), office: office, operator: op,
                          hlc: HLC(wall: wall, counter: counter, node: node), payload: payload)
            events.append(e)
            lastSeq[device] = seq
            prev = e
        }
        return events
    }
}

extension WireWriter: PayloadWriter {
    mutating func alert(_ a: Alert) { blob(EventCodec.encode(.alert(a))) }
    static var countHasOwnTag: Bool { true }
}

extension WireReader: PayloadReader {
    mutating func alert() throws -> Alert {
        guard case .alert(let a) = try EventCodec.decodePayload(try blob()) else {
            throw DecodeError(offset: r.offset, "alert blob holds another payload")
        }
        return a
    }
    var position: Int { r.offset }
    static var countHasOwnTag: Bool { true }
}
