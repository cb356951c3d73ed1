import Foundation
import Model

/// One line of the duty log (值班日志) or of an alert's timeline: an event as it was written, and the centre's
/// refusal if it was refused.
public struct DutyLogEntry: Sendable, Hashable {
    public var event: Event
    public var rejection: String?
    public var kind: EventKind { event.payload.kind }
    public func summary(_ lang: Language) -> String { event.payload.summary(lang) }
}

/// Which part of the log to read. The log is a view of the event log: nothing is written for it.
public struct DutyLogQuery: Sendable {
    /// Only this shift's span, and only its office's events (and the alerts received in it).
    public var shift: Shift?
    /// Events stamped at or after this wall time (milliseconds since the epoch).
    public var sinceMilliseconds: Int64?
    /// Events of this alert only (its timeline).
    public var alert: String?
    /// Events written by this operator only.
    public var `operator`: String?
    public var limit: Int
    public init(shift: Shift? = nil, sinceMilliseconds: Int64? = nil, alert: String? = nil, operator: String? = nil,
                limit: Int = 100_000) {
        self.shift = shift; self.sinceMilliseconds = sinceMilliseconds; self.alert = alert; self.operator = `operator`
        self.limit = limit
    }
}

extension Store {
    static let logColumns = "e.device, e.seq, e.office, e.operator, e.hlc_wall, e.hlc_counter, e.hlc_node, e.payload, r.reason"

    /// The duty log in clock order.
    public func dutyLog(_ query: DutyLogQuery) throws -> [DutyLogEntry] {
        var query = query
        // A shift value read earlier may have ended since: its span is read again.
        if let s = query.shift { query.shift = try shifts(office: s.office).first { $0.id == s.id } ?? s }
        if let alert = query.alert {
            var entries = try timeline(alert: alert)
            if let shift = query.shift { entries = entries.filter { shift.contains($0.event.hlc) } }
            if let since = query.sinceMilliseconds { entries = entries.filter { $0.event.hlc.wall >= since } }
            if let op = query.operator { entries = entries.filter { $0.event.operator == op } }
            return Array(entries.prefix(query.limit))
        }
        return try withDatabase { db in
            var args: [String: any SQLBindable] = [
                "from": query.shift?.start.wall ?? query.sinceMilliseconds ?? 0,
                "to": query.shift?.end?.wall ?? Int64.max,
                "office": query.shift?.office ?? -1,
                "operator": query.operator ?? "",
                "limit": query.limit,
            ]
            if let since = query.sinceMilliseconds, let s = query.shift { args["from"] = max(since, s.start.wall) }
            let entries = try db.rows("""
                SELECT \(Self.logColumns) FROM events e LEFT JOIN rejections r ON r.event = e.id
                WHERE e.hlc_wall >= :from AND e.hlc_wall <= :to AND (:office < 0 OR e.office = :office OR e.kind = 'alert')
                  AND (:operator = '' OR e.operator = :operator)
                ORDER BY e.hlc_wall, e.hlc_counter, e.hlc_node LIMIT :limit
                """, named: args, map: Self.logEntry)
            // The wall bounds are inclusive at the millisecond; the shift's exact span decides the edges.
            guard let shift = query.shift else { return entries }
            return entries.filter { shift.contains($0.event.hlc) }
        }
    }

    /// Everything that happened to an alert, in clock order: every message of its chain, acknowledgments, unit
    /// moves that served it, notes about it and what they link (stock issued for it, corrections).
    public func timeline(alert typed: String) throws -> [DutyLogEntry] {
        try withDatabase { db in
            guard let key = try alertKeyLocked(typed, db),
                  try db.int("SELECT 1 FROM alert_messages WHERE alert = ? LIMIT 1", key) != nil else {
                throw StoreError.unknown("alert", typed)
            }
            var entries = try db.rows("""
                SELECT \(Self.logColumns) FROM events e LEFT JOIN rejections r ON r.event = e.id
                WHERE e.id IN (SELECT event FROM alert_messages WHERE alert = :alert
                               UNION SELECT event FROM event_alerts WHERE alert = :alert)
                ORDER BY e.hlc_wall, e.hlc_counter, e.hlc_node
                """, named: ["alert": key], map: Self.logEntry)
            // What the alert's notes link (stock issued for it, the events corrections name), read here rather than
            // linked when folded: the note and the event it names may arrive in either order.
            let present = Set(entries.map(\.event.id))
            let named = entries.compactMap { e -> EventID? in
                if case .note(let n) = e.event.payload, let about = n.about, !present.contains(about) { return about }
                return nil
            }
            for id in Set(named) {
                entries += try db.rows("""
                    SELECT \(Self.logColumns) FROM events e LEFT JOIN rejections r ON r.event = e.id
                    WHERE e.device = :device AND e.seq = :seq
                    """, named: ["device": Int64(bitPattern: id.device), "seq": id.seq], map: Self.logEntry)
            }
            return entries.sorted { $0.event.hlc < $1.event.hlc }
        }
    }

    static func logEntry(_ r: Row) throws -> DutyLogEntry {
        DutyLogEntry(event: try Folder.event(r, from: 0), rejection: r.optionalText(8))
    }
}
