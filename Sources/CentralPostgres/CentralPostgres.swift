import Foundation
import Model
import Store

/// The central store on PostgreSQL: the same log and facts as `CentralDatabase`, for many `serve-sync` processes
/// writing at once.
///
/// Log positions carry the writing transaction's id: `xid << 20 | index in the batch`. Readers are served only
/// positions below the oldest transaction still running in this database (`watermark()`): every transaction with
/// a smaller id has ended, so no entry can ever appear below a position a reader has passed, and writers share
/// no lock (a sequence would hand out numbers before commit and commit them out of order; a counter row would
/// make every writer wait for the one ahead). Positions are increasing, not dense.
public final class CentralPostgres: CentralBackend, @unchecked Sendable {
    let db: PGConnection
    public var location: String { db.location }
    public private(set) var epoch: UInt64 = 0
    public private(set) var horizon: Int64 = 0

    /// 1: the schema of `CentralDatabase` schema 2, plus a counter row as sequencer and office contacts.
    /// 2: positions by transaction id under the watermark; the counter row is gone; indexes for scoped reads.
    public static let schemaVersion = 2

    /// The lowest position no reader may be served yet: that of the oldest transaction still running in this
    /// database, or of the next transaction id when none is.
    ///
    /// Why it is safe: the next id (`n0`) is read from this statement's snapshot, before the backends are read;
    /// a transaction holding an id below `n0` had it before then, so when its backend is read it is either still
    /// running (and its id bounds the watermark) or has ended, before the snapshot of the *next* statement, which
    /// reads the log. Ids are 32-bit in `pg_stat_activity`: widened against `n0` (a running id is within 2^31 of
    /// it; one above `n0` does not count). Only this database's transactions count, so a long transaction elsewhere on the server (a bulk load,
    /// another application) does not hold back the offices' pulls. (Prepared two-phase transactions have no
    /// backend and are not seen: this store never prepares one, and nothing else may write its log.)
    ///
    /// Every role sees `backend_xid` and `datid` of every session (no pg_read_all_stats needed; see docs/central.md,
    /// Roles). A transaction reads `pg_stat_activity` once and keeps that copy until it ends: call this at most once
    /// per transaction (a second call would pair a new snapshot with the old list of running transactions).
    func watermark() throws -> Int64 {
        // `behind`: how far a running id lies below n0 (modulo 2^32); more than 2^31 means it lies above n0 (it was
        // assigned after the snapshot) and cannot lower the watermark.
        let xid = try db.int("""
            SELECT least(n0, coalesce(min(CASE WHEN behind <= 2147483648 THEN n0 - behind END), n0))::int8 FROM (
                SELECT s.n0, (s.n0 % 4294967296 - a.backend_xid::text::int8 + 4294967296) % 4294967296 AS behind
                FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::int8 AS n0) AS s
                LEFT JOIN pg_stat_activity a ON a.backend_xid IS NOT NULL
                    AND a.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ) AS running GROUP BY n0
            """) ?? 0
        return xid << Self.positionBits
    }

    private init(db: PGConnection) throws {
        self.db = db
        try loadMeta()
    }

    /// Whether `location` names a PostgreSQL store (`postgres://`, `postgresql://`, or `postgres:` for the PG* env).
    public static func handles(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") || location == "postgres:"
    }

    /// The libpq connection string for a location: `postgres:` alone means "everything from PG* variables".
    static func conninfo(_ location: String) throws -> String {
        if PGConnection.hasPassword(location) {
            throw StoreError.backend(.refused, "\(PGConnection.redacted(location)) carries a password; keep it in ~/.pgpass "
                                     + "or PGPASSFILE (never on a command line)")
        }
        return location == "postgres:" ? "" : location
    }

    /// Creates the schema in an empty database with a fresh random epoch; refuses a database that already has one.
    public static func create(_ location: String) throws -> CentralPostgres {
        let db = try PGConnection(try conninfo(location))
        try guarded(db.location) {
            try db.inTransaction {
                // One creator at a time; a second `init` finds the first one's schema.
                try db.run("SELECT pg_advisory_xact_lock(4444435300)")
                if try db.int("SELECT count(*)::int8 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'central_meta'") != 0 {
                    throw StoreError.backend(.alreadyExists, "\(db.location) already holds a central store")
                }
                for statement in (schema + ";" + scopedLogIndexes).split(separator: ";") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try db.run(String(statement))
                }
                try db.run("INSERT INTO central_meta(key, value) VALUES ('schema', $1), ('epoch', $2), ('created', $3), ('horizon', '0')",
                           String(schemaVersion), String(UInt64.random(in: 1...UInt64.max), radix: 16),
                           String(Int64(Date().timeIntervalSince1970)))
            }
        }
        let central = try CentralPostgres(db: db)
        try central.checkIdentity()
        return central
    }

    /// Opens a database holding a central store; refuses one without it or with a newer schema.
    public static func open(_ location: String) throws -> CentralPostgres {
        let db = try PGConnection(try conninfo(location))
        let version: String? = try guarded(db.location) {
            guard try db.int("SELECT count(*)::int8 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'central_meta'") != 0 else {
                return nil
            }
            return try db.text("SELECT value FROM central_meta WHERE key = 'schema'")
        }
        guard let version, let v = Int(version) else {
            throw StoreError.backend(.notFound, "no central store in \(db.location); create one with `dutydesk central init URL`")
        }
        guard v <= schemaVersion else {
            throw StoreError.backend(.newerSchema, "\(db.location) has central schema \(v); this dutydesk knows \(schemaVersion): upgrade")
        }
        if v < schemaVersion { try upgrade(db, from: v) }
        let central = try CentralPostgres(db: db)
        try central.checkIdentity()
        return central
    }

    /// Brings an older schema up to date. From 1: positions change meaning (counter → transaction id), so a new
    /// epoch sends every office back to re-read its scope rather than trust a position of the old numbering.
    private static func upgrade(_ db: PGConnection, from version: Int) throws {
        try guarded(db.location) {
            try db.inTransaction {
                try db.run("SELECT pg_advisory_xact_lock(4444435300)")
                guard let v = try db.text("SELECT value FROM central_meta WHERE key = 'schema' FOR UPDATE").flatMap({ Int($0) }),
                      v < schemaVersion else { return }
                if v < 2 {
                    try db.run("DROP TABLE IF EXISTS log_counter")
                    try db.run("DROP INDEX IF EXISTS log_office")  // stats scan the log instead; appliers keep one index less
                    for statement in scopedLogIndexes.split(separator: ";") { try db.run(String(statement)) }
                    let epoch = String(UInt64.random(in: 1...UInt64.max), radix: 16)
                    try db.run("UPDATE central_meta SET value = $1 WHERE key = 'epoch'", epoch)
                    try db.run("INSERT INTO central_meta(key, value) VALUES ('epoch.' || $1, $2)", epoch,
                               "\(Int64(Date().timeIntervalSince1970)) schema 2: log positions by transaction id")
                }
                try db.run("UPDATE central_meta SET value = $1 WHERE key = 'schema'", String(schemaVersion))
            }
        }
    }

    public func close() { db.close() }

    /// Which database this is: the cluster's system identifier and the database's OID. A `pg_restore` (into
    /// another database or a new cluster) or a file-level copy to another cluster changes it; a streaming
    /// standby promoted in place keeps it.
    func identity() throws -> String {
        let system = try db.text("SELECT system_identifier::text FROM pg_control_system()") ?? "?"
        let oid = try db.text("SELECT oid::text FROM pg_database WHERE datname = current_database()") ?? "?"
        return system + "/" + oid
    }

    /// The store's own evidence of a restore: the database it was created in (or last found itself in) is not
    /// this one, so its history may be older than what offices hold. Starts a new epoch, once, whichever of many
    /// `serve-sync` processes opens it first; every office then re-reads its scope and re-sends what is missing.
    func checkIdentity() throws {
        let now = try guarded { try identity() }
        let rotated: Bool = try guarded {
            try db.inTransaction {
                try db.run("INSERT INTO central_meta(key, value) VALUES ('identity', $1) ON CONFLICT(key) DO NOTHING", now)
                let stored = try db.text("SELECT value FROM central_meta WHERE key = 'identity' FOR UPDATE") ?? now
                guard stored != now else { return false }
                let new = UInt64.random(in: 1...UInt64.max)
                try setMeta("epoch", String(new, radix: 16))
                try db.run("INSERT INTO central_meta(key, value) VALUES ('epoch.' || $1, $2)", String(new, radix: 16),
                           "\(Int64(Date().timeIntervalSince1970)) restored or copied: database \(stored) is now \(now)")
                try setMeta("identity", now)
                return true
            }
        }
        if rotated { try loadMeta() }
    }

    /// Runs `body`, turning server failures into one-line `StoreError`s.
    func guarded<T>(_ body: () throws -> T) throws -> T { try Self.guarded(db.location, body) }

    static func guarded<T>(_ location: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PGError { throw StoreError.backend(.server, e.description) }
    }

    private func loadMeta() throws {
        try guarded {
            if let e = try db.text("SELECT value FROM central_meta WHERE key = 'epoch'").flatMap({ UInt64($0, radix: 16) }) { epoch = e }
            horizon = Int64(try db.text("SELECT value FROM central_meta WHERE key = 'horizon'") ?? "0") ?? 0
        }
    }

    func setMeta(_ key: String, _ value: String) throws {
        try db.run("INSERT INTO central_meta(key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
    }

    @discardableResult
    public func rotateEpoch(reason: String) throws -> UInt64 {
        let new = UInt64.random(in: 1...UInt64.max)
        try guarded {
            try db.inTransaction {
                try setMeta("epoch", String(new, radix: 16))
                try db.run("INSERT INTO central_meta(key, value) VALUES ('epoch.' || $1, $2)",
                           String(new, radix: 16), "\(Int64(Date().timeIntervalSince1970)) \(reason)")
            }
        }
        epoch = new
        return new
    }

    /// How long `head` waits for older transactions to end, so that what was committed before it is served.
    public static let settleLimit = 5.0

    /// The newest position a reader may be served. Entries committed before the call are served (the call waits
    /// for the older transactions that hold the watermark below them to end), unless one of those runs on past
    /// `settleLimit`: then the answer covers less, and a later one the rest. This keeps "pushed, then pulled
    /// elsewhere" causal, as with a single sequencer.
    public func head() throws -> Int64 {
        try guarded {
            let start = Date()
            var target: Int64?
            while true {
                let below = try watermark()
                let (served, committed) = try db.first("""
                    SELECT (SELECT coalesce(max(seq), 0)::int8 FROM log WHERE seq < $1), (SELECT coalesce(max(seq), 0)::int8 FROM log)
                    """, below) { ($0.int(0), $0.int(1)) } ?? (0, 0)
                target = target ?? committed
                if served >= target! || Date().timeIntervalSince(start) > Self.settleLimit { return served }
                usleep(500)
            }
        }
    }

    /// The newest position a reader may be served now, without waiting.
    func servedHead() throws -> Int64 {
        try db.int("SELECT coalesce(max(seq), 0)::int8 FROM log WHERE seq < $1", try watermark()) ?? 0
    }

    public func tag(at seq: Int64) throws -> UInt64? {
        if seq == 0 { return 0 }
        return try guarded {
            try db.first("SELECT device, dseq FROM log WHERE seq = $1", seq) {
                CentralDatabase.tag(device: UInt64(bitPattern: $0.int(0)), seq: $0.int(1))
            }
        }
    }

    public func appliedThrough(device: DeviceID) throws -> Int64 {
        try guarded { try db.int("SELECT applied FROM devices WHERE device = $1", Int64(bitPattern: device)) ?? 0 }
    }

    public func deviceOffice(_ device: DeviceID) throws -> RegionCode? {
        try guarded {
            try db.first("SELECT office FROM devices WHERE device = $1 AND office IS NOT NULL", Int64(bitPattern: device)) {
                RegionCode($0.int(0))
            }
        }
    }

    public func register(device: DeviceID, office: RegionCode) throws -> RegionCode {
        if let bound = try deviceOffice(device) { return bound }
        return try guarded {
            // One statement: the row lock decides between two connections registering the same device.
            let bound = try db.int("""
                INSERT INTO devices(device, applied, office) VALUES ($1, 0, $2)
                ON CONFLICT(device) DO UPDATE SET office = coalesce(devices.office, excluded.office) RETURNING office
                """, Int64(bitPattern: device), office)
            return RegionCode(bound ?? Int64(office))
        }
    }

    public func log(after seq: Int64, through: Int64? = nil, limit: Int) throws -> [CentralLogEntry] {
        try guarded {
            try db.rows("""
                SELECT seq, device, dseq, kind, scope, region, owner, areas, event FROM log
                WHERE seq > $1 AND seq <= $2 AND seq < $4 ORDER BY seq LIMIT $3
                """, [seq, through ?? Int64.max, limit, try watermark()], map: Self.entry)
        }
    }

    public func winningEntries() throws -> Set<Int64> {
        try guarded { Set(try db.rows("SELECT seq FROM unit_status UNION SELECT seq FROM field_winners") { $0.int(0) }) }
    }

    public func subsumedStockEntries() throws -> Set<Int64> {
        try guarded {
            Set(try db.rows("""
                SELECT m.seq FROM stock_moves m JOIN stock_counts c ON c.depot = m.depot AND c.item = m.item WHERE m.hlc < c.hlc
                """) { $0.int(0) })
        }
    }

    public func stockTotals() throws -> [String: Int64] {
        try guarded {
            var out: [String: Int64] = [:]
            for (k, v) in try db.rows("SELECT depot, item, qty FROM stock", map: { ($0.text(0) + "|" + $0.text(1), $0.int(2)) }) { out[k] = v }
            return out
        }
    }

    public func eventCount() throws -> Int { try guarded { Int(try db.int("SELECT count(*)::int8 FROM log") ?? 0) } }

    public func quarantined() throws -> [(id: EventID, original: HLC, restamped: HLC, reason: String)] {
        try guarded {
            try db.rows("SELECT device, dseq, original_hlc, restamped_hlc, reason FROM quarantine ORDER BY at, device, dseq") { r in
                (EventID(device: UInt64(bitPattern: r.int(0)), seq: r.int(1)), HLC(r.text(2)) ?? .zero, HLC(r.text(3)) ?? .zero, r.text(4))
            }
        }
    }

    public func rejections() throws -> [(id: EventID, office: RegionCode, reason: String)] {
        try guarded {
            try db.rows("SELECT device, dseq, office, reason FROM rejections ORDER BY at, device, dseq") { r in
                (EventID(device: UInt64(bitPattern: r.int(0)), seq: r.int(1)), RegionCode(r.int(2)), r.text(3))
            }
        }
    }

    @discardableResult
    public func pruneLog(through seq: Int64) throws -> Int {
        try guarded {
            try db.inTransaction {
                // One pruner at a time. Appliers need no exclusion: they only ever make newer entries the winners
                // (so an entry chosen as a loser stays one), and write above the head (which is never pruned:
                // clients name entries by number and tag).
                try db.run("SELECT pg_advisory_xact_lock(4444435301)")
                let head = try servedHead()
                let through = min(seq, head - 1)
                var deleted = try db.run("""
                    DELETE FROM log WHERE seq <= $1 AND kind IN (3, 5)
                        AND seq NOT IN (SELECT seq FROM unit_status UNION SELECT seq FROM field_winners)
                    """, through)
                deleted += try db.run("""
                    DELETE FROM log WHERE seq <= $1 AND kind = 4 AND seq IN (
                        SELECT m.seq FROM stock_moves m JOIN stock_counts c ON c.depot = m.depot AND c.item = m.item
                        WHERE m.hlc < c.hlc)
                    """, through)
                try db.run("""
                    DELETE FROM stock_moves WHERE seq <= $1 AND EXISTS (SELECT 1 FROM stock_counts c
                        WHERE c.depot = stock_moves.depot AND c.item = stock_moves.item AND stock_moves.hlc < c.hlc)
                    """, through)
                let stored = Int64(try db.text("SELECT value FROM central_meta WHERE key = 'horizon'") ?? "0") ?? 0
                if through > stored { try setMeta("horizon", String(through)) }
                horizon = max(stored, through)
                return deleted
            }
        }
    }

    public func stats() throws -> CentralStats {
        try guarded {
            var offices: [RegionCode: CentralStats.Office] = [:]
            func blank(_ o: RegionCode) -> CentralStats.Office { CentralStats.Office(office: o, devices: 0, lastContact: nil, entries: 0) }
            for (o, n) in try db.rows("SELECT office, count(*)::int8 FROM devices WHERE office IS NOT NULL GROUP BY office", map: { (RegionCode($0.int(0)), Int($0.int(1))) }) {
                offices[o, default: blank(o)].devices = n
            }
            for (o, n) in try db.rows("SELECT office, count(*)::int8 FROM log GROUP BY office", map: { (RegionCode($0.int(0)), Int($0.int(1))) }) {
                offices[o, default: blank(o)].entries = n
            }
            for (o, at) in try db.rows("SELECT office, at FROM office_contacts", map: { (RegionCode($0.int(0)), $0.int(1)) }) {
                offices[o, default: blank(o)].lastContact = at
            }
            let bytes = try db.int("SELECT pg_total_relation_size('log')::int8") ?? 0
            return CentralStats(engine: "PostgreSQL", epoch: epoch, head: try head(), horizon: horizon,
                                logEntries: try eventCount(), logBytes: bytes, offices: offices.values.sorted { $0.office < $1.office })
        }
    }

    /// Text compared as bytes (`COLLATE "C"`): clocks and CAP keys are ordered by their bytes, as in SQLite.
    static let schema = """
    CREATE TABLE central_meta(key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
    CREATE TABLE devices(device int8 PRIMARY KEY, applied int8 NOT NULL, office int8);
    CREATE TABLE event_hashes(device int8 NOT NULL, dseq int8 NOT NULL, hash int8 NOT NULL, PRIMARY KEY(device, dseq));
    CREATE TABLE log(seq int8 PRIMARY KEY, device int8 NOT NULL, dseq int8 NOT NULL, office int8 NOT NULL,
        kind int8 NOT NULL, scope int8 NOT NULL, region int8 NOT NULL, owner int8 NOT NULL, areas text COLLATE "C",
        event bytea NOT NULL, UNIQUE(device, dseq));
    CREATE TABLE records(kind text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, owner int8 NOT NULL,
        region int8 NOT NULL, retired int8 NOT NULL DEFAULT 0, PRIMARY KEY(kind, id));
    CREATE TABLE alerts(id text COLLATE "C" PRIMARY KEY, issuer int8 NOT NULL, areas text NOT NULL, seq int8 NOT NULL);
    CREATE TABLE stock(depot text COLLATE "C" NOT NULL, item text COLLATE "C" NOT NULL, qty int8 NOT NULL, PRIMARY KEY(depot, item));
    CREATE TABLE unit_status(unit text COLLATE "C" PRIMARY KEY, hlc text COLLATE "C" NOT NULL, seq int8 NOT NULL);
    CREATE TABLE field_winners(kind text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, field text COLLATE "C" NOT NULL,
        hlc text COLLATE "C" NOT NULL, seq int8 NOT NULL, PRIMARY KEY(kind, id, field));
    CREATE TABLE rejections(device int8 NOT NULL, dseq int8 NOT NULL, office int8 NOT NULL, reason text NOT NULL,
        at int8 NOT NULL, PRIMARY KEY(device, dseq));
    CREATE TABLE quarantine(device int8 NOT NULL, dseq int8 NOT NULL, original_hlc text NOT NULL,
        restamped_hlc text NOT NULL, reason text NOT NULL, original bytea NOT NULL, at int8 NOT NULL, PRIMARY KEY(device, dseq));
    CREATE TABLE stock_moves(depot text COLLATE "C" NOT NULL, item text COLLATE "C" NOT NULL, hlc text COLLATE "C" NOT NULL,
        delta int8 NOT NULL, seq int8 NOT NULL, count int8 NOT NULL, PRIMARY KEY(depot, item, hlc));
    CREATE TABLE stock_counts(depot text COLLATE "C" NOT NULL, item text COLLATE "C" NOT NULL, hlc text COLLATE "C" NOT NULL,
        observed int8 NOT NULL, after int8 NOT NULL, PRIMARY KEY(depot, item));
    CREATE TABLE office_contacts(office int8 PRIMARY KEY, at int8 NOT NULL)
    """
}
