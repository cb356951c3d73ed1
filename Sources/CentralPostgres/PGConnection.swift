import CLibPQ
import Foundation
import Store

/// A value bound to a query parameter: sent as text (numbers, text) or binary (bytea).
public enum PGValue: Sendable {
    case int(Int64)
    case text(String)
    case bytes([UInt8])
    case null
}

/// What a Swift value binds as.
public protocol PGBindable { var pgValue: PGValue { get } }
extension Int64: PGBindable { public var pgValue: PGValue { .int(self) } }
extension Int: PGBindable { public var pgValue: PGValue { .int(Int64(self)) } }
extension Bool: PGBindable { public var pgValue: PGValue { .int(self ? 1 : 0) } }
extension String: PGBindable { public var pgValue: PGValue { .text(self) } }
extension Array: PGBindable where Element == UInt8 { public var pgValue: PGValue { .bytes(self) } }
extension Optional: PGBindable where Wrapped: PGBindable { public var pgValue: PGValue { self?.pgValue ?? .null } }

/// An array sent as its text literal (`{1,2}`, `{"a","b\\"c"}`); the SQL casts it (`$1::int8[]`, `$1::text[]`),
/// so one statement carries a whole batch's keys.
public struct PGArray: PGBindable {
    let literal: String
    public init(_ values: [Int64]) { literal = "{" + values.map(String.init).joined(separator: ",") + "}" }
    public init(_ values: [String]) {
        literal = "{" + values.map { v in
            "\"" + v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
    public var pgValue: PGValue { .text(literal) }
}

/// One row of a binary-format result. Columns must be int8, text or bytea (cast aggregates to int8 in SQL).
public struct PGRow {
    let result: OpaquePointer
    let row: Int32

    public func isNull(_ c: Int32) -> Bool { PQgetisnull(result, row, c) != 0 }

    public func int(_ c: Int32) -> Int64 {
        guard !isNull(c), let p = PQgetvalue(result, row, c) else { return 0 }
        var v: UInt64 = 0
        // int8 in binary format: 8 bytes, network order.
        p.withMemoryRebound(to: UInt8.self, capacity: 8) { b in for i in 0..<8 { v = v << 8 | UInt64(b[i]) } }
        return Int64(bitPattern: v)
    }

    public func text(_ c: Int32) -> String { String(decoding: blob(c), as: UTF8.self) }

    public func blob(_ c: Int32) -> [UInt8] {
        guard !isNull(c), let p = PQgetvalue(result, row, c) else { return [] }
        let n = Int(PQgetlength(result, row, c))
        return p.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
    }
}

/// A failed libpq call, with the server's SQLSTATE when it sent one.
public struct PGError: Error, CustomStringConvertible {
    public var sqlState: String
    public var message: String
    public var description: String { sqlState.isEmpty ? message : "\(message) (SQLSTATE \(sqlState))" }
}

/// One libpq connection (not shared between threads). Everything runs through `PQexecParams` with parameters
/// kept apart from the SQL text, results in binary form.
public final class PGConnection {
    private var conn: OpaquePointer?
    /// Statement text → prepared statement name on this connection.
    private var prepared: [String: String] = [:]
    /// The URL without its password, for messages.
    public let location: String

    /// Connects with a `postgres://` URL or `key=value` string; what it leaves out comes from the PG* environment
    /// variables and ~/.pgpass as libpq reads them.
    public init(_ conninfo: String) throws {
        location = PGConnection.redacted(conninfo)
        conn = PQconnectdb(conninfo)
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let why = conn.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(conn)
            self.conn = nil
            throw StoreError.backend(.server, "cannot connect to the central PostgreSQL server \(location): \(PGConnection.oneLine(why))")
        }
        // Notices (e.g. "relation already exists, skipping") are not for the operator's terminal.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { close() }

    public func close() {
        if let conn { PQfinish(conn) }
        conn = nil
    }

    /// Runs one statement; returns the rows mapped by `map`.
    @discardableResult
    public func rows<T>(_ sql: String, _ params: [any PGBindable] = [], map: (PGRow) throws -> T) throws -> [T] {
        let result = try exec(sql, params)
        defer { PQclear(result) }
        let n = PQntuples(result)
        var out: [T] = []
        out.reserveCapacity(Int(n))
        for i in 0..<n { out.append(try map(PGRow(result: result, row: i))) }
        return out
    }

    /// Runs one statement; returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ params: any PGBindable...) throws -> Int {
        let result = try exec(sql, params)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public func first<T>(_ sql: String, _ params: any PGBindable..., map: (PGRow) throws -> T) throws -> T? {
        try rows(sql, params, map: map).first
    }

    public func int(_ sql: String, _ params: any PGBindable...) throws -> Int64? {
        try rows(sql, params) { $0.isNull(0) ? nil : $0.int(0) }.first ?? nil
    }

    public func text(_ sql: String, _ params: any PGBindable...) throws -> String? {
        try rows(sql, params) { $0.isNull(0) ? nil : $0.text(0) }.first ?? nil
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func inTransaction<T>(_ isolation: String = "READ COMMITTED", _ body: () throws -> T) throws -> T {
        try run("BEGIN ISOLATION LEVEL \(isolation)")
        do {
            let value = try body()
            try run("COMMIT")
            return value
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    private func exec(_ sql: String, _ params: [any PGBindable]) throws -> OpaquePointer {
        guard let conn else { throw StoreError.backend(.closed, "the central store \(location) is closed") }
        let values = params.map(\.pgValue)
        var types: [Oid] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var buffers: [[UInt8]] = []
        for v in values {
            switch v {
            case .int(let i): types.append(20); buffers.append(Array(String(i).utf8) + [0]); formats.append(0)
            case .text(let s): types.append(25); buffers.append(Array(s.utf8) + [0]); formats.append(0)
            case .bytes(let b): types.append(17); buffers.append(b); formats.append(1)
            case .null: types.append(0); buffers.append([]); formats.append(0)
            }
            lengths.append(Int32(buffers.last!.count))
        }
        // Each statement text is parsed and planned once per connection (the apply loop runs the same few hundreds
        // of thousands of times); parameter types come from the first use, so a statement always binds the same.
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "s\(prepared.count)"
            let made = PQprepare(conn, name, sql, Int32(values.count), types)
            let ok = made.map { PQresultStatus($0) == PGRES_COMMAND_OK } ?? false
            if !ok {
                let state = made.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
                let message = PGConnection.oneLine(made.map { String(cString: PQresultErrorMessage($0)) } ?? String(cString: PQerrorMessage(conn)))
                PQclear(made)
                throw PGError(sqlState: state, message: "central store \(location): \(message)")
            }
            PQclear(made)
            prepared[sql] = name
        }
        let result: OpaquePointer? = withPointers(buffers, nulls: values.map { if case .null = $0 { true } else { false } }) { ptrs in
            PQexecPrepared(conn, name, Int32(values.count), ptrs, lengths, formats, 1)
        }
        guard let result else { throw StoreError.backend(.server, "central store \(location): \(PGConnection.oneLine(String(cString: PQerrorMessage(conn))))") }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let message = PGConnection.oneLine(String(cString: PQresultErrorMessage(result)))
            PQclear(result)
            let connectionLost = PQstatus(conn) != CONNECTION_OK
            throw PGError(sqlState: connectionLost ? "08006" : state, message: "central store \(location): \(message)")
        }
        return result
    }

    private func withPointers<R>(_ buffers: [[UInt8]], nulls: [Bool], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var ptrs: [UnsafePointer<CChar>?] = []
        func go(_ i: Int) -> R {
            if i == buffers.count { return body(ptrs) }
            return buffers[i].withUnsafeBufferPointer { b in
                ptrs.append(nulls[i] ? nil : b.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                            ?? UnsafePointer(bitPattern: 1))
                return go(i + 1)
            }
        }
        return go(0)
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    /// The URL with any password replaced by `***` (locations go into messages and logs).
    public static func redacted(_ url: String) -> String {
        guard let c = URLComponents(string: url), c.password != nil else { return url }
        var r = c
        r.password = "***"
        return r.string ?? "postgres://***"
    }

    /// Whether `url` carries a password (refused: it would sit on a command line or in a remembered setting).
    public static func hasPassword(_ url: String) -> Bool {
        if let c = URLComponents(string: url), c.password != nil { return true }
        return url.range(of: "password=", options: .caseInsensitive) != nil
    }
}
