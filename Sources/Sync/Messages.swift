import Model

/// A position in the central log: a sequence number plus a tag naming the entry there, so a server restored
/// from an older copy (whose entry at that number is another event, or none) notices the client saw a
/// history it no longer has.
struct LogCursor: Sendable, Hashable {
    var seq: Int64
    var tag: UInt64
    static let start = LogCursor(seq: 0, tag: 0)
}

/// How far a client got through a snapshot: the log position the snapshot describes, and the last log
/// entry whose chunk the client has applied.
struct SnapshotProgress: Sendable, Hashable {
    var target: LogCursor
    var done: Int64
    var isComplete: Bool { done >= target.seq }
}

/// Client → server. Each request is self-contained so a retried or duplicated one is harmless.
struct SyncRequest: Sendable, Equatable {
    var requestID: UInt64
    /// The last request of this cycle: the server answers it with the pull after the acknowledgments.
    var final: Bool
    /// The central epoch this client last saw; 0 before the first sync.
    var epoch: UInt64
    var cursor: LogCursor
    var snapshot: SnapshotProgress?
    /// The client's device and the highest of its sequence numbers the centre has acknowledged.
    var device: DeviceID
    var ackedThrough: Int64
    /// The highest sequence number this store holds of its own device: a centre holding more of that device
    /// than this store does knows the store is a copy (a clone, or restored from its own backup).
    var deviceHigh: Int64 = 0
    /// Most events the server should put in one answer frame.
    var pullLimit: Int
    var events: [Event]
}

/// Where a pulled frame leaves the client.
enum PullPosition: Sendable, Equatable {
    /// Following the log: the new cursor.
    case log(LogCursor)
    /// Bootstrapping: progress after this chunk and the CRC-32 of the chunk's events in `EventCodec` form.
    case snapshot(SnapshotProgress, checksum: UInt32)
}

/// Events for the client and where they leave it.
struct Pull: Sendable, Equatable {
    /// Where this frame's range starts (the cursor, or the snapshot's `done`): the client refuses a frame that
    /// does not start where it stands, so frames of two answers can never be spliced.
    var from: Int64
    var events: [Event]
    var position: PullPosition
    /// Another answer frame follows on this stream.
    var more: Bool
}

/// Server → client: one per request, plus follow-up frames while `pull.more`.
struct SyncResponse: Sendable, Equatable {
    var requestID: UInt64
    /// 0 for the direct answer, then 1, 2… for the follow-ups.
    var frameIndex: Int
    var epoch: UInt64
    /// Highest sequence applied (or rejected) per device that this request pushed for.
    var applied: [DeviceID: Int64]
    var rejected: [Rejection]
    /// Events re-stamped because their clock was too far ahead; kept at the centre for review.
    var quarantined: [EventID]
    /// Device conflict: the centre holds this request's device with other content from this sequence number on
    /// (the store is a copy). Nothing of that device from there was applied; the client takes a new device
    /// identity and re-issues its events from there under it.
    var conflict: Int64? = nil
    /// How far the centre holds this request's device, when that is beyond everything the store said it holds
    /// (0 otherwise). Another process of the same store may have pushed those events meanwhile, so the client
    /// decides: if the store does not hold them when the answer comes, it is a copy or a restored backup.
    var held: Int64 = 0
    /// The centre's wall clock when it answered (milliseconds since 1970): how the office learns its clock is off.
    var clock: Int64 = 0
    /// The stamps the centre gave this request's quarantined events: the office takes them too, or its own copy
    /// of an event stamped a day ahead would beat later work by every other office.
    var restamps: [EventID: HLC] = [:]
    var pull: Pull?
}

/// An event the centre would not apply, and why; the device counter still moved past it.
public struct Rejection: Sendable, Hashable, CustomStringConvertible {
    public let id: EventID
    public let reason: String
    public init(id: EventID, reason: String) { self.id = id; self.reason = reason }
    public var description: String { "\(id): \(reason)" }
}

/// Message bodies: a type byte then the fields. `Frame` wraps them.
enum MessageCodec {
    static let requestType: UInt8 = 1
    static let responseType: UInt8 = 2
    static let maxListItems = 1 << 20

    static func encode(_ m: SyncRequest) -> [UInt8] {
        var w = WireWriter()
        w.byte(requestType)
        w.uvarint(m.requestID)
        w.bool(m.final)
        w.uvarint(m.epoch)
        encode(m.cursor, &w)
        w.bool(m.snapshot != nil)
        if let s = m.snapshot { encode(s, &w) }
        w.uvarint(m.device)
        w.varint(m.ackedThrough)
        w.varint(m.deviceHigh)
        w.uvarint(UInt64(m.pullLimit))
        EventBatchCodec.encode(m.events, into: &w)
        return w.bytes
    }

    static func encode(_ m: SyncResponse) -> [UInt8] {
        var w = WireWriter()
        w.byte(responseType)
        w.uvarint(m.requestID)
        w.uvarint(UInt64(m.frameIndex))
        w.uvarint(m.epoch)
        w.uvarint(UInt64(m.applied.count))
        for (device, seq) in m.applied.sorted(by: { $0.key < $1.key }) { w.interned(device); w.varint(seq) }
        w.uvarint(UInt64(m.rejected.count))
        for r in m.rejected { w.interned(r.id.device); w.varint(r.id.seq); w.string(r.reason) }
        w.uvarint(UInt64(m.quarantined.count))
        for id in m.quarantined { w.interned(id.device); w.varint(id.seq) }
        w.uvarint(m.conflict.map { UInt64(max(1, $0)) } ?? 0)
        w.varint(m.held)
        w.varint(m.clock)
        w.uvarint(UInt64(m.restamps.count))
        for (id, hlc) in m.restamps.sorted(by: { $0.key < $1.key }) {
            w.interned(id.device); w.varint(id.seq); w.varint(hlc.wall); w.uvarint(UInt64(hlc.counter)); w.interned(hlc.node)
        }
        w.bool(m.pull != nil)
        if let p = m.pull {
            switch p.position {
            case .log(let c):
                w.byte(0)
                encode(c, &w)
            case .snapshot(let s, let checksum):
                w.byte(1)
                encode(s, &w)
                w.uvarint(UInt64(checksum))
            }
            w.bool(p.more)
            w.varint(p.from)
            EventBatchCodec.encode(p.events, into: &w)
        }
        return w.bytes
    }

    static func decodeRequest(_ body: [UInt8]) throws -> SyncRequest {
        do {
            var r = WireReader(body)
            guard try r.byte() == requestType else { throw DecodeError(offset: 0, "not a sync request") }
            let id = try r.uvarint()
            let final = try r.bool()
            let epoch = try r.uvarint()
            let cursor = try decodeCursor(&r)
            let snapshot = try r.bool() ? try decodeProgress(&r) : nil
            let device = try r.uvarint()
            let acked = try r.varint()
            let high = try r.varint()
            let limit = try r.uvarint()
            let events = try EventBatchCodec.decode(&r)
            guard r.isAtEnd else { throw DecodeError(offset: body.count - r.remaining, "trailing bytes") }
            return SyncRequest(requestID: id, final: final, epoch: epoch, cursor: cursor, snapshot: snapshot,
                               device: device, ackedThrough: acked, deviceHigh: high, pullLimit: Int(min(limit, 1 << 20)), events: events)
        } catch let e as DecodeError {
            throw SyncError.malformed("bad sync request: \(e)")
        }
    }

    static func decodeResponse(_ body: [UInt8]) throws -> SyncResponse {
        do {
            var r = WireReader(body)
            guard try r.byte() == responseType else { throw DecodeError(offset: 0, "not a sync response") }
            let id = try r.uvarint()
            let index = try r.count(max: Int(Int32.max))
            let epoch = try r.uvarint()
            var applied: [DeviceID: Int64] = [:]
            for _ in 0..<(try r.count(max: maxListItems)) { let d = try r.interned(); applied[d] = try r.varint() }
            var rejected: [Rejection] = []
            for _ in 0..<(try r.count(max: maxListItems)) {
                let d = try r.interned(), s = try r.varint()
                rejected.append(Rejection(id: EventID(device: d, seq: s), reason: try r.string()))
            }
            var quarantined: [EventID] = []
            for _ in 0..<(try r.count(max: maxListItems)) {
                let d = try r.interned()
                quarantined.append(EventID(device: d, seq: try r.varint()))
            }
            let conflictSeq = try r.uvarint()
            guard conflictSeq <= UInt64(Int64.max) else { throw DecodeError(offset: body.count - r.remaining, "bad conflict") }
            let conflict = conflictSeq == 0 ? nil : Int64(conflictSeq)
            let held = try r.varint()
            let clock = try r.varint()
            var restamps: [EventID: HLC] = [:]
            for _ in 0..<(try r.count(max: maxListItems)) {
                let id = EventID(device: try r.interned(), seq: try r.varint())
                let wall = try r.varint()
                guard let counter = UInt32(exactly: try r.uvarint()) else { throw DecodeError(offset: body.count - r.remaining, "bad HLC counter") }
                restamps[id] = HLC(wall: wall, counter: counter, node: try r.interned())
            }
            var pull: Pull?
            if try r.bool() {
                let position: PullPosition
                switch try r.byte() {
                case 0: position = .log(try decodeCursor(&r))
                case 1:
                    let s = try decodeProgress(&r)
                    guard let sum = UInt32(exactly: try r.uvarint()) else { throw DecodeError(offset: 0, "bad checksum") }
                    position = .snapshot(s, checksum: sum)
                case let b: throw DecodeError(offset: body.count - r.remaining - 1, "unknown pull position \(b)")
                }
                let more = try r.bool()
                let from = try r.varint()
                pull = Pull(from: from, events: try EventBatchCodec.decode(&r), position: position, more: more)
            }
            guard r.isAtEnd else { throw DecodeError(offset: body.count - r.remaining, "trailing bytes") }
            return SyncResponse(requestID: id, frameIndex: index, epoch: epoch, applied: applied, rejected: rejected,
                                quarantined: quarantined, conflict: conflict, held: max(0, held), clock: clock,
                                restamps: restamps, pull: pull)
        } catch let e as DecodeError {
            throw SyncError.malformed("bad sync response: \(e)")
        }
    }

    private static func encode(_ c: LogCursor, _ w: inout WireWriter) { w.varint(c.seq); w.uvarint(c.tag) }
    private static func encode(_ s: SnapshotProgress, _ w: inout WireWriter) { encode(s.target, &w); w.varint(s.done) }
    private static func decodeCursor(_ r: inout WireReader) throws -> LogCursor {
        let seq = try r.varint()
        return LogCursor(seq: seq, tag: try r.uvarint())
    }
    private static func decodeProgress(_ r: inout WireReader) throws -> SnapshotProgress {
        let target = try decodeCursor(&r)
        return SnapshotProgress(target: target, done: try r.varint())
    }

    /// CRC-32 of events in their canonical `EventCodec` form: what a snapshot chunk's checksum covers.
    static func checksum(_ events: [Event]) -> UInt32 {
        var w = ByteWriter(capacity: events.count * 48)
        for e in events { EventCodec.encode(e, into: &w) }
        return Zlib.crc32(w.bytes)
    }
}
