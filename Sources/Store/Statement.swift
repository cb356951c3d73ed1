import CSQLite

/// A value that can be bound to a statement parameter. Values are always bound, never spliced into SQL.
protocol SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32
}

extension Int64: SQLBindable {
    func bind(to s: OpaquePointer, at i: Int32) -> Int32 { sqlite3_bind_int64(s, i, self) }
}
extension Int: SQLBindable {
    func bind(to s: OpaquePointer, at i: Int32) -> Int32 { sqlite3_bind_int64(s, i, Int64(self)) }
}
extension Bool: SQLBindable {
    func bind(to s: OpaquePointer, at i: Int32) -> Int32 { sqlite3_bind_int64(s, i, self ? 1 : 0) }
}
extension Double: SQLBindable {
    func bind(to s: OpaquePointer, at i: Int32) -> Int32 { sqlite3_bind_double(s, i, self) }
}
extension String: SQLBindable {
    func bind(to s: OpaquePointer, at i: Int32) -> Int32 {
        // TRANSIENT: SQLite copies the bytes, so the Swift string's buffer may go away after the call.
        sqlite3_bind_text(s, i, self, -1, csqlite_transient())
    }
}
extension Array: SQLBindable where Element == UInt8 {
    func bind(to s: OpaquePointer, at i: Int32) -> Int32 {
        withUnsafeBytes { sqlite3_bind_blob64(s, i, $0.baseAddress, sqlite3_uint64($0.count), csqlite_transient()) }
    }
}
extension Optional: SQLBindable where Wrapped: SQLBindable {
    func bind(to s: OpaquePointer, at i: Int32) -> Int32 {
        switch self {
        case .some(let v): v.bind(to: s, at: i)
        case .none: sqlite3_bind_null(s, i)
        }
    }
}

/// One prepared statement; finalized when the value goes away.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let database: Database

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            sqlite3_finalize(stmt)
            throw SQLiteError(handle: database.handle, result: rc, sql: sql)
        }
        self.handle = stmt
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears earlier bindings and binds `values` to parameters 1…n.
    func bind(_ values: [any SQLBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() {
            let rc = value.bind(to: handle, at: Int32(i + 1))
            guard rc == SQLITE_OK else { throw SQLiteError(handle: database.handle, result: rc, sql: sql) }
        }
    }

    /// Steps once: true when a row is available.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(handle: database.handle, result: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Releases the statement's read lock and bound values once a caller is done with it.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    var row: Row { Row(handle: handle) }

    // MARK: typed binding for hot paths (no array, no existential boxes)

    /// Resets the statement for a new set of values. Every parameter must then be bound: bindings are not
    /// cleared, so a value left over from the previous call would otherwise be reused.
    @inline(__always) func rebind() { sqlite3_reset(handle) }

    @inline(__always) func bind(_ i: Int32, _ v: Int64) throws { try check(sqlite3_bind_int64(handle, i, v)) }
    @inline(__always) func bind(_ i: Int32, _ v: Int) throws { try check(sqlite3_bind_int64(handle, i, Int64(v))) }
    @inline(__always) func bind(_ i: Int32, _ v: Bool) throws { try check(sqlite3_bind_int64(handle, i, v ? 1 : 0)) }
    @inline(__always) func bind(_ i: Int32, _ v: Int64?) throws {
        if let v { try bind(i, v) } else { try check(sqlite3_bind_null(handle, i)) }
    }
    @inline(__always) func bind(_ i: Int32, _ v: String) throws {
        // TRANSIENT: SQLite copies the bytes. A native Swift string is contiguous UTF-8, so this does not allocate.
        var v = v
        let rc = v.withUTF8 { buf -> Int32 in
            // An empty buffer may have no base address, which SQLite would take for NULL.
            guard let base = buf.baseAddress, buf.count > 0 else {
                return sqlite3_bind_text(handle, i, "", 0, csqlite_transient())
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                sqlite3_bind_text(handle, i, $0, Int32(buf.count), csqlite_transient())
            }
        }
        try check(rc)
    }
    @inline(__always) func bind(_ i: Int32, _ v: String?) throws {
        if let v { try bind(i, v) } else { try check(sqlite3_bind_null(handle, i)) }
    }
    @inline(__always) func bind(_ i: Int32, _ v: [UInt8]) throws {
        let rc = v.withUnsafeBytes { sqlite3_bind_blob64(handle, i, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                                         sqlite3_uint64($0.count), csqlite_transient()) }
        try check(rc)
    }

    /// Steps a statement that returns no rows to completion and resets it; returns the rows it changed.
    @discardableResult @inline(__always) func execute() throws -> Int {
        defer { sqlite3_reset(handle) }
        while try step() {}
        return Int(sqlite3_changes(database.handle))
    }

    @inline(__always) private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw SQLiteError(handle: database.handle, result: rc, sql: sql) }
    }
}

/// The current row of a stepping statement; valid only until the next step.
struct Row {
    let handle: OpaquePointer

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }
    func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(handle, i) else { return "" }
        return String(cString: p)
    }
    func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }
    func optionalInt(_ i: Int32) -> Int64? { isNull(i) ? nil : int(i) }
    var columnCount: Int32 { sqlite3_column_count(handle) }
    /// The column as text whatever its type (for dumps and diagnostics).
    func describe(_ i: Int32) -> String {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL: "NULL"
        case SQLITE_INTEGER: String(int(i))
        case SQLITE_FLOAT: String(double(i))
        case SQLITE_BLOB: "x'" + blob(i).map { String($0, radix: 16) }.joined() + "'"
        default: "'" + text(i) + "'"
        }
    }
    func blob(_ i: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(handle, i))
        guard n > 0, let p = sqlite3_column_blob(handle, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}
