import Foundation
import Model

/// Who may read an event at the centre, decided when it is applied and kept with it in the log.
public struct CentralScope: Sendable, Hashable {
    public enum Kind: Int64, Sendable {
        /// Everyone reads it (the item catalogue, office names).
        case everyone = 0
        /// Offices whose subtree holds `region`, and the `owner`.
        case region = 1
        /// Alerts and what hangs off them: offices whose subtree meets `areas` or lies inside one of them.
        case areas = 2
    }
    public var kind: Kind
    public var region: RegionCode
    public var owner: RegionCode
    public var areas: [RegionCode]
    public init(kind: Kind, region: RegionCode = 0, owner: RegionCode, areas: [RegionCode] = []) {
        self.kind = kind; self.region = region; self.owner = owner; self.areas = areas
    }
}

/// A record's owning office and region as the centre knows them.
public struct CentralRecord: Sendable, Hashable {
    public var owner: RegionCode
    public var region: RegionCode
    public var retired: Bool
    public init(owner: RegionCode, region: RegionCode, retired: Bool) { self.owner = owner; self.region = region; self.retired = retired }
}

/// An alert's issuing office and areas as the centre knows them: the write rules' own `AlertIssue`.
public typealias CentralAlert = AlertIssue

/// Read access to the centre's current facts while a batch is being applied (sees the batch's own writes).
public protocol CentralLookup {
    func record(_ ref: RecordRef) throws -> CentralRecord?
    func alert(_ id: String) throws -> CentralAlert?
}

/// What the rules say about one pushed event.
public enum CentralVerdict: Sendable {
    /// Apply it with this read scope. `restamp` replaces a clock too far ahead; the original is kept for audit
    /// with `note`.
    case accept(CentralScope, restamp: HLC? = nil, note: String? = nil)
    /// Do not apply it; the device counter still moves past it and the reason goes back to the client.
    case reject(String)
}

/// What applying a pushed batch did.
public struct CentralApplyOutcome: Sendable {
    /// Highest sequence applied or rejected, per device in the batch (gap-free).
    public var applied: [DeviceID: Int64] = [:]
    public var rejected: [(EventID, String)] = []
    public var quarantined: [EventID] = []
    /// The stamp each quarantined event now carries at the centre (and so everywhere it is read).
    public var restamps: [EventID: HLC] = [:]
    /// Events the batch skipped because an earlier sequence number of their device is missing.
    public var gaps: [DeviceID: Int64] = [:]
    /// Per device, the first sequence number the centre already holds with other content (a copied store);
    /// nothing of that device at or after it was applied.
    public var conflicts: [DeviceID: Int64] = [:]
    /// New log entries.
    public var appended = 0
    public init() {}
}

extension CentralDatabase {
    /// Applies pushed events in one transaction, idempotently: per device, at or below the highest applied
    /// sequence is acknowledged again and ignored; the next one is checked by `check` and applied or rejected;
    /// anything beyond is a gap and left for the client to resend in order. A sequence number already held with
    /// other content is a conflict, never a duplicate: that device's events from there on are left alone, as are
    /// those at or after `stopAt[device]` (a conflict found earlier on the same connection).
    public func apply(_ events: [Event], now: Date = Date(), stopAt: [DeviceID: Int64] = [:],
                      check: (Event, any CentralLookup) throws -> CentralVerdict) throws -> CentralApplyOutcome {
        let outcome = try guarded {
            try db.inTransaction(.immediate) {
                var out = CentralApplyOutcome()
                let lookup = BatchLookup(db: db)
                var counters: [DeviceID: Int64] = [:]
                var offices: [DeviceID: RegionCode] = [:]
                var statuses = LatestWinsFold(), fields = LatestWinsFold()
                let at = Int64(now.timeIntervalSince1970)
                for e in events {
                    let device = e.id.device
                    if out.gaps[device] != nil || out.conflicts[device] != nil { continue }
                    if let stop = stopAt[device], e.id.seq >= stop { continue }
                    let current = try counters[device] ?? appliedThrough(device: device)
                    counters[device] = current
                    if e.id.seq <= current {
                        if let held = try contentHash(of: e.id), held != Self.contentHash(e) {
                            out.conflicts[device] = e.id.seq
                            continue
                        }
                        if let reason = try rejection(e.id) { out.rejected.append((e.id, reason)) }
                        continue
                    }
                    guard e.id.seq == current + 1 else { out.gaps[device] = current + 1; continue }
                    switch try check(e, lookup) {
                    case .reject(let reason):
                        try db.run("INSERT OR REPLACE INTO rejections(device, dseq, office, reason, at) VALUES (?, ?, ?, ?, ?)",
                                   Int64(bitPattern: device), e.id.seq, e.office, reason, at)
                        out.rejected.append((e.id, reason))
                    case .accept(let scope, let restamp, let note):
                        var stored = e
                        if let restamp {
                            stored.hlc = restamp
                            var w = ByteWriter()
                            EventCodec.encode(e, into: &w)
                            try db.run("""
                                INSERT OR REPLACE INTO quarantine(device, dseq, original_hlc, restamped_hlc, reason, original, at)
                                VALUES (?, ?, ?, ?, ?, ?, ?)
                                """, Int64(bitPattern: device), e.id.seq, e.hlc.description, restamp.description,
                                       note ?? "clock ahead", w.bytes, at)
                            out.quarantined.append(e.id)
                            out.restamps[e.id] = restamp
                        }
                        let seq = try append(stored, scope: scope)
                        try fold(stored, scope: scope, seq: seq, lookup: lookup)
                        _ = LatestWinsFold.fold(stored, seq: seq, statuses: &statuses, fields: &fields)
                        out.appended += 1
                    }
                    try recordContentHash(e)
                    counters[device] = e.id.seq
                    out.applied[device] = e.id.seq
                    offices[device] = e.office
                }
                try store(fields, LatestWinsFold.fieldWinners)
                try store(statuses, LatestWinsFold.unitStatus)
                for (device, seq) in out.applied {
                    try db.run("""
                        INSERT INTO devices(device, applied, office) VALUES (?, ?, ?)
                        ON CONFLICT(device) DO UPDATE SET applied = excluded.applied, office = coalesce(devices.office, excluded.office)
                        """, Int64(bitPattern: device), seq, offices[device] ?? 0)
                }
                for (device, seq) in counters where out.applied[device] == nil { out.applied[device] = seq }
                try recordContacts(Set(offices.values), at: at)
                return out
            }
        }
        if outcome.appended > 0 { try guarded { try raiseHighWater() } }
        return outcome
    }

    /// Writes a batch's winners, in key order.
    private func store(_ winners: LatestWinsFold, _ table: LatestWinsFold.Table) throws {
        for row in winners.rows {
            let values: [any SQLBindable] = row.key + [row.hlc, row.seq] as [any SQLBindable]
            try db.run("INSERT INTO \(table.target) VALUES (" + values.map { _ in "?" }.joined(separator: ", ") + ")" + table.onConflict,
                       values)
        }
    }

    private func rejection(_ id: EventID) throws -> String? {
        try db.text("SELECT reason FROM rejections WHERE device = ? AND dseq = ?", Int64(bitPattern: id.device), id.seq)
    }

    private func append(_ e: Event, scope: CentralScope) throws -> Int64 {
        var w = ByteWriter(capacity: 96)
        EventCodec.encode(e, into: &w)
        try db.run("""
            INSERT INTO log(device, dseq, office, kind, scope, region, owner, areas, event)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, Int64(bitPattern: e.id.device), e.id.seq, e.office, Self.kindCode(e.payload), scope.kind.rawValue,
                   scope.region, scope.owner, scope.areas.isEmpty ? nil : Self.joinAreas(scope.areas), w.bytes)
        return db.lastInsertRowID
    }

    /// Folds an applied event into the facts the server keeps (the winners' tables at the end of the batch:
    /// `LatestWinsFold`).
    private func fold(_ e: Event, scope: CentralScope, seq: Int64, lookup: BatchLookup) throws {
        switch e.payload {
        case .fields(let ref, _):
            if try lookup.record(ref) == nil {
                let rec = CentralRecord(owner: e.office, region: scope.region, retired: false)
                try db.run("INSERT OR IGNORE INTO records(kind, id, owner, region) VALUES (?, ?, ?, ?)",
                           ref.kind.rawValue, ref.id, rec.owner, rec.region)
                lookup.records[ref] = rec
            }
        case .retire(let ref):
            try db.run("UPDATE records SET retired = 1 WHERE kind = ? AND id = ?", ref.kind.rawValue, ref.id)
            if case .some(.some(var rec)) = lookup.records[ref] { rec.retired = true; lookup.records[ref] = rec }
        case .unitStatus:
            break
        case .stock(let m):
            try foldStock(m, hlc: e.hlc, seq: seq)
        case .alert(let a):
            try foldAlert(a, office: e.office, seq: seq, lookup: lookup)
        case .acknowledge:
            break
        default:
            break  // `MergeRule.logOnly`: the log is their state
        }
    }

    /// The alert row of a CAP message (`CentralAlertFold`).
    private func foldAlert(_ a: Alert, office: RegionCode, seq: Int64, lookup: BatchLookup) throws {
        let row = try CentralAlertFold.row(a, office: office, lookup: lookup) { lower, upper in
            try db.rows("SELECT id FROM alerts WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", lower, upper) { $0.text(0) }
        }
        try db.run("INSERT OR IGNORE INTO alerts(id, issuer, areas, seq) VALUES (?, ?, ?, ?)",
                   row.key, row.owner.issuer, Self.joinAreas(row.owner.areas), seq)
        lookup.alerts[row.key] = nil
    }

    /// Re-folds the log's alert messages under the triplet keys, on a central file that keyed them by identifier.
    func refoldAlerts() throws {
        try db.run("DELETE FROM alerts")
        let lookup = BatchLookup(db: db)
        var after: Int64 = 0
        while true {
            let page = try log(after: after, limit: 5000)
            guard let last = page.last else { break }
            for entry in page where entry.kind == Int(EventKind.alert.code) {
                let e = try entry.event()
                if case .alert(let a) = e.payload { try foldAlert(a, office: e.office, seq: entry.seq, lookup: lookup) }
            }
            after = last.seq
        }
    }

    /// The log's payload-kind code (see `CentralLogEntry.kind`): the kind's number in the registry.
    public static func kindCode(_ p: EventPayload) -> Int { Int(p.kind.code) }

    /// Areas as the log and alert rows keep them.
    public static func joinAreas(_ areas: [RegionCode]) -> String { areas.map(String.init).joined(separator: ",") }
    public static func splitAreas(_ text: String) -> [RegionCode] { text.split(separator: ",").compactMap { Int($0) } }
}

/// Lookups during one batch, cached; the batch's own writes go into the caches as they happen.
private final class BatchLookup: CentralLookup {
    let db: Database
    var records: [RecordRef: CentralRecord?] = [:]
    var alerts: [String: CentralAlert?] = [:]
    init(db: Database) { self.db = db }

    func record(_ ref: RecordRef) throws -> CentralRecord? {
        if let cached = records[ref] { return cached }
        let r = try db.first("SELECT owner, region, retired FROM records WHERE kind = ? AND id = ?", ref.kind.rawValue, ref.id) {
            CentralRecord(owner: RegionCode($0.int(0)), region: RegionCode($0.int(1)), retired: $0.int(2) != 0)
        }
        records[ref] = .some(r)
        return r
    }

    func alert(_ id: String) throws -> CentralAlert? {
        if let cached = alerts[id] { return cached }
        let a = try db.first("SELECT issuer, areas FROM alerts WHERE id = ?", id) {
            CentralAlert(issuer: RegionCode($0.int(0)), areas: CentralDatabase.splitAreas($0.text(1)))
        }
        alerts[id] = .some(a)
        return a
    }
}
