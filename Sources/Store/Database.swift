import CSQLite

/// One SQLite connection. Not thread-safe by itself (opened NOMUTEX); `Store` serialises access with a lock.
final class Database {
    /// Flags for `sqlite3_open_v2`.
    struct OpenFlags: OptionSet {
        let rawValue: Int32
        /// `SQLITE_OPEN_READONLY`
        static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
        /// `SQLITE_OPEN_READWRITE`
        static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
        /// `SQLITE_OPEN_CREATE`
        static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
        /// `SQLITE_OPEN_NOMUTEX`: no SQLite mutex on the connection; callers serialise.
        static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)
        /// `SQLITE_OPEN_EXRESCODE`: extended result codes from every call.
        static let extendedResultCodes = OpenFlags(rawValue: SQLITE_OPEN_EXRESCODE)
    }

    /// How a transaction takes its lock.
    enum TransactionKind: String {
        /// `BEGIN DEFERRED`
        case deferred = "DEFERRED"
        /// `BEGIN IMMEDIATE`: takes the write lock at once, so a busy store fails before any work.
        case immediate = "IMMEDIATE"
    }

    let handle: OpaquePointer
    let path: String
    private var cache: [String: Statement] = [:]
    /// Statements of the fold and record paths, by `FoldSQL` case: an array index, not a hash of the SQL text.
    private var foldCache: [Statement?] = []
    /// Statements whose SQL depends on a count (several rows in one INSERT), by the count.
    private var fieldsCache: [Int: Statement] = [:]
    private var isClosed = false

    /// Process-wide SQLite settings, applied once before the first connection opens.
    private static let configured: Bool = csqlite_disable_memstatus() == SQLITE_OK

    init(path: String, flags: OpenFlags) throws {
        _ = Database.configured
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags.rawValue, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(handle: db, result: rc)
            // The handle is allocated even when opening fails; it must still be closed.
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
    }

    deinit { close() }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        cache.removeAll()  // finalizes the cached statements before the connection goes
        foldCache.removeAll()
        fieldsCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// A closed connection's handle is freed: using it would be undefined behaviour, so every way in checks.
    private func checkOpen(_ sql: String) throws {
        guard !isClosed else { throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "the connection to \(path) is closed", sql: sql) }
    }

    /// Runs one or more statements without parameters (schema, pragmas).
    func execute(_ sql: String) throws {
        try checkOpen(sql)
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw SQLiteError(handle: handle, result: rc, sql: sql) }
    }

    /// A cached prepared statement for `sql`, reset and bound to `values`.
    func statement(_ sql: String, _ values: [any SQLBindable] = []) throws -> Statement {
        let stmt: Statement
        if let cached = cache[sql] {
            stmt = cached
        } else {
            try checkOpen(sql)
            stmt = try Statement(database: self, sql: sql)
            cache[sql] = stmt
        }
        try stmt.bind(values)
        return stmt
    }

    /// The prepared statement for `key`, prepared on first use and kept for the connection's life. The caller
    /// binds every parameter (after `rebind()`) and steps it.
    @inline(__always) func statement(_ key: FoldSQL) throws -> Statement {
        let i = key.rawValue
        if i < foldCache.count, let stmt = foldCache[i] { return stmt }
        return try prepare(key)
    }

    /// The prepared statement that upserts `count` record fields at once (`FoldSQL.upsertFields(count:)`), kept per
    /// count: the fold runs it for every fields event, and building and hashing its SQL each time cost more than
    /// the insert.
    func upsertFieldsStatement(count: Int) throws -> Statement {
        if let stmt = fieldsCache[count] { return stmt }
        let sql = FoldSQL.upsertFields(count: count)
        try checkOpen(sql)
        let stmt = try Statement(database: self, sql: sql)
        fieldsCache[count] = stmt
        return stmt
    }

    private func prepare(_ key: FoldSQL) throws -> Statement {
        try checkOpen(key.sql)
        if foldCache.isEmpty { foldCache = Array(repeating: nil, count: FoldSQL.allCases.count) }
        let stmt = try Statement(database: self, sql: key.sql)
        foldCache[key.rawValue] = stmt
        return stmt
    }

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: any SQLBindable...) throws -> Int {
        try run(sql, values)
    }

    /// `run` with the values in an array.
    @discardableResult
    func run(_ sql: String, _ values: [any SQLBindable]) throws -> Int {
        let stmt = try statement(sql, values)
        defer { stmt.reset() }
        while try stmt.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// Calls `body` for each row.
    func forEach(_ sql: String, _ values: [any SQLBindable], _ body: (Row) throws -> Void) throws {
        let stmt = try statement(sql, values)
        defer { stmt.reset() }
        while try stmt.step() { try body(stmt.row) }
    }

    /// Maps every row.
    func rows<T>(_ sql: String, _ values: any SQLBindable..., map: (Row) throws -> T) throws -> [T] {
        try rows(sql, values, map: map)
    }

    func rows<T>(_ sql: String, _ values: [any SQLBindable], map: (Row) throws -> T) throws -> [T] {
        var out: [T] = []
        try forEach(sql, values) { out.append(try map($0)) }
        return out
    }

    /// The first row mapped, or nil when there is none.
    func first<T>(_ sql: String, _ values: any SQLBindable..., map: (Row) throws -> T) throws -> T? {
        let stmt = try statement(sql, values)
        defer { stmt.reset() }
        return try stmt.step() ? try map(stmt.row) : nil
    }

    /// The first column of the first row as an integer (nil for no row or NULL).
    func int(_ sql: String, _ values: any SQLBindable...) throws -> Int64? {
        let stmt = try statement(sql, values)
        defer { stmt.reset() }
        guard try stmt.step(), !stmt.row.isNull(0) else { return nil }
        return stmt.row.int(0)
    }

    /// The first column of the first row as text.
    func text(_ sql: String, _ values: any SQLBindable...) throws -> String? {
        let stmt = try statement(sql, values)
        defer { stmt.reset() }
        guard try stmt.step(), !stmt.row.isNull(0) else { return nil }
        return stmt.row.text(0)
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws, rethrows the first error.
    func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue)")
        let result: T
        do {
            result = try body()
        } catch {
            // A failed rollback (e.g. SQLite already rolled back on SQLITE_FULL) must not hide the first error.
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
        return result
    }
}
