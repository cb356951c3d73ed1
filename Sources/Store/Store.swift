import Foundation
import Model

/// The local data module: one SQLite file holding events, current state and the sync outbox.
///
/// Thread safety: one SQLite connection opened without SQLite's own mutex; every public method takes `lock`,
/// so the console's actor and the sync engine's actor may share one `Store`.
public final class Store: @unchecked Sendable {
    public let path: String
    /// Who this store is. The device can change under a running store (re-registered after the centre found
    /// the file is a copy, possibly by another process): every write transaction re-reads it first.
    public var identity: StoreIdentity { identityLock.withLock { currentIdentity } }
    let identityLock = NSLock()
    /// Guarded by `identityLock`; see `Store+Identity.swift`.
    var currentIdentity: StoreIdentity
    let database: Database
    let wallClock: any WallClock
    let readOnly: Bool
    private let lock = NSLock()
    /// Guarded by `lock`; persisted as meta `hlc.last` in every write transaction.
    var hybridClock: HybridClock
    private var isClosed = false
    /// Guarded by `lock`: the file was seen at `Migrations.latest` (a schema only moves forward, so it stays so).
    private var schemaIsLatest = false
    /// Tests only: records local events the write policy refuses, as a store of an older release (or a hostile
    /// one) would, so the centre's rejection and its undo can be exercised.
    var bypassesWritePolicy = false

    init(path: String, identity: StoreIdentity, database: Database, wallClock: any WallClock, readOnly: Bool,
         lastHLC: HLC) {
        self.path = path
        self.currentIdentity = identity
        self.database = database
        self.wallClock = wallClock
        self.readOnly = readOnly
        self.hybridClock = HybridClock(node: identity.device, last: lastHLC)
    }

    deinit { database.close() }

    /// Creates a new store file for an office. Fails if the file exists.
    public static func create(path: String, office: RegionCode, officeName: String, operatorName: String,
                              clock: any WallClock = SystemClock()) throws -> Store {
        try create(path: path, office: office, officeName: officeName, operatorName: operatorName, clock: clock,
                   options: OpenOptions())
    }

    /// Opens an existing store (runs pending migrations; refuses newer schemas, non-DutyDesk and corrupt files).
    public static func open(path: String, clock: any WallClock = SystemClock(), readOnly: Bool = false) throws -> Store {
        try open(path: path, clock: clock, readOnly: readOnly, options: OpenOptions())
    }

    /// Closes the connection; later calls throw `StoreError.Code.closed`. Safe to call twice.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !isClosed else { return }
        isClosed = true
        database.close()
    }

    /// Runs `body` with the connection under the lock; SQLite failures become `StoreError`s.
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard !isClosed else { throw StoreError(.closed, "store \(path) is closed") }
        do {
            return try body(database)
        } catch let error as SQLiteError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Like `withDatabase`, inside one IMMEDIATE transaction; refuses up front on a read-only store.
    ///
    /// `savepoints`: the body takes a savepoint per item (an import, a message each). SQLite copies every page a
    /// savepoint changes into a statement journal, by default a temporary file: 46 page writes a message, a fifth
    /// of an import's time in `pwrite`. In memory they cost a copy, and the journal is freed at each RELEASE. Only
    /// for such writes, so the rest of the connection's temporary storage (large sorts) stays on disk; set outside
    /// the transaction because SQLite refuses to change it inside one.
    func write<T>(savepoints: Bool = false, _ body: (Database) throws -> T) throws -> T {
        guard !readOnly else { throw StoreError(.readOnly, "store \(path) was opened read-only") }
        return try withDatabase { db in
            if savepoints { try db.execute("PRAGMA temp_store = MEMORY") }
            defer { if savepoints { try? db.execute("PRAGMA temp_store = DEFAULT") } }
            return try db.inTransaction(.immediate) {
                try refreshIdentityLocked(db)
                return try body(db)
            }
        }
    }

    // MARK: writing

    /// Records one local event: event row, state change and outbox row in one transaction. Returns the stamped event.
    @discardableResult public func record(_ payload: EventPayload) throws -> Event {
        try write { db in try recordLocked([payload], db)[0] }
    }

    /// Stamps, folds and enqueues local events; the caller holds the lock and an open write transaction.
    func recordLocked(_ payloads: [EventPayload], _ db: Database) throws -> [Event] {
        let folder = try isLatestSchemaLocked(db) ? Folder(latestSchema: db) : Folder(db: db)
        let device = identity.device
        // Gap-free: the next seq is read inside the write lock, so no other writer can take it.
        var seq = try db.int("SELECT max(seq) FROM events WHERE device = ?", Int64(bitPattern: device)) ?? 0
        var events: [Event] = []
        let physical = try stampingMillisecondsLocked(db)
        for typed in payloads {
            let payload = try prepareLocked(typed, db)
            // Checked against the state the earlier payloads of this batch left (a record created, then used).
            try checkWritePolicyLocked(payload, db)
            seq += 1
            let hlc = hybridClock.now(physical: physical)
            let event = Event(id: EventID(device: device, seq: seq), office: identity.office,
                              operator: identity.operatorName, hlc: hlc, payload: payload)
            guard let row = try folder.insert(event) else {
                throw StoreError(.sqlite, "event \(event.id) already exists; the store's sequence is inconsistent")
            }
            try folder.apply(event, row: row)
            try db.run(.insertOutbox) { s in
                try s.bind(1, seq)
                try s.bind(2, row)
            }
            events.append(event)
        }
        try folder.flush()
        try saveClock(db)
        return events
    }

    /// Applies events made elsewhere (demo generator, sync pull), idempotent by event id, batched in transactions.
    /// They are not put in the outbox. Returns how many were new.
    @discardableResult public func ingest(_ events: some Sequence<Event>, batchSize: Int = 5000) throws -> Int {
        try ingest(events, batchSize: batchSize, meta: [:])
    }

    /// `ingest`, also setting `meta` (nil deletes a key) in the same transaction as the last batch, so a sync
    /// cursor commits atomically with the events it covers.
    @discardableResult
    public func ingest(_ events: some Sequence<Event>, batchSize: Int, meta: [String: String?]) throws -> Int {
        let size = max(1, batchSize)
        var iterator = events.makeIterator()
        func nextBatch() -> [Event] {
            var batch: [Event] = []
            batch.reserveCapacity(min(size, 8192))
            while batch.count < size, let e = iterator.next() { batch.append(e) }
            return batch
        }
        var added = 0
        var batch = nextBatch()
        // One batch of look-ahead tells which batch is the last, the one that carries `meta`.
        while true {
            let following = batch.isEmpty ? [] : nextBatch()
            let isLast = following.isEmpty
            if !batch.isEmpty || (isLast && !meta.isEmpty) {
                added += try write { db in
                    let n = try ingestLocked(batch, db)
                    try releaseParkedAfterIngestLocked(batch, db)
                    if isLast { for (key, value) in meta { try setMetaLocked(key, value, db) } }
                    return n
                }
            }
            if isLast { return added }
            batch = following
        }
    }

    private func ingestLocked(_ events: [Event], _ db: Database) throws -> Int {
        let folder = Folder(db: db)
        var added = 0
        for event in events {
            guard let row = try folder.insert(event) else { continue }  // already here: idempotent
            try folder.apply(event, row: row)
            // A far-future peer clock is refused by `receive` and does not drag ours; the event is kept anyway.
            _ = hybridClock.receive(event.hlc, physical: wallClock.nowMilliseconds())
            added += 1
        }
        try folder.flush()
        if added > 0 { try saveClock(db) }
        return added
    }

    /// Whether the file is at `Migrations.latest`; read from the file until it is, then remembered.
    func isLatestSchemaLocked(_ db: Database) throws -> Bool {
        if !schemaIsLatest { schemaIsLatest = try db.int("PRAGMA user_version") == Int64(Migrations.latest) }
        return schemaIsLatest
    }

    private func saveClock(_ db: Database) throws {
        try setMetaLocked(MetaKey.lastHLC, hybridClock.last.description, db)
    }

    /// The latest HLC this store has issued or accepted; the next local event is stamped after it.
    public func lastHLC() -> HLC {
        lock.lock()
        defer { lock.unlock() }
        return hybridClock.last
    }

    // MARK: meta

    /// Small key/value metadata that must commit atomically with ingests (sync cursor, epoch).
    public func meta(_ key: String) throws -> String? {
        try withDatabase { db in try db.text("SELECT value FROM meta WHERE key = ?", key) }
    }

    /// Sets (or with nil, removes) one metadata value in its own transaction.
    public func setMeta(_ key: String, _ value: String?) throws {
        try write { db in try setMetaLocked(key, value, db) }
    }

    func setMetaLocked(_ key: String, _ value: String?, _ db: Database) throws {
        if let value {
            try db.run("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       key, value)
        } else {
            try db.run("DELETE FROM meta WHERE key = ?", key)
        }
    }

    /// Changes whenever another connection commits (SQLite `PRAGMA data_version`); cheap enough to poll.
    public func dataVersion() throws -> Int64 {
        try withDatabase { db in try db.int("PRAGMA data_version") ?? 0 }
    }
}

/// Meta keys the store itself owns.
enum MetaKey {
    static let device = "store.device"
    static let office = "store.office"
    static let officeName = "store.officeName"
    static let operatorName = "store.operator"
    static let createdMilliseconds = "store.created"
    static let lastHLC = "hlc.last"
    /// Highest outbox seq the central store acknowledged.
    static let outboxAcknowledged = "outbox.acknowledged"
}

