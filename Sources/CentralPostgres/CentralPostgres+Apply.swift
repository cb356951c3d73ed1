import Foundation
import Model
import Store

/// Applying pushed batches: the same rules, idempotency and folds as `CentralDatabase.apply`, in one transaction
/// that first locks the batch's device rows (in device order: no two appliers wait on each other in a circle),
/// then the sequencer, which it holds to commit.
extension CentralPostgres {
    public func apply(_ events: [Event], now: Date = Date(), stopAt: [DeviceID: Int64] = [:],
                      check: (Event, any CentralLookup) throws -> CentralVerdict) throws -> CentralApplyOutcome {
        guard !events.isEmpty else { return CentralApplyOutcome() }
        return try guarded {
            try db.inTransaction {
                var out = CentralApplyOutcome()
                let lookup = PGBatchLookup(db: db)
                var counters: [DeviceID: Int64] = [:]
                var offices: [DeviceID: RegionCode] = [:]
                let at = Int64(now.timeIntervalSince1970)
                for device in Set(events.map(\.id.device)).sorted(by: { Int64(bitPattern: $0) < Int64(bitPattern: $1) }) {
                    let d = Int64(bitPattern: device)
                    try db.run("INSERT INTO devices(device, applied) VALUES ($1, 0) ON CONFLICT(device) DO NOTHING", d)
                    counters[device] = try db.int("SELECT applied FROM devices WHERE device = $1 FOR UPDATE", d) ?? 0
                }
                var pos = try db.int("SELECT pos FROM log_counter WHERE id = 1 FOR UPDATE") ?? 0
                let start = pos
                // Log rows and content hashes are written in multi-row statements at the end (nothing in the batch
                // reads them back but the hash check, which looks here first): round trips are the cost here.
                var logRows: [[any PGBindable]] = []
                var hashRows: [[any PGBindable]] = []
                var batchHashes: [EventID: Int64] = [:]
                var statuses = StatusWinners()
                for e in events {
                    let device = e.id.device
                    if out.gaps[device] != nil || out.conflicts[device] != nil { continue }
                    if let stop = stopAt[device], e.id.seq >= stop { continue }
                    let current = counters[device] ?? 0
                    if e.id.seq <= current {
                        let held = try batchHashes[e.id] ?? db.int("SELECT hash FROM event_hashes WHERE device = $1 AND dseq = $2",
                                                                    Int64(bitPattern: device), e.id.seq)
                        if let held, held != CentralDatabase.contentHash(e) {
                            out.conflicts[device] = e.id.seq
                            continue
                        }
                        if let reason = try db.text("SELECT reason FROM rejections WHERE device = $1 AND dseq = $2",
                                                    Int64(bitPattern: device), e.id.seq) {
                            out.rejected.append((e.id, reason))
                        }
                        continue
                    }
                    guard e.id.seq == current + 1 else { out.gaps[device] = current + 1; continue }
                    switch try check(e, lookup) {
                    case .reject(let reason):
                        try db.run("""
                            INSERT INTO rejections(device, dseq, office, reason, at) VALUES ($1, $2, $3, $4, $5)
                            ON CONFLICT(device, dseq) DO UPDATE SET office = excluded.office, reason = excluded.reason, at = excluded.at
                            """, Int64(bitPattern: device), e.id.seq, e.office, reason, at)
                        out.rejected.append((e.id, reason))
                    case .accept(let scope, let restamp, let note):
                        var stored = e
                        if let restamp {
                            stored.hlc = restamp
                            var w = ByteWriter()
                            EventCodec.encode(e, into: &w)
                            try db.run("""
                                INSERT INTO quarantine(device, dseq, original_hlc, restamped_hlc, reason, original, at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(device, dseq) DO UPDATE SET
                                original_hlc = excluded.original_hlc, restamped_hlc = excluded.restamped_hlc,
                                reason = excluded.reason, original = excluded.original, at = excluded.at
                                """, Int64(bitPattern: device), e.id.seq, e.hlc.description, restamp.description,
                                       note ?? "clock ahead", w.bytes, at)
                            out.quarantined.append(e.id)
                            out.restamps[e.id] = restamp
                        }
                        pos += 1
                        logRows.append(logRow(stored, scope: scope, seq: pos))
                        if case .unitStatus(let unit, _, _) = stored.payload {
                            statuses.offer(unit: unit, hlc: stored.hlc.description, seq: pos)
                        } else {
                            try fold(stored, scope: scope, seq: pos, lookup: lookup)
                        }
                        out.appended += 1
                    }
                    let hash = CentralDatabase.contentHash(e)
                    batchHashes[e.id] = hash
                    hashRows.append([Int64(bitPattern: device), e.id.seq, hash])
                    counters[device] = e.id.seq
                    out.applied[device] = e.id.seq
                    offices[device] = e.office
                }
                try insertRows("log(seq, device, dseq, office, kind, scope, region, owner, areas, event)", logRows)
                try insertRows("unit_status(unit, hlc, seq)", statuses.rows, suffix: """
                     ON CONFLICT(unit) DO UPDATE SET hlc = excluded.hlc, seq = excluded.seq WHERE excluded.hlc > unit_status.hlc
                    """)
                try insertRows("event_hashes(device, dseq, hash)", hashRows,
                               suffix: " ON CONFLICT(device, dseq) DO UPDATE SET hash = excluded.hash")
                if pos > start { try db.run("UPDATE log_counter SET pos = $1 WHERE id = 1", pos) }
                for (device, seq) in out.applied {
                    try db.run("UPDATE devices SET applied = $2, office = coalesce(office, $3) WHERE device = $1",
                               Int64(bitPattern: device), seq, offices[device] ?? 0)
                }
                for (device, seq) in counters where out.applied[device] == nil { out.applied[device] = seq }
                for office in Set(offices.values) {
                    try db.run("""
                        INSERT INTO office_contacts(office, at) VALUES ($1, $2)
                        ON CONFLICT(office) DO UPDATE SET at = greatest(office_contacts.at, excluded.at)
                        """, office, at)
                }
                return out
            }
        }
    }

    private func logRow(_ e: Event, scope: CentralScope, seq: Int64) -> [any PGBindable] {
        var w = ByteWriter(capacity: 96)
        EventCodec.encode(e, into: &w)
        return [seq, Int64(bitPattern: e.id.device), e.id.seq, e.office, CentralDatabase.kindCode(e.payload), scope.kind.rawValue,
                scope.region, scope.owner, scope.areas.isEmpty ? nil : CentralDatabase.joinAreas(scope.areas) as String?, w.bytes]
    }

    /// Inserts `rows` in multi-row statements of a few fixed sizes (so each connection prepares at most five
    /// statements per table, whatever the batch sizes).
    private func insertRows(_ target: String, _ rows: [[any PGBindable]], suffix: String = "") throws {
        var i = 0
        while i < rows.count {
            let n = [256, 64, 16, 4, 1].first { $0 <= rows.count - i }!
            let width = rows[i].count
            let tuples = (0..<n).map { r in "(" + (1...width).map { "$\(r * width + $0)" }.joined(separator: ", ") + ")" }
            try db.rows("INSERT INTO \(target) VALUES " + tuples.joined(separator: ", ") + suffix,
                        rows[i..<(i + n)].flatMap { $0 }) { _ in () }
            i += n
        }
    }

    private func fold(_ e: Event, scope: CentralScope, seq: Int64, lookup: PGBatchLookup) throws {
        let hlc = e.hlc.description
        switch e.payload {
        case .fields(let ref, let fields):
            if try lookup.record(ref) == nil {
                let rec = CentralRecord(owner: e.office, region: scope.region, retired: false)
                try db.run("INSERT INTO records(kind, id, owner, region) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                           ref.kind.rawValue, ref.id, rec.owner, rec.region)
                lookup.records[ref] = .some(try lookup.fetchRecord(ref))
            }
            for field in fields.keys {
                try db.run("""
                    INSERT INTO field_winners(kind, id, field, hlc, seq) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT(kind, id, field) DO UPDATE SET hlc = excluded.hlc, seq = excluded.seq
                    WHERE excluded.hlc > field_winners.hlc
                    """, ref.kind.rawValue, ref.id, field, hlc, seq)
            }
        case .retire(let ref):
            try db.run("UPDATE records SET retired = 1 WHERE kind = $1 AND id = $2", ref.kind.rawValue, ref.id)
            if case .some(.some(var rec)) = lookup.records[ref] { rec.retired = true; lookup.records[ref] = rec }
        case .unitStatus(let unit, _, _):
            try db.run("""
                INSERT INTO unit_status(unit, hlc, seq) VALUES ($1, $2, $3)
                ON CONFLICT(unit) DO UPDATE SET hlc = excluded.hlc, seq = excluded.seq WHERE excluded.hlc > unit_status.hlc
                """, unit, hlc, seq)
        case .stock(let m):
            try foldStock(m, hlc: e.hlc, seq: seq)
        case .alert(let a):
            var owner = CentralAlert(issuer: e.office, areas: a.areas)
            if !a.isOriginal, let root = try alertKey(of: a), let known = try lookup.alert(root) { owner = known }
            let key = a.messageID.key
            try db.run("INSERT INTO alerts(id, issuer, areas, seq) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                       key, owner.issuer, CentralDatabase.joinAreas(owner.areas), seq)
            lookup.alerts[key] = nil
        case .acknowledge:
            break
        case .shift, .note:
            break  // `MergeRule.logOnly`: the log is their state
        }
    }

    private func alertKey(of a: Alert) throws -> String? {
        if let key = a.alertKey { return key }
        guard let bare = a.references.first else { return nil }
        let range = CAPMessageID.keyRange(identifier: bare)
        let keys = try db.rows("SELECT id FROM alerts WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2", [range.lower, range.upper]) {
            $0.text(0)
        }
        return keys.count == 1 ? keys[0] : nil
    }

    /// The stock rule of `CentralDatabase.foldStock`, statement for statement.
    private func foldStock(_ m: StockMovement, hlc: HLC, seq: Int64) throws {
        let key = hlc.description
        let count = try db.first("SELECT hlc, observed, after FROM stock_counts WHERE depot = $1 AND item = $2", m.depot, m.item) {
            (hlc: $0.text(0), observed: $0.int(1), after: $0.int(2))
        }
        try db.run("""
            INSERT INTO stock_moves(depot, item, hlc, delta, seq, count) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
            """, m.depot, m.item, key, m.isCount ? 0 : m.delta, seq, m.isCount)
        if m.isCount, let observed = m.observed {
            guard count.map({ key > $0.hlc }) ?? true else { return }
            let after = try db.int("""
                SELECT coalesce(sum(delta), 0)::int8 FROM stock_moves WHERE depot = $1 AND item = $2 AND hlc > $3 AND count = 0
                """, m.depot, m.item, key) ?? 0
            try db.run("""
                INSERT INTO stock_counts(depot, item, hlc, observed, after) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT(depot, item) DO UPDATE SET hlc = excluded.hlc, observed = excluded.observed, after = excluded.after
                """, m.depot, m.item, key, observed, after)
            try setStock(m.depot, m.item, observed + after)
            return
        }
        guard let count else {
            try db.run("""
                INSERT INTO stock(depot, item, qty) VALUES ($1, $2, $3)
                ON CONFLICT(depot, item) DO UPDATE SET qty = stock.qty + excluded.qty
                """, m.depot, m.item, m.delta)
            return
        }
        guard key > count.hlc else { return }
        try db.run("UPDATE stock_counts SET after = after + $1 WHERE depot = $2 AND item = $3", m.delta, m.depot, m.item)
        try setStock(m.depot, m.item, count.observed + count.after + m.delta)
    }

    private func setStock(_ depot: String, _ item: String, _ qty: Int64) throws {
        try db.run("""
            INSERT INTO stock(depot, item, qty) VALUES ($1, $2, $3) ON CONFLICT(depot, item) DO UPDATE SET qty = excluded.qty
            """, depot, item, qty)
    }
}

/// A batch's unit statuses, folded in memory by the same rule as the table (a later clock wins; the first of equal
/// clocks stays) and written in one statement: nothing in the batch reads them back.
struct StatusWinners {
    private var best: [String: (hlc: String, seq: Int64)] = [:]
    private var order: [String] = []

    mutating func offer(unit: String, hlc: String, seq: Int64) {
        if let held = best[unit] {
            if hlc > held.hlc { best[unit] = (hlc, seq) }
        } else {
            best[unit] = (hlc, seq)
            order.append(unit)
        }
    }

    var rows: [[any PGBindable]] { order.map { [$0, best[$0]!.hlc, best[$0]!.seq] } }
}

/// Lookups during one batch, cached; the batch's own writes go into the caches as they happen.
final class PGBatchLookup: CentralLookup {
    let db: PGConnection
    var records: [RecordRef: CentralRecord?] = [:]
    var alerts: [String: CentralAlert?] = [:]
    init(db: PGConnection) { self.db = db }

    func fetchRecord(_ ref: RecordRef) throws -> CentralRecord? {
        try db.first("SELECT owner, region, retired FROM records WHERE kind = $1 AND id = $2", ref.kind.rawValue, ref.id) {
            CentralRecord(owner: RegionCode($0.int(0)), region: RegionCode($0.int(1)), retired: $0.int(2) != 0)
        }
    }

    func record(_ ref: RecordRef) throws -> CentralRecord? {
        if let cached = records[ref] { return cached }
        let r = try fetchRecord(ref)
        records[ref] = .some(r)
        return r
    }

    func alert(_ id: String) throws -> CentralAlert? {
        if let cached = alerts[id] { return cached }
        let a = try db.first("SELECT issuer, areas FROM alerts WHERE id = $1", id) {
            CentralAlert(issuer: RegionCode($0.int(0)), areas: CentralDatabase.splitAreas($0.text(1)))
        }
        alerts[id] = .some(a)
        return a
    }
}
