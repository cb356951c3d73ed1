import CSQLite

/// SQL arguments by name (`:name`), so a reordered column or a moved clause cannot shift a value into the wrong
/// placeholder (STYLE.md 21).
extension Database {
    func rows<T>(_ sql: String, named args: [String: any SQLBindable], map: (Row) throws -> T) throws -> [T] {
        try rows(sql, try positional(sql, args), map: map)
    }

    func forEach(_ sql: String, named args: [String: any SQLBindable], _ body: (Row) throws -> Void) throws {
        try forEach(sql, try positional(sql, args), body)
    }

    /// The arguments in the statement's parameter order; a placeholder without an argument is a programming error
    /// reported as one, never a silent NULL.
    private func positional(_ sql: String, _ args: [String: any SQLBindable]) throws -> [any SQLBindable] {
        let stmt = try statement(sql)
        let n = sqlite3_bind_parameter_count(stmt.handle)
        guard n > 0 else { return [] }
        return try (1...n).map { i in
            let name = sqlite3_bind_parameter_name(stmt.handle, i).map { String(String(cString: $0).dropFirst()) } ?? ""
            guard let value = args[name] else {
                throw SQLiteError(handle: handle, result: SQLITE_RANGE, sql: sql)
            }
            return value
        }
    }
}
