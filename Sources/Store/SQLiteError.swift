import CSQLite

/// A failed SQLite call: the result code, the extended code, SQLite's message and the SQL that failed.
struct SQLiteError: Error, CustomStringConvertible {
    /// A primary SQLite result code (the low byte of an extended code).
    struct Code: RawRepresentable, Hashable, Sendable {
        var rawValue: Int32
        init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ raw: Int32) { rawValue = raw & 0xFF }

        /// `SQLITE_ERROR`
        static let error = Code(SQLITE_ERROR)
        /// `SQLITE_BUSY`: another connection holds the lock past the busy timeout.
        static let busy = Code(SQLITE_BUSY)
        /// `SQLITE_LOCKED`
        static let locked = Code(SQLITE_LOCKED)
        /// `SQLITE_READONLY`
        static let readOnly = Code(SQLITE_READONLY)
        /// `SQLITE_IOERR`
        static let ioError = Code(SQLITE_IOERR)
        /// `SQLITE_CORRUPT`
        static let corrupt = Code(SQLITE_CORRUPT)
        /// `SQLITE_FULL`: the disk (or `max_page_count`) is full.
        static let full = Code(SQLITE_FULL)
        /// `SQLITE_CANTOPEN`
        static let cantOpen = Code(SQLITE_CANTOPEN)
        /// `SQLITE_CONSTRAINT`
        static let constraint = Code(SQLITE_CONSTRAINT)
        /// `SQLITE_NOTADB`: the file is not a SQLite database.
        static let notADatabase = Code(SQLITE_NOTADB)
    }

    /// `SQLITE_IOERR_SHORT_READ` (a macro expression Swift cannot import): the file ends before a page it needs.
    static let ioErrShortRead: Int32 = SQLITE_IOERR | 2 << 8

    var code: Code
    var extendedCode: Int32
    var message: String
    var sql: String?

    init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.code = Code(extendedCode)
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The error SQLite reports for `handle`'s last call.
    init(handle: OpaquePointer?, result: Int32, sql: String? = nil) {
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(result))
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? result
        // sqlite3_extended_errcode can lag behind when the error came from a step on another statement.
        self.init(extendedCode: (extended & 0xFF) == (result & 0xFF) ? extended : result, message: message, sql: sql)
    }

    var description: String {
        "SQLite error \(extendedCode): \(message)" + (sql.map { " — \($0)" } ?? "")
    }
}
