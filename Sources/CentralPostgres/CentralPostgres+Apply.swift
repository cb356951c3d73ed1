import Foundation
import Model
import Store

/// Applying pushed batches: the same rules, idempotency and folds as `CentralDatabase.apply`, in one transaction
/// per batch and no lock shared by all writers. The transaction locks, in this order and each set sorted (so no
/// two appliers wait on each other in a circle): its devices' rows, then an advisory lock per record, stock line
/// and alert its events write (shared on those the rules only read: `PGBatchLocks`). Everything the batch reads is then loaded in a few statements, folded in memory,
/// and written back in multi-row statements: round trips, not rows, are what a batch costs.
///
/// Log positions are `transaction id << 20 | index in the batch` (see `CentralPostgres.watermark()`).
extension CentralPostgres {
    /// Bits of a log position that number the entries of one transaction.
    static let positionBits = 20

    public func apply(_ events: [Event], now: Date = Date(), stopAt: [DeviceID: Int64] = [:],
                      check: (Event, any CentralLookup) throws -> CentralVerdict) throws -> CentralApplyOutcome {
        guard !events.isEmpty else { return CentralApplyOutcome() }
        guard events.count < 1 << Self.positionBits else {
            throw StoreError.backend(.refused, "a batch of \(events.count) events; at most \((1 << Self.positionBits) - 1) apply at once")
        }
        return try guarded {
            var attempt = 0
            while true {
                do {
                    return try db.inTransaction { try applyOnce(events, now: now, stopAt: stopAt, check: check) }
                } catch let e as PGError where (e.sqlState == "40P01" || e.sqlState == "40001") && attempt < 10 {
                    // A deadlock with a lookup outside the batch's own keys: the server undid one side; run it again.
                    attempt += 1
                    usleep(useconds_t.random(in: 1_000...(5_000 << min(attempt, 5))))
                }
            }
        }
    }

    private func applyOnce(_ events: [Event], now: Date, stopAt: [DeviceID: Int64],
                           check: (Event, any CentralLookup) throws -> CentralVerdict) throws -> CentralApplyOutcome {
        var out = CentralApplyOutcome()
        let at = Int64(now.timeIntervalSince1970)
        var (counters, xid) = try lockDevices(Set(events.map(\.id.device)))
        let locks = PGBatchLocks(events)
        try locks.take(db)
        let lookup = PGBatchLookup(db: db, held: locks.held)
        try lookup.preload(Array(locks.records))
        var stock = try PGStockLines.load(db, events)
        var offices: [DeviceID: RegionCode] = [:]
        var logRows: [[any PGBindable]] = []
        var hashRows: [[any PGBindable]] = []
        var batchHashes: [EventID: Int64] = [:]
        var statuses = LatestWinsFold()
        var fields = LatestWinsFold()
        let base = xid << Self.positionBits
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
                    try quarantine(e, restamp: restamp, note: note, at: at)
                    out.quarantined.append(e.id)
                    out.restamps[e.id] = restamp
                }
                let pos = base + Int64(logRows.count)
                logRows.append(logRow(stored, scope: scope, seq: pos))
                if case .fields(let ref, _) = stored.payload {
                    try createRecordIfNew(ref, owner: e.office, region: scope.region, lookup: lookup)
                }
                if case .stock(let m) = stored.payload {
                    stock.fold(m, hlc: stored.hlc.description, seq: pos)
                } else if !LatestWinsFold.fold(stored, seq: pos, statuses: &statuses, fields: &fields) {
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
        try insertRows("event_hashes(device, dseq, hash)", hashRows, suffix: " ON CONFLICT(device, dseq) DO UPDATE SET hash = excluded.hash")
        try store(fields, LatestWinsFold.fieldWinners)
        try stock.store(self)
        try store(statuses, LatestWinsFold.unitStatus)
        let moved = out.applied.keys.sorted { Int64(bitPattern: $0) < Int64(bitPattern: $1) }
        if !moved.isEmpty {
            try db.run("""
                UPDATE devices d SET applied = u.applied, office = coalesce(d.office, u.office)
                FROM unnest($1::int8[], $2::int8[], $3::int8[]) AS u(device, applied, office) WHERE d.device = u.device
                """, PGArray(moved.map { Int64(bitPattern: $0) }), PGArray(moved.map { out.applied[$0]! }),
                       PGArray(moved.map { Int64(offices[$0] ?? 0) }))
        }
        for (device, seq) in counters where out.applied[device] == nil { out.applied[device] = seq }
        if !offices.isEmpty {
            // Last, and in office order: a transaction holding one of these rows waits for nothing but the next.
            try db.run("""
                INSERT INTO office_contacts(office, at) SELECT o, $2 FROM unnest($1::int8[]) AS o
                ON CONFLICT(office) DO UPDATE SET at = greatest(office_contacts.at, excluded.at)
                """, PGArray(Set(offices.values).map { Int64($0) }.sorted()), at)
        }
        return out
    }

    private func store(_ winners: LatestWinsFold, _ table: LatestWinsFold.Table) throws {
        try insertRows(table.target, winners.rows.map { $0.key.map { $0 as any PGBindable } + [$0.hlc, $0.seq] }, suffix: table.onConflict)
    }

    /// Locks the batch's device rows (creating the missing ones) in device order; returns their counters and this
    /// transaction's id (assigned here: the row locks write).
    private func lockDevices(_ devices: Set<DeviceID>) throws -> ([DeviceID: Int64], Int64) {
        let keys = PGArray(devices.map { Int64(bitPattern: $0) }.sorted())
        let select = """
            SELECT device, applied, pg_current_xact_id()::text::int8 FROM devices WHERE device = ANY($1::int8[])
            ORDER BY device FOR UPDATE
            """
        var rows = try db.rows(select, [keys]) { (UInt64(bitPattern: $0.int(0)), $0.int(1), $0.int(2)) }
        if rows.count < devices.count {
            try db.run("INSERT INTO devices(device, applied) SELECT d, 0 FROM unnest($1::int8[]) AS d ON CONFLICT(device) DO NOTHING", keys)
            rows = try db.rows(select, [keys]) { (UInt64(bitPattern: $0.int(0)), $0.int(1), $0.int(2)) }
        }
        guard let xid = rows.first?.2 else { throw PGError(sqlState: "", message: "central store \(location): no device rows to lock") }
        return (Dictionary(rows.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a }), xid)
    }

    /// A stable 64-bit key for the parts (FNV-1a; a collision only makes two writers take turns).
    static func lockKey(_ parts: String...) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for b in part.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xff) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: h)
    }

    private func quarantine(_ e: Event, restamp: HLC, note: String?, at: Int64) throws {
        var w = ByteWriter()
        EventCodec.encode(e, into: &w)
        try db.run("""
            INSERT INTO quarantine(device, dseq, original_hlc, restamped_hlc, reason, original, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(device, dseq) DO UPDATE SET
            original_hlc = excluded.original_hlc, restamped_hlc = excluded.restamped_hlc,
            reason = excluded.reason, original = excluded.original, at = excluded.at
            """, Int64(bitPattern: e.id.device), e.id.seq, e.hlc.description, restamp.description,
                   note ?? "clock ahead", w.bytes, at)
    }

    private func logRow(_ e: Event, scope: CentralScope, seq: Int64) -> [any PGBindable] {
        var w = ByteWriter(capacity: 96)
        EventCodec.encode(e, into: &w)
        return [seq, Int64(bitPattern: e.id.device), e.id.seq, e.office, CentralDatabase.kindCode(e.payload), scope.kind.rawValue,
                scope.region, scope.owner, scope.areas.isEmpty ? nil : CentralDatabase.joinAreas(scope.areas) as String?, w.bytes]
    }

    /// Inserts `rows` in multi-row statements of a few fixed sizes (so each connection prepares at most five
    /// statements per table, whatever the batch sizes).
    func insertRows(_ target: String, _ rows: [[any PGBindable]], suffix: String = "") throws {
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

    /// A record's first fields event creates it, owned by the writing office (the batch holds its lock, and the
    /// lookup loaded it: no one else creates it meanwhile).
    private func createRecordIfNew(_ ref: RecordRef, owner: RegionCode, region: RegionCode, lookup: PGBatchLookup) throws {
        guard try lookup.record(ref) == nil else { return }
        try db.run("INSERT INTO records(kind, id, owner, region) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                   ref.kind.rawValue, ref.id, owner, region)
        lookup.records[ref] = .some(CentralRecord(owner: owner, region: region, retired: false))
    }

    /// The folds that stay one statement per event (rare kinds).
    private func fold(_ e: Event, scope: CentralScope, seq: Int64, lookup: PGBatchLookup) throws {
        switch e.payload {
        case .retire(let ref):
            try db.run("UPDATE records SET retired = 1 WHERE kind = $1 AND id = $2", ref.kind.rawValue, ref.id)
            if case .some(.some(var rec)) = lookup.records[ref] { rec.retired = true; lookup.records[ref] = rec }
        case .alert(let a):
            let row = try CentralAlertFold.row(a, office: e.office, lookup: lookup) { lower, upper in
                try db.rows("SELECT id FROM alerts WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2", [lower, upper]) { $0.text(0) }
            }
            try db.run("INSERT INTO alerts(id, issuer, areas, seq) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                       row.key, row.owner.issuer, CentralDatabase.joinAreas(row.owner.areas), seq)
            lookup.alerts[row.key] = nil
        case .fields, .unitStatus, .stock:
            preconditionFailure("folded in batch")
        case .acknowledge, .shift, .note:
            break  // `MergeRule.logOnly`: the log is their state
        }
    }
}
