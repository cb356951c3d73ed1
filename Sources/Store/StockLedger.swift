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
                AND id NOT IN (SELECT event FROM rejections)
            """, [fromWall]) { r in
            guard case .stock(let m) = try EventCodec.decodePayload(r.blob(3)) else { return }
            try body(HLC(wall: r.int(0), counter: UInt32(truncatingIfNeeded: r.int(1)), node: UInt64(bitPattern: r.int(2))), m)
        }
    }

    /// For each line, the sum of its movements stamped after `counts[line]` among the events folded before row
    /// `before` (the current batch's own are summed in memory): one walk of the stock clock index from the earliest of
    /// those counts, reading only rows that arrived before the batch (rare: a count stamped before movements that
    /// were already here).
    static func movementsAfterCounts(_ counts: [FoldBatch.Line: HLC], before: Int64, clockIndex: ClockIndex,
                                     _ db: Database) throws -> [FoldBatch.Line: Int64] {
        guard let from = counts.values.map(\.wall).min() else { return [:] }
        var out: [FoldBatch.Line: Int64] = [:]
        try db.forEach(lateMovementsSQL(clockIndex), [from, before]) { r in
            guard case .stock(let m) = try EventCodec.decodePayload(r.blob(3)), !m.isCount else { return }
            let line = FoldBatch.Line(depot: m.depot, item: m.item)
            let hlc = HLC(wall: r.int(0), counter: UInt32(truncatingIfNeeded: r.int(1)), node: UInt64(bitPattern: r.int(2)))
            if let t = counts[line], hlc > t { out[line, default: 0] += m.delta }
        }
        return out
    }

    /// The stock events stamped at or after a time (?1) that arrived before a row (?2), accepted ones only.
    static func lateMovementsSQL(_ clockIndex: ClockIndex) -> String {
        """
        SELECT hlc_wall, hlc_counter, hlc_node, payload FROM events \(clockIndex.hint)
        WHERE kind = 'stock' AND hlc_wall >= ? AND id < ? AND id NOT IN (SELECT event FROM rejections)
        """
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

/// Which index finds the events stamped after a time, by the schema step the file is at.
enum ClockIndex {
    /// `events_stock_clock` (migrations 10-13): the planner takes the partial index on stock events by itself.
    case stockOnly
    /// `events_clock` on the wall time alone (migration 16 on): named, or the planner may walk the rowid range.
    case wall
    /// Neither yet (a replay inside an older migration): whatever the planner finds.
    case none

    var hint: String { self == .wall ? "INDEXED BY events_clock" : "" }
}

extension Folder {
    /// The clock index this file has, looked up once per batch.
    func clockIndex() throws -> ClockIndex {
        if let known = batch.clockIndex { return known }
        let names = Set(try db.rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('events_stock_clock', 'events_clock')") { $0.text(0) })
        let index: ClockIndex = names.contains("events_stock_clock") ? .stockOnly : names.contains("events_clock") ? .wall : .none
        batch.clockIndex = index
        return index
    }

    /// Whether this file has the count table (an older schema, still being migrated, folds counts as deltas, as the
    /// release that wrote it did): whether the statement that reads it prepares, which it does once per connection.
    func hasCountTable() throws -> Bool {
        (try? db.statement(.readStockCount)) != nil
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

    /// One line again from its accepted stock events in the log: after a rejection took one out, or the centre
    /// re-stamped one (with counts, a movement's clock decides whether the count subsumes it).
    func refoldLine(_ line: FoldBatch.Line) throws {
        try flush()
        var ledger = LineLedger()
        var moves: [(HLC, Int64)] = []
        try db.forEach("""
            SELECT hlc_wall, hlc_counter, hlc_node, payload FROM events
            WHERE kind = 'stock' AND instr(payload, ?) > 0 AND id NOT IN (SELECT event FROM rejections)
            """, [Array(line.depot.utf8)]) { r in
            guard case .stock(let m) = try EventCodec.decodePayload(r.blob(3)), m.depot == line.depot, m.item == line.item else { return }
            let hlc = HLC(wall: r.int(0), counter: UInt32(truncatingIfNeeded: r.int(1)), node: UInt64(bitPattern: r.int(2)))
            ledger.events += 1
            if m.isCount, let observed = m.observed {
                if ledger.count.map({ hlc > $0.hlc }) ?? true { ledger.count = StockCount(hlc: hlc, observed: observed, after: 0) }
            } else {
                ledger.total += m.delta
                moves.append((hlc, m.delta))
            }
        }
        if let c = ledger.count {
            ledger.count?.after = moves.reduce(0) { $1.0 > c.hlc ? $0 + $1.1 : $0 }
            try writeCount(line, ledger.count!)
        } else {
            try db.run("DELETE FROM stock_counts WHERE depot = ? AND item = ?", line.depot, line.item)
        }
        try db.run("UPDATE stock_lines SET quantity = ?, movements = ? WHERE depot = ? AND item = ?",
                   ledger.quantity, ledger.events, line.depot, line.item)
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
