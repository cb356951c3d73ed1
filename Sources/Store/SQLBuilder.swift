import Foundation

/// Collects WHERE conditions and their bound values; only fixed SQL fragments are ever concatenated.
struct SQLBuilder {
    private(set) var conditions: [String] = []
    private(set) var values: [any SQLBindable] = []

    mutating func add(_ condition: String, _ bound: any SQLBindable...) {
        add(condition, values: bound)
    }

    mutating func add(_ condition: String, values bound: [any SQLBindable]) {
        conditions.append(condition)
        values.append(contentsOf: bound)
    }

    /// `column IN (?, ?, …)` for a non-empty set; sorted so equal filters reuse one cached statement.
    mutating func add<V: SQLBindable & Comparable>(_ column: String, in set: some Collection<V>) {
        guard !set.isEmpty else { return }
        conditions.append("\(column) IN (\(Array(repeating: "?", count: set.count).joined(separator: ", ")))")
        values.append(contentsOf: set.sorted() as [any SQLBindable])
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// Lower-cased needle for `instr(search, ?)`: substring match without LIKE's wildcards.
    static func needle(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        return t.lowercased()
    }
}
