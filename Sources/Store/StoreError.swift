import CSQLite

/// Why the store refused or failed an operation; `description` is one line fit for an operator.
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is; new codes may be added, so switch with a default.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Another process holds the store's write lock past the busy timeout.
        public static let busy = Code("busy")
        /// The disk (or the database's size limit) is full; the failed write left nothing behind.
        public static let diskFull = Code("diskFull")
        /// The file is a store but damaged: truncated or corrupt.
        public static let corrupt = Code("corrupt")
        /// The file is not a SQLite database at all (random bytes, empty, another format).
        public static let notADatabase = Code("notADatabase")
        /// The file is a SQLite database but not a DutyDesk store.
        public static let notAStore = Code("notAStore")
        /// The store was written by a newer dutydesk.
        public static let newerSchema = Code("newerSchema")
        /// The store needs a migration but was opened read-only.
        public static let needsMigration = Code("needsMigration")
        /// A write was attempted on a read-only store or file.
        public static let readOnly = Code("readOnly")
        /// No store at the path.
        public static let notFound = Code("notFound")
        /// `create` found a file already there.
        public static let alreadyExists = Code("alreadyExists")
        /// An action named an alert, unit, depot, item or drill the store does not know.
        public static let unknownRecord = Code("unknownRecord")
        /// An action was refused by a rule (quantity, stock on hand, unit status, duplicate acknowledgment…).
        public static let refused = Code("refused")
        /// The store was closed.
        public static let closed = Code("closed")
        /// The operating system could not read or write the file.
        public static let io = Code("io")
        /// Any other SQLite failure.
        public static let sqlite = Code("sqlite")
        /// A central database server (PostgreSQL) failed or could not be reached.
        public static let server = Code("server")
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// An error of another central backend (PostgreSQL), in the same one-line form.
    public static func backend(_ code: Code, _ message: String) -> StoreError { StoreError(code, message) }

    static func refused(_ message: String) -> StoreError { StoreError(.refused, message) }
    static func unknown(_ what: String, _ id: String) -> StoreError { StoreError(.unknownRecord, "unknown \(what) '\(id)'") }

    /// Turns a SQLite failure into an operator-level error about the store at `path`.
    static func from(_ error: SQLiteError, path: String) -> StoreError {
        switch error.code {
        case .busy, .locked:
            return StoreError(.busy, "store \(path) is locked by another process (busy); try again")
        case .full:
            return StoreError(.diskFull, "disk full: nothing was written to \(path)")
        case .corrupt:
            return StoreError(.corrupt, "store \(path) is damaged (truncated or corrupt): \(error.message)")
        case .notADatabase:
            return StoreError(.notADatabase, "\(path) is not a SQLite database")
        case .readOnly:
            return StoreError(.readOnly, "store \(path) is read-only: \(error.message)")
        case .cantOpen:
            return StoreError(.io, "cannot open \(path): \(error.message)")
        case .ioError:
            if error.extendedCode == SQLiteError.ioErrShortRead {
                return StoreError(.corrupt, "store \(path) is damaged (truncated): \(error.message)")
            }
            return StoreError(.io, "I/O error on \(path): \(error.message) (code \(error.extendedCode))")
        default:
            return StoreError(.sqlite, "store \(path): \(error.message) (SQLite code \(error.extendedCode))")
        }
    }
}
