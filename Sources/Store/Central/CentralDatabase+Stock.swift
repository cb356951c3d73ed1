import Model

/// The centre's stock, by the same rule as the office (`StockRule`): a line is its latest count (by HLC) plus the
/// movements stamped after it, or the sum of its movements while never counted. `stock.qty` is that quantity;
/// `stock_moves` keeps each stock event's clock, delta and log position (counts flagged) so a count arriving after
/// later-stamped movements (or a first count) can sum what follows it, and so a snapshot and the pruner know which
/// entries the latest count subsumes; `stock_counts` keeps each counted line's latest count.
extension CentralDatabase {
    static let stockSchema = """
    CREATE TABLE IF NOT EXISTS stock_moves(depot TEXT NOT NULL, item TEXT NOT NULL, hlc TEXT NOT NULL, delta INTEGER NOT NULL,
        seq INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY(depot, item, hlc)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS stock_counts(depot TEXT NOT NULL, item TEXT NOT NULL, hlc TEXT NOT NULL,
        observed INTEGER NOT NULL, after INTEGER NOT NULL, PRIMARY KEY(depot, item)) WITHOUT ROWID;
    """

    /// Folds one applied stock event, at log position `seq` (inside the apply transaction), by the rule both
    /// engines share (`StockLineFold`): the line is read, folded in memory and written back.
    func foldStock(_ m: StockMovement, hlc: HLC, seq: Int64) throws {
        let count = try db.first("SELECT hlc, observed, after FROM stock_counts WHERE depot = ? AND item = ?", m.depot, m.item) {
            StockLineFold.Count(hlc: $0.text(0), observed: $0.int(1), after: $0.int(2))
        }
        // The fold uses the stored quantity only for a line no count has fixed (a counted one is count + later moves).
        let quantity = count != nil ? nil
            : try db.first("SELECT qty FROM stock WHERE depot = ? AND item = ?", m.depot, m.item) { $0.int(0) }
        var moves: [(hlc: String, delta: Int64, isCount: Bool)] = []
        if m.isCount {
            // Text order of the fixed-width clock is clock order.
            try db.forEach("SELECT hlc, delta, count FROM stock_moves WHERE depot = ? AND item = ? AND hlc > ?",
                           [m.depot, m.item, count?.hlc ?? ""]) { moves.append(($0.text(0), $0.int(1), $0.int(2) != 0)) }
        }
        var line = StockLineFold(count: count, quantity: quantity, movesAbove: moves)
        line.fold(m, hlc: hlc.description, seq: seq)
        for move in line.newMoves {
            try db.run("INSERT OR IGNORE INTO stock_moves(depot, item, hlc, delta, seq, count) VALUES (?, ?, ?, ?, ?, ?)",
                       m.depot, m.item, move.hlc, move.delta, move.seq, move.isCount)
        }
        if line.countChanged, let c = line.count {
            try db.run("""
                INSERT INTO stock_counts(depot, item, hlc, observed, after) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(depot, item) DO UPDATE SET hlc = excluded.hlc, observed = excluded.observed, after = excluded.after
                """, m.depot, m.item, c.hlc, c.observed, c.after)
        }
        if line.quantityChanged, let q = line.quantity {
            try db.run("""
                INSERT INTO stock(depot, item, qty) VALUES (?, ?, ?) ON CONFLICT(depot, item) DO UPDATE SET qty = excluded.qty
                """, m.depot, m.item, q)
        }
    }

    /// Brings the folds a later release changed (stock counts as observations, alerts keyed by CAP triplet) up to date
    /// on a central file made before it: creates their tables and re-folds the log's entries of that kind once, each in
    /// one transaction, recorded in `central_meta`.
    func upgradeFolds() throws {
        try db.execute(Self.stockSchema)
        try db.execute(Self.contactsSchema)
        if try meta("fold.alerts") == nil {
            try db.inTransaction {
                try refoldAlerts()
                try setMeta("fold.alerts", "cap-triplet")
            }
        }
        guard try meta("fold.stock") == nil else { return }
        try db.inTransaction {
            try db.run("DELETE FROM stock")
            try db.run("DELETE FROM stock_moves")
            try db.run("DELETE FROM stock_counts")
            var after: Int64 = 0
            while true {
                let page = try log(after: after, limit: 5000)
                guard let last = page.last else { break }
                for entry in page where entry.kind == 4 {
                    let e = try entry.event()
                    if case .stock(let m) = e.payload { try foldStock(m, hlc: e.hlc, seq: entry.seq) }
                }
                after = last.seq
            }
            try setMeta("fold.stock", "observations")
        }
    }

    /// Log positions of stock entries the lines' latest counts subsume: movements and older counts stamped before
    /// their line's latest count. A snapshot leaves them out (the office folds the same line without them) and the
    /// pruner may delete them; nothing a later event needs is among them (a later count needs only the movements
    /// stamped after itself, so after the latest count; an earlier one is not the latest).
    public func subsumedStockEntries() throws -> Set<Int64> {
        try guarded {
            var out = Set<Int64>()
            try db.forEach("""
                SELECT m.seq FROM stock_moves m JOIN stock_counts c ON c.depot = m.depot AND c.item = m.item WHERE m.hlc < c.hlc
                """, []) { out.insert($0.int(0)) }
            return out
        }
    }

    /// Prunes the log through `seq`: deletes the entries a snapshot leaves out (unit statuses and record fields
    /// that no longer win, stock entries their line's latest count subsumes) and moves the horizon there, so a
    /// client whose cursor is older bootstraps from a snapshot. A movement that arrives late is never lost: the
    /// centre folds it against the line's latest count and appends it after the horizon, where every office pulls
    /// it. Returns the entries deleted.
    @discardableResult
    public func pruneLog(through seq: Int64) throws -> Int {
        try guarded {
            try db.inTransaction {
                // Never the newest entry: sequence numbers are the log's rowids, and deleting the largest would let
                // the next append reuse its number under another event (clients' cursors and the high-water mark
                // name entries by number and tag).
                let through = min(seq, (try db.int("SELECT coalesce(max(seq), 0) FROM log") ?? 0) - 1)
                var deleted = try db.run("""
                    DELETE FROM log WHERE seq <= ? AND kind IN (3, 5)
                        AND seq NOT IN (SELECT seq FROM unit_status UNION SELECT seq FROM field_winners)
                    """, through)
                deleted += try db.run("""
                    DELETE FROM log WHERE seq <= ? AND kind = 4 AND seq IN (
                        SELECT m.seq FROM stock_moves m JOIN stock_counts c ON c.depot = m.depot AND c.item = m.item
                        WHERE m.hlc < c.hlc)
                    """, through)
                try db.run("""
                    DELETE FROM stock_moves WHERE seq <= ? AND EXISTS (SELECT 1 FROM stock_counts c
                        WHERE c.depot = stock_moves.depot AND c.item = stock_moves.item AND stock_moves.hlc < c.hlc)
                    """, through)
                if through > horizon {
                    try setMeta("horizon", String(through))
                    horizon = through
                }
                return deleted
            }
        }
    }
}
