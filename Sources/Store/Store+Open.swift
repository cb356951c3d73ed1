#if canImport(Glibc)
import Glibc
#endif
import CSQLite
import Foundation
import Model

/// Knobs tests turn; the public API always uses the defaults.
struct OpenOptions {
    /// How long a write waits for another process's lock before failing as busy.
    var busyTimeoutMilliseconds: Int32 = 5000
    /// Schema steps to run (tests build older files with a prefix of `Migrations.all`).
    var migrations: [Migration] = Migrations.all
}

extension Store {
    static func create(path: String, office: RegionCode, officeName: String, operatorName: String,
                       clock: any WallClock, options: OpenOptions) throws -> Store {
        // O_EXCL: never take over an existing file. 0600 from the first byte; SQLite gives -wal and -shm the
        // main file's mode.
        let fd = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let err = errno
            if err == EEXIST { throw StoreError(.alreadyExists, "\(path) already exists; not creating a store over it") }
            throw StoreError(.io, "cannot create \(path): \(String(cString: strerror(err)))")
        }
        Glibc.close(fd)
        do {
            let db = try Database(path: path, flags: [.readWrite, .noMutex, .extendedResultCodes])
            do {
                try configure(db, options)
                // Stamped before WAL is switched on, so the main file's header says "DutyDesk" durably at once.
                try db.execute("PRAGMA application_id = \(Migrations.applicationID)")
                guard try db.text("PRAGMA journal_mode = WAL") == "wal" else {
                    throw StoreError(.io, "cannot put \(path) in WAL mode (is the file system local?)")
                }
                let now = clock.nowMilliseconds()
                try Migrations.migrate(db, steps: options.migrations, nowMilliseconds: now)
                var device: DeviceID = 0
                var rng = SystemRandomNumberGenerator()
                while device == 0 { device = rng.next() }
                let identity = StoreIdentity(device: device, office: office, officeName: officeName, operatorName: operatorName)
                try db.inTransaction(.immediate) {
                    for (k, v) in [(MetaKey.device, String(device)), (MetaKey.office, String(office)),
                                   (MetaKey.officeName, officeName), (MetaKey.operatorName, operatorName),
                                   (MetaKey.createdMilliseconds, String(now))] {
                        try db.run("INSERT INTO meta(key, value) VALUES (?, ?)", k, v)
                    }
                }
                return Store(path: path, identity: identity, database: db, wallClock: clock, readOnly: false, lastHLC: .zero)
            } catch {
                db.close()
                throw error
            }
        } catch {
            // A half-made store is worse than none: remove what this call created.
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
            if let e = error as? SQLiteError { throw StoreError.from(e, path: path) }
            throw error
        }
    }

    static func open(path: String, clock: any WallClock, readOnly: Bool, options: OpenOptions) throws -> Store {
        // Nothing but SQLite touches the database file: closing any other descriptor of it would drop every POSIX
        // lock this process's connections hold (another process then checkpoints and deletes the WAL under them).
        // `stat` opens nothing; the header is read through the file SQLite opened, before any statement runs, so
        // a file that is not ours is refused before SQLite could change it.
        let size = try FileHeader.statRegularFile(path)
        let flags: Database.OpenFlags = [readOnly ? .readOnly : .readWrite, .noMutex, .extendedResultCodes]
        let db: Database
        do {
            db = try Database(path: path, flags: flags)
        } catch let e as SQLiteError {
            throw StoreError.from(e, path: path)
        }
        do {
            try FileHeader.check(db, path: path, statSize: size)
        } catch {
            db.close()
            throw error
        }
        do {
            try configure(db, options)
            // Forces the schema to be read, so a damaged file fails here with a clear error.
            _ = try db.int("SELECT count(*) FROM sqlite_schema")
            let appID = try db.int("PRAGMA application_id") ?? 0
            guard appID == Int64(Migrations.applicationID) else {
                throw StoreError(.notAStore, "\(path) is a SQLite database but not a DutyDesk store")
            }
            let version = Int(try db.int("PRAGMA user_version") ?? 0)
            let known = options.migrations.last?.version ?? 0
            if version > known {
                throw StoreError(.newerSchema, "store schema version \(version) is newer than this dutydesk (knows \(known)); upgrade dutydesk")
            }
            if version < known {
                guard !readOnly else {
                    throw StoreError(.needsMigration, "store \(path) has schema version \(version) and needs upgrading to \(known); open it read-write once (any dutydesk command but a read-only one upgrades it)")
                }
                try Migrations.migrate(db, steps: options.migrations, nowMilliseconds: clock.nowMilliseconds())
            }
            let meta = Dictionary(try db.rows("SELECT key, value FROM meta") { ($0.text(0), $0.text(1)) },
                                  uniquingKeysWith: { a, _ in a })
            guard let device = meta[MetaKey.device].flatMap({ DeviceID($0) }),
                  let office = meta[MetaKey.office].flatMap({ RegionCode($0) }) else {
                throw StoreError(.corrupt, "store \(path) has no identity (its creation was interrupted); create it again")
            }
            let identity = StoreIdentity(device: device, office: office, officeName: meta[MetaKey.officeName] ?? "",
                                         operatorName: meta[MetaKey.operatorName] ?? "")
            let last = meta[MetaKey.lastHLC].flatMap { HLC($0) } ?? .zero
            return Store(path: path, identity: identity, database: db, wallClock: clock, readOnly: readOnly, lastHLC: last)
        } catch let e as SQLiteError {
            db.close()
            throw StoreError.from(e, path: path)
        } catch {
            db.close()
            throw error
        }
    }

    /// Per-connection settings. Durability: `synchronous=FULL` in WAL mode for every commit, operator actions
    /// and batched ingest alike: a commit that returned survives a power cut, not only a crash. Ingest batches
    /// thousands of events per commit, so the one extra fsync per batch costs little.
    private static func configure(_ db: Database, _ options: OpenOptions) throws {
        try db.execute("PRAGMA busy_timeout = \(options.busyTimeoutMilliseconds)")
        try db.execute("PRAGMA foreign_keys = ON")
        try db.execute("PRAGMA synchronous = FULL")
        // The state tables' indexes are touched at random by ingest; SQLite's 2 MB default cache makes every
        // batch re-read them from the OS. 64 MB keeps a million-event store's hot pages in memory.
        try db.execute("PRAGMA cache_size = -65536")
        // Each ingest batch dirties a few thousand pages of the state tables (stock lines and their shortage
        // index above all) and would pass SQLite's default 1000-page mark on every commit, so every batch was
        // also copied into the main file and synced there. 10000 pages (~40 MB) lets a checkpoint copy a hot
        // page once for several batches. Durability does not change: a commit is durable once its WAL frames are
        // synced (synchronous=FULL); checkpointing later only moves pages. The price is a WAL file of up to
        // ~40 MB beside a busy store.
        try db.execute("PRAGMA wal_autocheckpoint = 10000")
    }
}

/// The 100-byte SQLite header (https://sqlite.org/fileformat.html#the_database_header), read through the file
/// SQLite opened for the connection: never through a descriptor of our own (see STYLE.md, SQLite pitfalls).
enum FileHeader {
    static let magic = Array("SQLite format 3\u{0}".utf8)

    /// The file's size; a clear error when there is no file, it is not a regular file, or it is empty. `stat`
    /// opens no descriptor, so it is safe while other connections are open.
    static func statRegularFile(_ path: String) throws -> Int64 {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let err = errno
            if err == ENOENT { throw StoreError(.notFound, "no store at \(path) (create one with `dutydesk init`)") }
            throw StoreError(.io, "cannot open \(path): \(String(cString: strerror(err)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw StoreError(.notADatabase, "\(path) is not a regular file") }
        let size = Int64(st.st_size)
        if size == 0 { throw StoreError(.notAStore, "\(path) is empty (0 bytes): not a DutyDesk store") }
        return size
    }

    /// Checks the header of the connection's main file before any statement has run on it.
    static func check(_ db: Database, path: String, statSize: Int64) throws {
        var header = [UInt8](repeating: 0, count: 100)
        var fileSize: sqlite3_int64 = 0
        let rc = header.withUnsafeMutableBytes { csqlite_read_main_file(db.handle, $0.baseAddress, 100, &fileSize) }
        let size = rc == SQLITE_OK || rc == SQLiteError.ioErrShortRead ? Int64(fileSize) : statSize
        let valid = rc == SQLITE_OK ? 100 : rc == SQLiteError.ioErrShortRead ? Int(min(max(size, 0), 100)) : -1
        guard valid >= 0 else {
            throw StoreError(.io, "cannot read \(path): \(String(cString: sqlite3_errstr(rc))) (code \(rc))")
        }
        if size == 0 { throw StoreError(.notAStore, "\(path) is empty (0 bytes): not a DutyDesk store") }
        let read = header.prefix(valid)
        guard read.starts(with: magic.prefix(min(magic.count, read.count))), read.count >= magic.count else {
            throw StoreError(.notADatabase, "\(path) is not a SQLite database (not a DutyDesk store)")
        }
        guard read.count == 100 else {
            throw StoreError(.corrupt, "store \(path) is damaged (truncated to \(size) bytes)")
        }
        let appID = be32(header, 68)
        guard Int32(bitPattern: appID) == Migrations.applicationID else {
            throw StoreError(.notAStore, "\(path) is a SQLite database but not a DutyDesk store (application_id \(appID))")
        }
        // The in-header page count is valid when the change counter matches "version valid for". With no WAL to
        // replay, a file shorter than that count was cut off.
        var pageSize = Int64(be16(header, 16))
        if pageSize == 1 { pageSize = 65_536 }
        let pages = Int64(be32(header, 28))
        var walStat = stat()
        let walSize = stat(path + "-wal", &walStat) == 0 ? Int64(walStat.st_size) : 0
        if be32(header, 24) == be32(header, 92), pages > 0, walSize == 0, size < pages * pageSize {
            throw StoreError(.corrupt, "store \(path) is damaged (truncated: \(size) of \(pages * pageSize) bytes)")
        }
    }

    private static func be16(_ b: [UInt8], _ at: Int) -> UInt32 { UInt32(b[at]) << 8 | UInt32(b[at + 1]) }
    private static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
}
