import Foundation
import Model

/// The centre's last-writer-wins tables (record fields, unit statuses) as one description both engines use: within
/// a batch the latest clock of a key wins and the first of equal clocks stays; against the stored row the same
/// (`onConflict`, a clause both SQLite and PostgreSQL read alike). Each engine folds a batch into one of these and
/// writes its rows at the end of the batch, in key order (so concurrent batches lock shared rows in one order).
public struct LatestWinsFold: Sendable {
    /// A winners table: its columns (keys, then `hlc` and `seq`) and the clause that keeps the later clock.
    public struct Table: Sendable {
        public let target: String
        public let onConflict: String
        init(_ name: String, keys: [String]) {
            target = "\(name)(\((keys + ["hlc", "seq"]).joined(separator: ", ")))"
            onConflict = " ON CONFLICT(\(keys.joined(separator: ", "))) DO UPDATE SET hlc = excluded.hlc, seq = excluded.seq"
                + " WHERE excluded.hlc > \(name).hlc"
        }
    }
    public static let fieldWinners = Table("field_winners", keys: ["kind", "id", "field"])
    public static let unitStatus = Table("unit_status", keys: ["unit"])

    /// A winning row: the key's columns, its clock and its log position.
    public struct Row: Sendable {
        public let key: [String]
        public let hlc: String
        public let seq: Int64
    }

    private var best: [[String]: (hlc: String, seq: Int64)] = [:]
    public init() {}

    public mutating func offer(_ key: [String], hlc: String, seq: Int64) {
        if let held = best[key], hlc <= held.hlc { return }
        best[key] = (hlc, seq)
    }

    /// Folds the event's winners into `statuses` or `fields`; false when the event is of neither table.
    public static func fold(_ e: Event, seq: Int64, statuses: inout LatestWinsFold, fields: inout LatestWinsFold) -> Bool {
        let hlc = e.hlc.description
        switch e.payload {
        case .unitStatus(let unit, _, _):
            statuses.offer([unit], hlc: hlc, seq: seq)
        case .fields(let ref, let changed):
            for field in changed.keys { fields.offer([ref.kind.rawValue, ref.id, field], hlc: hlc, seq: seq) }
        default:
            return false
        }
        return true
    }

    /// The winners in key order.
    public var rows: [Row] {
        best.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { Row(key: $0, hlc: best[$0]!.hlc, seq: best[$0]!.seq) }
    }
}

/// The centre's alert rows as one description both engines use: one row per CAP message under its triplet key
/// (insert-only: the first holder keeps it), carrying the issuer and areas of the alert it belongs to, so that an
/// Update or Cancel citing any message of the alert is checked against the alert's issuer.
public enum CentralAlertFold {
    /// The key and the issuer and areas to store for `a`, written by `office`. `keys` lists the stored keys in a
    /// range (at most two: an older release's bare reference names the one message held under its identifier).
    public static func row(_ a: Alert, office: RegionCode, lookup: any CentralLookup,
                           keys: (_ lower: String, _ upper: String) throws -> [String]) throws -> (key: String, owner: CentralAlert) {
        var owner = CentralAlert(issuer: office, areas: a.areas)
        if !a.isOriginal, let root = try rootKey(of: a, keys: keys), let known = try lookup.alert(root) { owner = known }
        return (a.messageID.key, owner)
    }

    /// The key of the alert a message belongs to (`Alert.alertKey`), or the one message held under a bare reference.
    static func rootKey(of a: Alert, keys: (_ lower: String, _ upper: String) throws -> [String]) throws -> String? {
        if let key = a.alertKey { return key }
        guard let bare = a.references.first else { return nil }
        let range = CAPMessageID.keyRange(identifier: bare)
        let found = try keys(range.lower, range.upper)
        return found.count == 1 ? found[0] : nil
    }
}
