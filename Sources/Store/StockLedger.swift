import Model

/// A stock line as the log says it should be, by `StockRule`: its latest count (by HLC), the sum of the movements
/// stamped after that count, and the sum of all its movements (the quantity of a line never counted).
struct LineLedger: Equatable {
    /// Sum of every movement's delta (counts excluded).
    var total: Int64 = 0
    var count: StockCount?
    /// Stock events, counts included.
    var events: Int64 = 0

    var quantity: Int64 { count.map { $0.observed + $0.after } ?? total }

    /// Reads the log's stock events (optionally only those stamped at or after `fromWall`, through the partial index
    /// on their clocks), decoded, with their clocks.
    static func forEachStockEvent(_ db: Database, fromWall: Int64 = .min,
                                  _ body: (HLC, StockMovement) throws -> Void) throws {
        try db.forEach("""
            SELECT hlc_wall, hlc_counter, hlc_node, payload FROM events WHERE kind = 'stock' AND hlc_wall >= ?
            """, [fromWall]) { r in
            guard case .stock(let m) = try EventCodec.decodePayload(r.blob(3)) else { return }
            try body(HLC(wall: r.int(0), counter: UInt32(truncatingIfNeeded: r.int(1)), node: UInt64(bitPattern: r.int(2))), m)
        }
    }

    /// The sum of the line's movements stamped after `t`, from the log (a batch's own events are already in it).
    /// A count is usually recent, so the index range holds few events.
    static func movements(after t: HLC, depot: String, item: String, _ db: Database) throws -> Int64 {
        var sum: Int64 = 0
        try forEachStockEvent(db, fromWall: t.wall) { hlc, m in
            if hlc > t, !m.isCount, m.depot == depot, m.item == item { sum += m.delta }
        }
        return sum
    }

    /// Every line's ledger from the log alone, in two passes (the latest counts, then the movements after them), so
    /// memory is per line, not per event.
    static func fromLog(_ db: Database) throws -> [FoldBatch.Line: LineLedger] {
        var out: [FoldBatch.Line: LineLedger] = [:]
        try forEachStockEvent(db) { hlc, m in
            let line = FoldBatch.Line(depot: m.depot, item: m.item)
            var l = out[line] ?? LineLedger()
            l.events += 1
            if m.isCount, let observed = m.observed {
                if l.count.map({ hlc > $0.hlc }) ?? true { l.count = StockCount(hlc: hlc, observed: observed, after: 0) }
            } else {
                l.total += m.delta
            }
            out[line] = l
        }
        guard let from = out.values.compactMap({ $0.count?.hlc.wall }).min() else { return out }
        try forEachStockEvent(db, fromWall: from) { hlc, m in
            let line = FoldBatch.Line(depot: m.depot, item: m.item)
            guard !m.isCount, let c = out[line]?.count, hlc > c.hlc else { return }
            out[line]?.count?.after += m.delta
        }
        return out
    }
}

/// A counted line's latest count and the sum of the movements stamped after it (a row of `stock_counts`).
struct StockCount: Equatable {
    var hlc: HLC
    var observed: Int64
    var after: Int64
}

extension Folder {
    /// Whether this file has the count table (an older schema, still being migrated, folds counts as deltas, as the
    /// release that wrote it did). Asked once per batch, and only by a batch that holds stock.
    func hasCountTable() throws -> Bool {
        if let known = batch.hasCountTable { return known }
        let has = try db.int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stock_counts'") != nil
        batch.hasCountTable = has
        return has
    }

    /// Rewrites every counted line's count row and quantity from the log (the migration that made counts
    /// observations; lines never counted are already the sum of their movements).
    func recomputeCountedLines() throws {
        try db.run("DELETE FROM stock_counts")
        for (line, l) in try LineLedger.fromLog(db).sorted(by: { ($0.key.depot, $0.key.item) < ($1.key.depot, $1.key.item) }) {
            guard let c = l.count else { continue }
            try writeCount(FoldBatch.Line(depot: line.depot, item: line.item), c)
            try db.run("UPDATE stock_lines SET quantity = ? WHERE depot = ? AND item = ?", l.quantity, line.depot, line.item)
        }
    }

    func readCount(_ line: FoldBatch.Line) throws -> StockCount? {
        try db.first(.readStockCount, { s in
            try s.bind(1, line.depot)
            try s.bind(2, line.item)
        }) { r in StockCount(hlc: HLC(r.text(0)) ?? .zero, observed: r.int(1), after: r.int(2)) }
    }

    func writeCount(_ line: FoldBatch.Line, _ c: StockCount) throws {
        try db.run(.writeStockCount) { s in
            try s.bind(1, line.depot)
            try s.bind(2, line.item)
            try s.bind(3, c.hlc.sortKey)
            try s.bind(4, c.observed)
            try s.bind(5, c.after)
        }
    }
}
