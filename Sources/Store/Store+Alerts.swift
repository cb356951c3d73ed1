import Foundation
import Model

// MARK: folding alerts and acknowledgments

extension Folder {
    /// The alert a message folds into: its own id for an Alert, else the first reference (CAP lists the original first).
    static func rootID(of a: Alert) -> String {
        a.msgType == .alert || a.references.isEmpty ? a.identifier : a.references[0]
    }

    func ensureAlert(_ id: String) throws {
        try db.run(.ensureAlert) { s in try s.bind(1, id) }
    }

    func applyAlert(_ a: Alert, event e: Event, row: Int64) throws {
        let root = Folder.rootID(of: a)
        let isNewMessage = try db.run(.insertAlertMessage) { s in
            try s.bind(1, a.identifier)
            try s.bind(2, root)
            try s.bind(3, a.msgType.rawValue)
            try s.bind(4, row)
        } == 1
        let sent = Int64(a.sent.timeIntervalSince1970.rounded(.down))
        let search = [root, a.identifier, a.headline, a.areaDesc, a.event].joined(separator: "\u{1F}").lowercased()
        try db.run(.foldAlertMessage) { s in
            try s.bind(1, root)
            try s.bind(2, isNewMessage ? 1 : 0)
            try s.bind(3, sent)
            try s.bind(4, e.hlc.wall)
            try s.bind(5, a.msgType == .cancel)
            try s.bind(6, e.hlc.sortKey)
            try s.bind(7, a.level.rawValue)
            try s.bind(8, a.hazard.rawValue)
            try s.bind(9, a.headline)
            try s.bind(10, a.description)
            try s.bind(11, a.instruction)
            try s.bind(12, a.sender)
            try s.bind(13, a.event)
            try s.bind(14, a.areas.map(String.init).joined(separator: ","))
            try s.bind(15, a.areaDesc)
            try s.bind(16, a.expires.map { Int64($0.timeIntervalSince1970.rounded(.down)) })
            try s.bind(17, a.responseType == .allClear)
            try s.bind(18, search)
        }
        // Areas of every message, with their ancestors: add-only.
        for area in a.areas {
            for region in Region.lineage(of: area) {
                try db.run(.alertRegion) { s in
                    try s.bind(1, region)
                    try s.bind(2, root)
                    try s.bind(3, region == area)
                }
            }
        }
    }

    func applyAcknowledgment(_ alertID: String, event e: Event, row: Int64) throws {
        try ensureAlert(alertID)
        let added = try db.run(.insertAck) { s in
            try s.bind(1, alertID)
            try s.bind(2, e.office)
            try s.bind(3, e.operator)
            try s.bind(4, row)
        }
        // The counter is a sum: added once per batch by `flushAlertCounters`.
        if added == 1 { batch.acks[alertID, default: 0] += 1 }
    }

    /// Writes the batch's alert counters: stubs for alerts a committed unit served before any message arrived,
    /// then the net responding and acknowledgment changes. Sorted, so pages are visited in key order.
    func flushAlertCounters() throws {
        if !batch.servedAlerts.isEmpty {
            for id in batch.servedAlerts.sorted() { try ensureAlert(id) }
            batch.servedAlerts.removeAll(keepingCapacity: true)
        }
        if !batch.responding.isEmpty {
            for (id, delta) in batch.responding.sorted(by: { $0.key < $1.key }) where delta != 0 {
                try db.run(.addResponding) { s in
                    try s.bind(1, delta)
                    try s.bind(2, id)
                }
            }
            batch.responding.removeAll(keepingCapacity: true)
        }
        if !batch.acks.isEmpty {
            for (id, added) in batch.acks.sorted(by: { $0.key < $1.key }) {
                try db.run(.addAcks) { s in
                    try s.bind(1, added)
                    try s.bind(2, id)
                }
            }
            batch.acks.removeAll(keepingCapacity: true)
        }
    }
}

// MARK: the alerts pane

extension Store {
    static let alertColumns = """
        a.id, a.level, a.hazard, a.headline, a.description, a.instruction, a.sender, a.areas, a.area_desc, a.sent,
        a.received, a.expires, a.cancelled, a.resolved, a.ack_count, a.responding, a.messages,
        EXISTS(SELECT 1 FROM acks k WHERE k.alert = a.id AND k.office = ?)
        """

    func alertSQL(_ q: AlertQuery, now: Int64) -> (String, [any SQLBindable]) {
        var b = SQLBuilder()
        b.add("a.messages > 0")
        b.add("a.level", in: q.levels.map(\.rawValue))
        b.add("a.hazard", in: q.hazards.map(\.rawValue))
        let activeStates: Set<AlertState> = [.new, .acknowledged, .responding]
        if q.activeOnly || (!q.states.isEmpty && q.states.isSubset(of: activeStates)) {
            b.add("a.open = 1 AND a.expires_key > ?", now)
        }
        if !q.states.isEmpty {
            let list = q.states.map(\.rawValue).sorted()
            let marks = Array(repeating: "?", count: list.count).joined(separator: ", ")
            b.add("""
                CASE WHEN a.cancelled THEN 'cancelled' WHEN a.resolved THEN 'resolved'
                     WHEN a.expires IS NOT NULL AND a.expires <= ? THEN 'expired'
                     WHEN a.responding > 0 THEN 'responding' WHEN a.ack_count > 0 THEN 'acknowledged' ELSE 'new' END
                IN (\(marks))
                """, values: [now] + list.map { $0 as any SQLBindable })
        }
        if let region = q.region {
            // Inside the region (any area's ancestor is R) or covering it (an area is one of R's ancestors).
            var lineage = Region.lineage(of: region).filter { $0 != region }
            while lineage.count < 3 { lineage.append(region) }
            b.add("a.id IN (SELECT alert FROM alert_regions WHERE region = ? OR (direct = 1 AND region IN (?, ?, ?)))",
                  region, lineage[0], lineage[1], lineage[2])
        }
        if let needle = SQLBuilder.needle(q.text) { b.add("instr(a.search, ?) > 0", needle) }
        if let from = q.sentFrom { b.add("a.sent >= ?", Int64(from.timeIntervalSince1970.rounded(.down))) }
        if let to = q.sentTo { b.add("a.sent <= ?", Int64(to.timeIntervalSince1970.rounded(.down))) }
        let order = switch q.sort {
        case .severity: "a.level, a.sent DESC, a.id DESC"
        case .newest: "a.sent DESC, a.id DESC"
        case .oldest: "a.sent, a.id"
        }
        let sql = "SELECT \(Store.alertColumns) FROM alerts a \(b.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?"
        return (sql, [identity.office] + b.values + [max(0, q.limit), max(0, q.offset)])
    }

    static func alertRow(_ r: Row, now: Date) -> AlertRow {
        let expires = r.optionalInt(11).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        let responding = Int(r.int(15)), acks = Int(r.int(14))
        let state = AlertState.derive(cancelled: r.int(12) != 0, resolved: r.int(13) != 0, expires: expires, now: now,
                                      respondingUnits: responding, acknowledgments: acks)
        return AlertRow(id: r.text(0), level: WarningLevel(rawValue: Int(r.int(1))) ?? .blue,
                        hazard: Hazard(rawValue: r.text(2)) ?? .publicHealth, headline: r.text(3),
                        description: r.text(4), instruction: r.text(5), sender: r.text(6),
                        areas: r.text(7).split(separator: ",").compactMap { RegionCode($0) }, areaDesc: r.text(8),
                        sent: Date(timeIntervalSince1970: TimeInterval(r.int(9))),
                        received: Date(timeIntervalSince1970: TimeInterval(r.int(10)) / 1000), expires: expires,
                        state: state, acknowledgments: acks, acknowledgedByUs: r.int(17) != 0,
                        respondingUnits: responding, messages: Int(r.int(16)))
    }

    var now: Date { Date(timeIntervalSince1970: TimeInterval(wallClock.nowMilliseconds()) / 1000) }
    var nowSeconds: Int64 { wallClock.nowMilliseconds() / 1000 }

    public func alerts(_ query: AlertQuery) throws -> [AlertRow] {
        let now = self.now
        let (sql, values) = alertSQL(query, now: nowSeconds)
        return try withDatabase { db in try db.rows(sql, values) { Store.alertRow($0, now: now) } }
    }

    public func alert(id: String) throws -> AlertRow? {
        let now = self.now
        return try withDatabase { db in
            try db.first("SELECT \(Store.alertColumns) FROM alerts a WHERE a.id = ? AND a.messages > 0",
                         identity.office, id) { Store.alertRow($0, now: now) }
        }
    }

    /// Active (new, acknowledged, responding) alert counts by level, for the header.
    public func activeAlertCounts() throws -> [WarningLevel: Int] {
        let now = nowSeconds
        return try withDatabase { db in
            var counts: [WarningLevel: Int] = [:]
            try db.forEach("""
                SELECT level, count(*) FROM alerts WHERE open = 1 AND expires_key > ? GROUP BY level
                """, [now]) { r in
                if let level = WarningLevel(rawValue: Int(r.int(0))) { counts[level] = Int(r.int(1)) }
            }
            return counts
        }
    }
}
