import Model

/// `EXPLAIN QUERY PLAN` for each pane query, one plan step per line: for tests (indexes, no scans of the event
/// log) and for the benchmark's report.
extension Store {
    public func queryPlan(_ query: AlertQuery) throws -> String { try plan(alertSQL(query, now: nowSeconds)) }
    public func queryPlan(_ query: UnitQuery) throws -> String { try plan(unitSQL(query)) }
    public func queryPlan(_ query: StockQuery) throws -> String {
        try stockSQLs(query, now: nowSeconds).map(plan).joined(separator: "\n")
    }
    public func queryPlan(_ query: DrillQuery) throws -> String { try plan(drillSQL(query)) }

    /// The plan of the query that finds the quarantined messages waiting for a message (run for every import).
    public func parkedQueryPlan() throws -> String { try plan((Store.parkedForKeySQL, [" key "])) }

    private func plan(_ q: (String, [any SQLBindable])) throws -> String {
        try withDatabase { db in
            var depth: [Int64: Int] = [0: 0]
            return try db.rows("EXPLAIN QUERY PLAN " + q.0, q.1) { r -> String in
                let d = (depth[r.int(1)] ?? 0) + 1
                depth[r.int(0)] = d
                return String(repeating: "  ", count: d - 1) + r.text(3)
            }.joined(separator: "\n")
        }
    }
}
