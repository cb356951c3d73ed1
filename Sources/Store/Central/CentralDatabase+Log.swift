import Foundation
import Model

/// One entry of the central log, as a reader scans it.
public struct CentralLogEntry: Sendable {
    public var seq: Int64
    public var device: DeviceID
    public var deviceSeq: Int64
    /// Payload kind: its `EventKind.code`.
    public var kind: Int
    public var scope: CentralScope
    /// The event in `EventCodec` form (decode lazily: most entries a reader scans are not for it).
    public var encoded: [UInt8]

    public init(seq: Int64, device: DeviceID, deviceSeq: Int64, kind: Int, scope: CentralScope, encoded: [UInt8]) {
        self.seq = seq; self.device = device; self.deviceSeq = deviceSeq; self.kind = kind; self.scope = scope; self.encoded = encoded
    }

    public func event() throws -> Event {
        var r = ByteReader(encoded)
        return try EventCodec.decodeEvent(&r)
    }

    /// Unit status and record fields: kinds a snapshot can drop once a later event wins.
    public var isSupersedable: Bool { EventKind.code(kind)?.isSupersedable ?? false }
}

extension CentralDatabase {
    /// Log entries after `seq`, in order, at most `limit`, up to and including `through` when given.
    public func log(after seq: Int64, through: Int64? = nil, limit: Int) throws -> [CentralLogEntry] {
        try guarded {
            try db.rows("""
                SELECT seq, device, dseq, kind, scope, region, owner, areas, event FROM log
                WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?
                """, seq, through ?? Int64.max, limit) { r in
                let scope = CentralScope(kind: CentralScope.Kind(rawValue: r.int(4)) ?? .region, region: RegionCode(r.int(5)),
                                         owner: RegionCode(r.int(6)), areas: r.isNull(7) ? [] : Self.splitAreas(r.text(7)))
                return CentralLogEntry(seq: r.int(0), device: UInt64(bitPattern: r.int(1)), deviceSeq: r.int(2),
                                       kind: Int(r.int(3)), scope: scope, encoded: r.blob(8))
            }
        }
    }

    /// Log entries that currently win something (a unit's status, a record's field). A snapshot keeps only
    /// these among supersedable entries.
    public func winningEntries() throws -> Set<Int64> {
        try guarded {
            var out = Set<Int64>()
            try db.forEach("SELECT seq FROM unit_status UNION SELECT seq FROM field_winners", []) { out.insert($0.int(0)) }
            return out
        }
    }

    /// Stock by "depot|item": the sum of every applied delta.
    public func stockTotals() throws -> [String: Int64] {
        try guarded {
            var out: [String: Int64] = [:]
            try db.forEach("SELECT depot, item, qty FROM stock", []) { out[$0.text(0) + "|" + $0.text(1)] = $0.int(2) }
            return out
        }
    }

    public func eventCount() throws -> Int { try guarded { Int(try db.int("SELECT count(*) FROM log") ?? 0) } }

    /// Events re-stamped because their clock ran too far ahead: id, original and new HLC, why.
    public func quarantined() throws -> [(id: EventID, original: HLC, restamped: HLC, reason: String)] {
        try guarded {
            try db.rows("SELECT device, dseq, original_hlc, restamped_hlc, reason FROM quarantine ORDER BY at, device, dseq") { r in
                (EventID(device: UInt64(bitPattern: r.int(0)), seq: r.int(1)), HLC(r.text(2)) ?? .zero, HLC(r.text(3)) ?? .zero, r.text(4))
            }
        }
    }

    /// Events refused, with the reason sent back.
    public func rejections() throws -> [(id: EventID, office: RegionCode, reason: String)] {
        try guarded {
            try db.rows("SELECT device, dseq, office, reason FROM rejections ORDER BY at, device, dseq") { r in
                (EventID(device: UInt64(bitPattern: r.int(0)), seq: r.int(1)), RegionCode(r.int(2)), r.text(3))
            }
        }
    }
}
