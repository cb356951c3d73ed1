import Foundation
import Model

extension Store {
    /// SQLite integrity check plus DutyDesk invariants; an empty list means healthy.
    public func check() throws -> [String] {
        try withDatabase { db in
            var problems: [String] = []
            try db.forEach("PRAGMA integrity_check", []) { r in
                let line = r.text(0)
                if line != "ok" { problems.append("integrity: \(line)") }
            }
            try db.forEach("PRAGMA foreign_key_check", []) { r in
                problems.append("foreign key: row \(r.int(1)) of \(r.text(0)) cites a missing \(r.text(2)) row")
            }
            problems += try checkStock(db)
            problems += try checkOutbox(db)
            problems += try checkAlerts(db)
            problems += try checkRejections(db)
            return problems
        }
    }

    /// Each line is what its stock events in the log say by `StockRule`: its latest count (by HLC) plus the
    /// movements stamped after it, or the sum of its movements when never counted; its movement count is the number
    /// of those events, and a counted line's count row holds that count and the sum after it. The state is checked
    /// against the log itself, not against another copy.
    private func checkStock(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var fromLog: [FoldBatch.Line: LineLedger]
        do {
            fromLog = try LineLedger.fromLog(db)
        } catch let e as DecodeError {
            return ["stock events: a payload does not decode (\(e))"]
        }
        var counts: [FoldBatch.Line: StockCount] = [:]
        try db.forEach("SELECT depot, item, count_hlc, count_qty, after_count FROM stock_counts", []) { r in
            counts[FoldBatch.Line(depot: r.text(0), item: r.text(1))] = StockCount(hlc: HLC(r.text(2)) ?? .zero,
                                                                                observed: r.int(3), after: r.int(4))
        }
        try db.forEach("SELECT depot, item, quantity, movements FROM stock_lines", []) { r in
            let line = FoldBatch.Line(depot: r.text(0), item: r.text(1))
            let logged = fromLog.removeValue(forKey: line) ?? LineLedger()
            let name = "stock \(line.depot)/\(line.item)"
            if r.int(2) != logged.quantity || r.int(3) != logged.events {
                let rule = logged.count.map { "its latest count \($0.observed) at \($0.hlc) plus \($0.after) after it make \(logged.quantity)" }
                    ?? "its \(logged.events) stock events sum to \(logged.total)"
                problems.append("\(name): quantity \(r.int(2)) but \(rule) (\(r.int(3)) counted)")
            }
            if counts.removeValue(forKey: line) != logged.count {
                problems.append("\(name): the count row does not match the latest count in the log")
            }
        }
        for line in fromLog.keys.sorted(by: { ($0.depot, $0.item) < ($1.depot, $1.item) }) {
            problems.append("stock \(line.depot)/\(line.item): stock events without a stock line")
        }
        for line in counts.keys.sorted(by: { ($0.depot, $0.item) < ($1.depot, $1.item) }) {
            problems.append("stock \(line.depot)/\(line.item): a count row without a stock line")
        }
        return problems
    }

    /// The outbox holds exactly this device's events after the acknowledged prefix, one row each, without gaps.
    private func checkOutbox(_ db: Database) throws -> [String] {
        let device = Int64(bitPattern: identity.device)
        var problems = try db.rows("""
            SELECT o.seq FROM outbox o LEFT JOIN events e ON e.id = o.event
            WHERE e.id IS NULL OR e.device != ? OR e.seq != o.seq
            """, device) { "outbox seq \($0.int(0)) does not cite this device's event \($0.int(0))" }
        let acknowledged = Int64(try db.text("SELECT value FROM meta WHERE key = ?", MetaKey.outboxAcknowledged) ?? "") ?? 0
        let highest = try db.int("SELECT max(seq) FROM events WHERE device = ?", device) ?? 0
        let local = try db.int("SELECT count(*) FROM events WHERE device = ?", device) ?? 0
        if local != highest { problems.append("device sequence has gaps: \(local) events, highest seq \(highest)") }
        let count = try db.int("SELECT count(*) FROM outbox") ?? 0
        let low = try db.int("SELECT min(seq) FROM outbox"), high = try db.int("SELECT max(seq) FROM outbox")
        if count != max(0, highest - acknowledged) {
            problems.append("outbox holds \(count) events; expected \(max(0, highest - acknowledged)) (seq \(acknowledged + 1)…\(highest))")
        } else if count > 0, low != acknowledged + 1 || high != highest {
            problems.append("outbox spans seq \(low ?? 0)…\(high ?? 0); expected \(acknowledged + 1)…\(highest)")
        }
        return problems
    }

    /// Only this device's own events can be rejected (nothing else was pushed from here).
    private func checkRejections(_ db: Database) throws -> [String] {
        try db.rows("""
            SELECT r.event FROM rejections r LEFT JOIN events e ON e.id = r.event WHERE e.id IS NULL OR e.device != ?
            """, Int64(bitPattern: identity.device)) { "rejection of event row \($0.int(0)), which is not one of this device's events" }
    }

    /// Maintained alert counters equal what they count.
    private func checkAlerts(_ db: Database) throws -> [String] {
        var problems = try db.rows("""
            SELECT a.id, a.ack_count, coalesce(k.n, 0) FROM alerts a
            LEFT JOIN (SELECT alert, count(*) AS n FROM acks GROUP BY alert) k ON k.alert = a.id
            WHERE a.ack_count != coalesce(k.n, 0)
            """) { "alert \($0.text(0)): \($0.int(1)) acknowledgments counted, \($0.int(2)) stored" }
        problems += try db.rows("""
            SELECT a.id, a.messages, coalesce(m.n, 0) FROM alerts a
            LEFT JOIN (SELECT alert, count(*) AS n FROM alert_messages GROUP BY alert) m ON m.alert = a.id
            WHERE a.messages != coalesce(m.n, 0)
            """) { "alert \($0.text(0)): \($0.int(1)) messages counted, \($0.int(2)) stored" }
        problems += try db.rows("""
            SELECT a.id, a.responding, coalesce(u.n, 0) FROM alerts a
            LEFT JOIN (SELECT serving_alert, count(*) AS n FROM units
                       WHERE status IN ('dispatched', 'enRoute', 'onScene') GROUP BY serving_alert) u ON u.serving_alert = a.id
            WHERE a.responding != coalesce(u.n, 0)
            """) { "alert \($0.text(0)): \($0.int(1)) responding units counted, \($0.int(2)) committed" }
        problems += try db.rows("""
            SELECT count(*) FROM units WHERE status IN ('dispatched', 'enRoute', 'onScene')
                AND (serving_alert IS NULL OR serving_alert NOT IN (SELECT id FROM alerts))
            """) { $0.int(0) }.filter { $0 > 0 }.map { "\($0) committed units serve no known alert row" }
        return problems
    }

    /// Counts for `dutydesk stats`.
    public func stats() throws -> StoreStats {
        try withDatabase { db in
            func count(_ sql: String) throws -> Int { Int(try db.int(sql) ?? 0) }
            let size = { (p: String) -> Int64 in
                ((try? FileManager.default.attributesOfItem(atPath: p)[.size]) as? NSNumber)?.int64Value ?? 0
            }
            var stats = StoreStats(
                events: try count("SELECT count(*) FROM events"),
                alerts: try count("SELECT count(*) FROM alerts WHERE messages > 0"),
                acknowledgments: try count("SELECT count(*) FROM acks"),
                units: try count("SELECT count(*) FROM units WHERE kind IS NOT NULL AND retired = 0"),
                depots: try count("SELECT count(*) FROM depots WHERE retired = 0"),
                items: try count("SELECT count(*) FROM items WHERE retired = 0"),
                stockLines: try count("SELECT count(*) FROM stock_lines WHERE retired = 0"),
                movements: try count("SELECT coalesce(sum(movements), 0) FROM stock_lines"),
                drills: try count("SELECT count(*) FROM drills WHERE retired = 0"),
                outboxDepth: try count("SELECT count(*) FROM outbox"),
                fileBytes: size(path) + size(path + "-wal"))
            stats.rejected = try count("SELECT count(*) FROM rejections")
            stats.rejectedUnacknowledged = try count("SELECT count(*) FROM rejections WHERE acknowledged = 0")
            stats.transfersInTransit = try count("SELECT count(*) FROM transfers WHERE out_event IS NOT NULL AND in_event IS NULL")
            return stats
        }
    }
}
