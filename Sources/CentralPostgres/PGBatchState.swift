import Foundation
import Model
import Store

/// Lookups during one batch, cached; the batch's own writes go into the caches as they happen. A fact read
/// under no lock of the batch's (`PGBatchLocks` foresaw it not) is locked shared before it is read.
final class PGBatchLookup: CentralLookup {
    let db: PGConnection
    var records: [RecordRef: CentralRecord?] = [:]
    var alerts: [String: CentralAlert?] = [:]
    private var held: Set<Int64>
    init(db: PGConnection, held: Set<Int64>) { self.db = db; self.held = held }

    private func hold(_ key: Int64) throws {
        guard held.insert(key).inserted else { return }
        try db.rows("SELECT pg_advisory_xact_lock_shared($1)", [key]) { _ in () }
    }

    /// Loads the records the batch writes, in one statement (absent ones are cached as absent).
    func preload(_ refs: [RecordRef]) throws {
        let wanted = Array(Set(refs))
        guard !wanted.isEmpty else { return }
        for ref in wanted { records[ref] = .some(nil) }
        try db.rows("""
            SELECT r.kind, r.id, r.owner, r.region, r.retired FROM unnest($1::text[], $2::text[]) AS l(kind, id)
            JOIN records r ON r.kind = l.kind COLLATE "C" AND r.id = l.id COLLATE "C"
            """, [PGArray(wanted.map(\.kind.rawValue)), PGArray(wanted.map(\.id))]) { r in
            guard let kind = RecordKind(rawValue: r.text(0)) else { return }
            records[RecordRef(kind, r.text(1))] = .some(CentralRecord(owner: RegionCode(r.int(2)), region: RegionCode(r.int(3)),
                                                                      retired: r.int(4) != 0))
        }
    }

    func record(_ ref: RecordRef) throws -> CentralRecord? {
        if let cached = records[ref] { return cached }
        try hold(PGBatchLocks.key(ref))
        let r = try db.first("SELECT owner, region, retired FROM records WHERE kind = $1 AND id = $2", ref.kind.rawValue, ref.id) {
            CentralRecord(owner: RegionCode($0.int(0)), region: RegionCode($0.int(1)), retired: $0.int(2) != 0)
        }
        records[ref] = .some(r)
        return r
    }

    func alert(_ id: String) throws -> CentralAlert? {
        if let cached = alerts[id] { return cached }
        try hold(PGBatchLocks.key(alert: id))
        let a = try db.first("SELECT issuer, areas FROM alerts WHERE id = $1", id) {
            CentralAlert(issuer: RegionCode($0.int(0)), areas: CentralDatabase.splitAreas($0.text(1)))
        }
        alerts[id] = .some(a)
        return a
    }
}

/// The stock lines a batch moves: loaded in two statements, folded by `StockLineFold`, stored in three.
struct PGStockLines {
    struct Line: Hashable { let depot: String, item: String }
    private var lines: [Line: StockLineFold] = [:]

    static func load(_ db: PGConnection, _ events: [Event]) throws -> PGStockLines {
        var counted = Set<Line>()
        var touched = Set<Line>()
        for e in events {
            guard case .stock(let m) = e.payload else { continue }
            touched.insert(Line(depot: m.depot, item: m.item))
            if m.isCount { counted.insert(Line(depot: m.depot, item: m.item)) }
        }
        var out = PGStockLines()
        guard !touched.isEmpty else { return out }
        let all = Array(touched)
        // A count sums the moves after its own clock, which is after the line's stored count (or it changes
        // nothing): the moves above the stored count are all it can need, whatever clock a re-stamp gives it.
        var moves: [Line: [(hlc: String, delta: Int64, isCount: Bool)]] = [:]
        if !counted.isEmpty {
            let lines = Array(counted)
            try db.rows("""
                SELECT m.depot, m.item, m.hlc, m.delta, m.count FROM unnest($1::text[], $2::text[]) AS l(depot, item)
                LEFT JOIN stock_counts c ON c.depot = l.depot COLLATE "C" AND c.item = l.item COLLATE "C"
                JOIN stock_moves m ON m.depot = l.depot COLLATE "C" AND m.item = l.item COLLATE "C" AND m.hlc > coalesce(c.hlc, '')
                """, [PGArray(lines.map(\.depot)), PGArray(lines.map(\.item))]) { r in
                moves[Line(depot: r.text(0), item: r.text(1)), default: []].append((r.text(2), r.int(3), r.int(4) != 0))
            }
        }
        try db.rows("""
            SELECT l.depot, l.item, c.hlc, c.observed, c.after, s.qty FROM unnest($1::text[], $2::text[]) AS l(depot, item)
            LEFT JOIN stock_counts c ON c.depot = l.depot COLLATE "C" AND c.item = l.item COLLATE "C"
            LEFT JOIN stock s ON s.depot = l.depot COLLATE "C" AND s.item = l.item COLLATE "C"
            """, [PGArray(all.map(\.depot)), PGArray(all.map(\.item))]) { r in
            let line = Line(depot: r.text(0), item: r.text(1))
            let count = r.isNull(2) ? nil : StockLineFold.Count(hlc: r.text(2), observed: r.int(3), after: r.int(4))
            out.lines[line] = StockLineFold(count: count, quantity: r.isNull(5) ? nil : r.int(5), movesAbove: moves[line] ?? [])
        }
        return out
    }

    mutating func fold(_ m: StockMovement, hlc: String, seq: Int64) {
        lines[Line(depot: m.depot, item: m.item)]?.fold(m, hlc: hlc, seq: seq)
    }

    func store(_ central: CentralPostgres) throws {
        let sorted = lines.sorted { ($0.key.depot, $0.key.item) < ($1.key.depot, $1.key.item) }
        try central.insertRows("stock_moves(depot, item, hlc, delta, seq, count)", sorted.flatMap { line, fold in
            fold.newMoves.map { [line.depot, line.item, $0.hlc, $0.delta, $0.seq, $0.isCount] as [any PGBindable] }
        }, suffix: " ON CONFLICT DO NOTHING")
        try central.insertRows("stock_counts(depot, item, hlc, observed, after)", sorted.compactMap { line, fold in
            guard fold.countChanged, let c = fold.count else { return nil }
            return [line.depot, line.item, c.hlc, c.observed, c.after]
        }, suffix: """
             ON CONFLICT(depot, item) DO UPDATE SET hlc = excluded.hlc, observed = excluded.observed, after = excluded.after
            """)
        try central.insertRows("stock(depot, item, qty)", sorted.compactMap { line, fold in
            guard fold.quantityChanged, let q = fold.quantity else { return nil }
            return [line.depot, line.item, q]
        }, suffix: " ON CONFLICT(depot, item) DO UPDATE SET qty = excluded.qty")
    }
}
