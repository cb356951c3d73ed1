import Foundation
import Model

/// The central store on SQLite: the log every office syncs with, plus the current-state facts the server
/// needs to authorize writes (record owners, alert issuers) and to serve snapshots (the winning events).
///
/// Sequence numbers are the log's INTEGER PRIMARY KEY, assigned in commit order: SQLite runs one writer at a
/// time, so a reader never sees seq n+1 committed before seq n and a cursor can never skip past an entry that
/// commits later. (A PostgreSQL backend must not use a plain sequence for this: sequence values are taken
/// before commit and commit out of order. It needs a commit-ordered counter, e.g. a single-row counter updated
/// in the transaction, or readers that stop at the oldest in-flight transaction.)
///
/// The rules (who may write what, who may read what) live in the Sync module and come in as a closure;
/// this type keeps the SQL.
public final class CentralDatabase: @unchecked Sendable {
    public let path: String
    let db: Database
    public private(set) var epoch: UInt64
    /// Log entries at or before this were pruned; a client older than this must bootstrap from a snapshot.
    public internal(set) var horizon: Int64

    static let applicationID: Int32 = 0x4444_4353 // "DDCS"
    /// 2: devices bound to an office at registration; a content hash per applied or rejected (device, seq).
    static let schemaVersion = 2

    private init(path: String, db: Database) throws {
        self.path = path
        self.db = db
        self.epoch = 0
        self.horizon = 0
        try guarded {
            // WAL is a property of the file, set once at creation: asking again on every open takes a lock too.
            if try db.text("PRAGMA journal_mode") != "wal" { try db.execute("PRAGMA journal_mode=WAL") }
            try db.execute("PRAGMA synchronous=NORMAL")
            if let e = try meta("epoch").flatMap({ UInt64($0, radix: 16) }) { epoch = e }
            horizon = Int64(try meta("horizon") ?? "0") ?? 0
            try upgradeFolds()
        }
    }

    static let openFlags: Database.OpenFlags = [.readWrite, .noMutex, .extendedResultCodes]

    /// How long a connection waits for another process's write (or checkpoint) before giving up. Generous: many
    /// offices' `serve-sync` processes share one file and each write transaction is short, so waiting is always
    /// better than sending a desk a red error for ordinary load.
    static let busyTimeoutMilliseconds = 60_000

    /// Opens a connection with the busy timeout set before anything reads the file: even reading the header
    /// can meet a lock (another process checkpointing or resetting the WAL), and without a busy handler that is
    /// an immediate SQLITE_BUSY.
    private static func connect(_ path: String, flags: Database.OpenFlags) throws -> Database {
        let conn = try Database(path: path, flags: flags)
        try conn.execute("PRAGMA busy_timeout=\(busyTimeoutMilliseconds)")
        return conn
    }

    /// Runs `body`, turning SQLite failures into one-line `StoreError`s naming this file.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SQLiteError { throw StoreError.from(e, path: path) }
    }

    /// Creates a central store file with a fresh random epoch. Fails if the file exists.
    public static func create(path: String) throws -> CentralDatabase {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.alreadyExists, "\(path) already exists")
        }
        do {
            let conn = try connect(path, flags: openFlags.union(.create))
            try conn.inTransaction(.immediate) {
                try conn.execute(schema)
                try conn.execute("PRAGMA application_id=\(applicationID); PRAGMA user_version=\(schemaVersion)")
                try conn.run("INSERT INTO central_meta(key, value) VALUES ('epoch', ?), ('created', ?)",
                             String(UInt64.random(in: 1...UInt64.max), radix: 16), String(Int64(Date().timeIntervalSince1970)))
            }
            let central = try CentralDatabase(path: path, db: conn)
            try central.checkHighWater()
            return central
        } catch let e as SQLiteError {
            throw StoreError.from(e, path: path)
        }
    }

    /// Opens an existing central store; refuses files that are not one.
    public static func open(path: String) throws -> CentralDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no central store at \(path); create one with `dutydesk central init \(path)`")
        }
        do {
            let conn = try connect(path, flags: openFlags)
            guard try conn.int("PRAGMA application_id") == Int64(applicationID) else {
                throw StoreError(.notAStore, "\(path) is not a DutyDesk central store")
            }
            let version = try conn.int("PRAGMA user_version") ?? 0
            guard version <= Int64(schemaVersion) else {
                throw StoreError(.newerSchema, "\(path) has central schema \(version); this dutydesk knows \(schemaVersion): upgrade")
            }
            if version < Int64(schemaVersion) { try migrate(conn) }
            let central = try CentralDatabase(path: path, db: conn)
            // The store's own evidence of a restore: a new epoch before any client is served.
            try central.checkHighWater()
            return central
        } catch let e as SQLiteError {
            throw StoreError.from(e, path: path)
        }
    }

    public func close() { db.close() }

    func meta(_ key: String) throws -> String? {
        try db.text("SELECT value FROM central_meta WHERE key = ?", key)
    }

    func setMeta(_ key: String, _ value: String) throws {
        try db.run("INSERT INTO central_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   key, value)
    }

    /// Starts a new epoch: every client's cursor becomes stale, so each re-reads its scope and re-sends what
    /// this store does not have. Only on the store's own evidence (its high-water mark, on open) or an operator's
    /// word (`dutydesk central new-epoch`), never because a client says so.
    @discardableResult
    public func rotateEpoch(reason: String) throws -> UInt64 {
        let new = UInt64.random(in: 1...UInt64.max)
        try guarded {
            try db.inTransaction(.immediate) {
                try setMeta("epoch", String(new, radix: 16))
                try db.run("INSERT INTO central_meta(key, value) VALUES ('epoch.' || ?, ?)",
                           String(new, radix: 16), "\(Int64(Date().timeIntervalSince1970)) \(reason)")
            }
        }
        epoch = new
        return new
    }

    /// The newest log sequence number (0 when empty).
    public func head() throws -> Int64 { try guarded { try db.int("SELECT coalesce(max(seq), 0) FROM log") ?? 0 } }

    /// The tag of the entry at `seq` (0 for seq 0), or nil when there is no such entry.
    public func tag(at seq: Int64) throws -> UInt64? {
        if seq == 0 { return 0 }
        return try guarded {
            try db.first("SELECT device, dseq FROM log WHERE seq = ?", seq) {
                Self.tag(device: UInt64(bitPattern: $0.int(0)), seq: $0.int(1))
            }
        }
    }

    /// A 64-bit mix of an event id (splitmix64 finaliser): names a log entry without sending its id.
    public static func tag(device: DeviceID, seq: Int64) -> UInt64 {
        var z = device &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(bitPattern: seq &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        let t = z ^ (z >> 31)
        return t == 0 ? 1 : t
    }

    /// Highest sequence number applied (or rejected) for a device; 0 when unknown.
    public func appliedThrough(device: DeviceID) throws -> Int64 {
        try guarded { try db.int("SELECT applied FROM devices WHERE device = ?", Int64(bitPattern: device)) ?? 0 }
    }

    static let schema = """
    CREATE TABLE central_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE devices(device INTEGER PRIMARY KEY, applied INTEGER NOT NULL, office INTEGER);
    \(hashesSchema)
    CREATE TABLE log(
        seq INTEGER PRIMARY KEY,
        device INTEGER NOT NULL, dseq INTEGER NOT NULL, office INTEGER NOT NULL,
        kind INTEGER NOT NULL, scope INTEGER NOT NULL, region INTEGER NOT NULL, owner INTEGER NOT NULL, areas TEXT,
        event BLOB NOT NULL,
        UNIQUE(device, dseq));
    CREATE TABLE records(kind TEXT NOT NULL, id TEXT NOT NULL, owner INTEGER NOT NULL, region INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(kind, id)) WITHOUT ROWID;
    CREATE TABLE alerts(id TEXT PRIMARY KEY, issuer INTEGER NOT NULL, areas TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE stock(depot TEXT NOT NULL, item TEXT NOT NULL, qty INTEGER NOT NULL, PRIMARY KEY(depot, item)) WITHOUT ROWID;
    CREATE TABLE unit_status(unit TEXT PRIMARY KEY, hlc TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE field_winners(kind TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL, hlc TEXT NOT NULL,
        seq INTEGER NOT NULL, PRIMARY KEY(kind, id, field)) WITHOUT ROWID;
    CREATE TABLE rejections(device INTEGER NOT NULL, dseq INTEGER NOT NULL, office INTEGER NOT NULL, reason TEXT NOT NULL,
        at INTEGER NOT NULL, PRIMARY KEY(device, dseq)) WITHOUT ROWID;
    CREATE TABLE quarantine(device INTEGER NOT NULL, dseq INTEGER NOT NULL, original_hlc TEXT NOT NULL,
        restamped_hlc TEXT NOT NULL, reason TEXT NOT NULL, original BLOB NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY(device, dseq)) WITHOUT ROWID;
    """
}
