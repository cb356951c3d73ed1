import Foundation
import Model

// MARK: folding alerts and acknowledgments

extension Folder {
    /// The key of the alert a message folds into (`Alert.alertKey`: its own triplet for an original, else the
    /// earliest-sent message it references). An older release's event cites bare identifiers; those resolve to the
    /// one alert this store holds under the first of them (that release listed the original first).
    func alertKey(of a: Alert) throws -> String {
        if let key = a.alertKey { return key }
        return try resolveLegacyAlertID(a.references[0])
    }

    /// An alert id as an older release wrote it (a bare identifier, no comma) becomes the key of the one alert this
    /// store holds under that identifier; anything else is already a key. Only events from before the CAP-triplet
    /// identity take this path, so its dependence on what arrived first is theirs alone.
    func resolveLegacyAlertID(_ id: String) throws -> String {
        guard !id.contains(",") else { return id }
        let range = CAPMessageID.keyRange(identifier: id)
        var keys: [String] = []
        try db.forEach(.alertsByIdentifier, { s in
            try s.bind(1, range.lower)
            try s.bind(2, range.upper)
        }) { keys.append($0.text(0)) }
        return keys.count == 1 ? keys[0] : id
    }

    func ensureAlert(_ id: String) throws {
        try db.run(.ensureAlert) { s in try s.bind(1, id) }
    }

    /// Insert-only: a message is stored once under its own triplet and folded once into its alert; the same triplet
    /// again (a duplicate, or another office's copy) changes nothing. The alert shows the message with the latest
    /// `sent` (ties: the later HLC), whatever order they arrive in.
    func applyAlert(_ a: Alert, event e: Event, row: Int64) throws {
        // An Ack or Error answers messages without changing what their alert says: its message row (which makes a
        // second copy a duplicate) is filed under its own key, so no alert counts it and nothing shown changes.
        let answersOnly = a.msgType == .ack || a.msgType == .error
        let root = answersOnly ? a.messageID.key : try alertKey(of: a)
        let isNewMessage = try db.run(.insertAlertMessage) { s in
            try s.bind(1, a.messageID.key)
            try s.bind(2, root)
            try s.bind(3, a.msgType.rawValue)
            try s.bind(4, row)
        } == 1
        guard isNewMessage, !answersOnly else { return }
        let sent = Int64(a.sent.timeIntervalSince1970.rounded(.down))
        // The text filter matches identifiers, not the sender and time inside a key (and the index carrying it stays small).
        let rootIdentifier = CAPMessageID.identifier(ofKey: root) ?? root
        let search = [rootIdentifier, a.identifier, a.headline, a.areaDesc, a.event].joined(separator: "\u{1F}").lowercased()
        try db.run(.foldAlertMessage) { s in
            try s.bind(1, root)
            try s.bind(2, 1)
            try s.bind(3, sent)
            try s.bind(4, e.hlc.wall)
            try s.bind(5, a.msgType == .cancel)
            // A Cancel without <info> (CAP 1.2 allows it) cancels the chain but has nothing to show: its order is the
            // lowest there is, so any message with content is shown instead, whichever arrives first.
            try s.bind(6, a.hasInfo ? Folder.shownOrder(sent: sent, hlc: e.hlc) : "")
            try s.bind(7, a.level?.rawValue ?? Store.noLevel)
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
        if try alertsHaveStatus() {
            try db.run(.foldAlertStatus) { s in
                try s.bind(1, a.status.rawValue)
                try s.bind(2, root)
                try s.bind(3, a.hasInfo ? Folder.shownOrder(sent: sent, hlc: e.hlc) : "")
            }
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

    func alertsHaveStatus() throws -> Bool {
        if let known = batch.alertsHaveStatus { return known }
        let has = try db.int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alert_status'") != nil
        batch.alertsHaveStatus = has
        return has
    }

    /// What orders a chain's messages for the one it shows, as text in the `msg_hlc` column: the CAP `sent` (fixed
    /// width hex seconds), then the event's HLC, so text order is (sent, HLC) order.
    static func shownOrder(sent: Int64, hlc: HLC) -> String {
        let hex = String(UInt64(bitPattern: sent), radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex + "/" + hlc.sortKey
    }

    func applyAcknowledgment(_ id: String, event e: Event, row: Int64) throws {
        let alertID = try resolveLegacyAlertID(id)
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
    // The last column is the short id: the key's identifier when no other alert has it (the key range
    // `CAPMessageID.keyRange` gives, counted in SQL: one probe of the key index per row, reading no row), else the
    // key. A stub under a triplet key counts too: the full key then, never a wrong guess.
    static let alertColumns = """
        a.id, a.level, a.hazard, a.headline, a.description, a.instruction, a.sender, a.areas, a.area_desc, a.sent,
        a.received, a.expires, a.cancelled, a.resolved, a.ack_count, a.responding, a.messages,
        EXISTS(SELECT 1 FROM acks k WHERE k.alert = a.id AND k.office = ?),
        CASE WHEN instr(a.id, ',') > 0 AND (SELECT count(*) FROM alerts s
                WHERE s.id >= substr(a.id, 1, instr(a.id, ',')) AND s.id < substr(a.id, 1, instr(a.id, ',') - 1) || '-') = 1
            THEN substr(a.id, 1, instr(a.id, ',') - 1) ELSE a.id END,
        coalesce((SELECT st.status FROM alert_status st WHERE st.alert = a.id), 'Actual')
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

    // MARK: alert ids: the stored key and the short id an officer types

    /// The stored key an officer's alert id names, or nil when none: the key itself, a CAP reference
    /// ("sender,identifier,sent") or the key of any message of the alert, or a bare identifier that exactly one alert
    /// in this store has. An identifier two alerts share (two senders, or two offices) is refused with both keys,
    /// never guessed.
    func alertKeyLocked(_ typed: String, _ db: Database) throws -> String? {
        let id = typed.trimmingCharacters(in: .whitespaces)
        if try db.int("SELECT 1 FROM alerts WHERE id = ?", id) != nil { return id }
        for candidate in [CAPMessageID(reference: id)?.key, CAPMessageID(key: id)?.key, id].compactMap({ $0 }) {
            if let alert = try db.text("SELECT alert FROM alert_messages WHERE id = ?", candidate) { return alert }
        }
        let range = CAPMessageID.keyRange(identifier: id)
        let keys = try db.rows("SELECT id FROM alerts WHERE id >= ? AND id < ? AND messages > 0 ORDER BY id LIMIT 3",
                               range.lower, range.upper) { $0.text(0) }
        guard keys.count <= 1 else {
            throw StoreError.refused("alert id '\(id)' is ambiguous: \(keys.count > 2 ? "several alerts" : "two alerts") have it "
                                     + "(\(keys.prefix(2).joined(separator: "; "))); type the full id")
        }
        return keys.first
    }

    /// The short id of each stored key: the original's identifier while only one alert here has it, else the full key
    /// (which starts with the identifier, so it still reads as one). Keys of older releases show as they are.
    func shortAlertIDsLocked(_ keys: some Sequence<String>, _ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        for key in keys where out[key] == nil {
            guard let identifier = CAPMessageID.identifier(ofKey: key) else { out[key] = key; continue }
            let range = CAPMessageID.keyRange(identifier: identifier)
            var n = 0
            try db.forEach(.alertsByIdentifier, { s in
                try s.bind(1, range.lower)
                try s.bind(2, range.upper)
            }) { _ in n += 1 }
            // An identifier with a comma (a non-conforming feed) could be read as a key or a reference: stays a key.
            out[key] = n <= 1 && !identifier.contains(",") ? identifier : key
        }
        return out
    }

    /// Units with the short id of the alert each serves.
    func shortAlertIDs(in units: [UnitRow], _ db: Database) throws -> [UnitRow] {
        let short = try shortAlertIDsLocked(units.compactMap(\.servingAlert), db)
        return units.map { u in
            var u = u
            if let key = u.servingAlert { u.servingAlert = short[key] ?? key }
            return u
        }
    }

    /// Records CAP messages (an import) in one transaction: a message this office already holds is skipped; one this
    /// office may not send refuses the whole import with the reason, and nothing is written.
    @discardableResult public func importAlerts(_ alerts: [Alert]) throws -> (recorded: [Event], skipped: Int) {
        try write { db in
            var recorded: [Event] = [], skipped = 0
            for a in alerts {
                if try issuerLocked(messageKey: a.messageID.key, db) == identity.office { skipped += 1; continue }
                recorded += try recordLocked([.alert(a)], db)
            }
            return (recorded, skipped)
        }
    }

    /// The issuing office of the alert a stored message key belongs to (the office of the alert's original), or nil
    /// when this store does not hold that message or its alert's original.
    func issuerLocked(messageKey: String, _ db: Database) throws -> RegionCode? {
        try db.int("""
            SELECT e.office FROM alert_messages m JOIN alert_messages r ON r.id = m.alert JOIN events e ON e.id = r.event
            WHERE m.id = ?
            """, messageKey).map { RegionCode($0) }
    }

    /// Prepares a locally made payload: alert ids an officer typed (short ids, references) become stored keys, an
    /// alert message's bare references become CAP references, and an alert message another office owns is refused
    /// here, with the reason the centre would give (`AlertAuthority`).
    func prepareLocked(_ payload: EventPayload, _ db: Database) throws -> EventPayload {
        switch payload {
        case .alert(var a):
            a.references = try a.references.map { ref in
                guard CAPMessageID(reference: ref) == nil, let key = try alertKeyLocked(ref, db),
                      let id = CAPMessageID(key: key) else { return ref }
                return id.reference
            }
            // An update that cites only a later message of the alert also cites its original, so every store files
            // it under the same alert (`Alert.alertKey` takes the earliest-sent reference) without looking anything up.
            if !a.isOriginal {
                let cited = Set(a.referencedIDs.map(\.key))
                for key in cited {
                    if let root = try db.text("SELECT alert FROM alert_messages WHERE id = ?", key), !cited.contains(root),
                       let original = CAPMessageID(key: root), !a.references.contains(original.reference) {
                        a.references.insert(original.reference, at: 0)
                    }
                }
            }
            if let refusal = try AlertAuthority.refusal(a, by: identity.office, issuer: { try issuerLocked(messageKey: $0, db) }) {
                throw StoreError.refused(refusal)
            }
            return .alert(a)
        case .acknowledge(let id):
            return .acknowledge(alertID: try alertKeyLocked(id, db) ?? id)
        case .unitStatus(let unit, let status, let alert?):
            return .unitStatus(unitID: unit, status: status, alertID: try alertKeyLocked(alert, db) ?? alert)
        default:
            return payload
        }
    }

    static func alertRow(_ r: Row, now: Date) -> AlertRow {
        let expires = r.optionalInt(11).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        let responding = Int(r.int(15)), acks = Int(r.int(14))
        let state = AlertState.derive(cancelled: r.int(12) != 0, resolved: r.int(13) != 0, expires: expires, now: now,
                                      respondingUnits: responding, acknowledgments: acks)
        let key = r.text(0)
        var id = r.text(18)
        if id != key, id.contains("%") {
            // Escaped in the key; one with a comma (a non-conforming feed) could be read as a key: stays the key.
            id = id.removingPercentEncoding.flatMap { $0.contains(",") ? nil : $0 } ?? key
        }
        // A Test, Exercise, System or Draft chain is kept and shown, watermarked wherever its headline is read.
        let status = CAPStatus(rawValue: r.text(19)) ?? .actual
        let headline = status == .actual ? r.text(3) : Store.watermark(status) + " " + r.text(3)
        var row = AlertRow(id: id, level: WarningLevel(rawValue: Int(r.int(1))),
                        hazard: Hazard(rawValue: r.text(2)) ?? .publicHealth, headline: headline,
                        description: r.text(4), instruction: r.text(5), sender: r.text(6),
                        areas: r.text(7).split(separator: ",").compactMap { RegionCode($0) }, areaDesc: r.text(8),
                        sent: Date(timeIntervalSince1970: TimeInterval(r.int(9))),
                        received: Date(timeIntervalSince1970: TimeInterval(r.int(10)) / 1000), expires: expires,
                        state: state, acknowledgments: acks, acknowledgedByUs: r.int(17) != 0,
                        respondingUnits: responding, messages: Int(r.int(16)), key: key)
        row.status = status
        return row
    }

    var now: Date { Date(timeIntervalSince1970: TimeInterval(wallClock.nowMilliseconds()) / 1000) }
    var nowSeconds: Int64 { wallClock.nowMilliseconds() / 1000 }

    public func alerts(_ query: AlertQuery) throws -> [AlertRow] {
        let now = self.now
        let (sql, values) = alertSQL(query, now: nowSeconds)
        return try withDatabase { db in try db.rows(sql, values) { Store.alertRow($0, now: now) } }
    }

    /// The alert an id names (its short id, its key, or a CAP reference to any of its messages), or nil; throws when
    /// the id is an identifier two alerts share.
    public func alert(id: String) throws -> AlertRow? {
        let now = self.now
        return try withDatabase { db in
            guard let key = try alertKeyLocked(id, db) else { return nil }
            return try db.first("SELECT \(Store.alertColumns) FROM alerts a WHERE a.id = ? AND a.messages > 0",
                                identity.office, key) { Store.alertRow($0, now: now) }
        }
    }

    /// The `alerts.level` of an alert whose message states no level: after blue (4), so severity order lists it last.
    static let noLevel = 5

    /// The mark a non-Actual chain carries: `[演练]` for an exercise, `[TEST]`, `[SYSTEM]`, `[DRAFT]`.
    public static func watermark(_ status: CAPStatus) -> String {
        switch status {
        case .actual: ""
        case .exercise: "[演练]"
        case .test: "[TEST]"
        case .system: "[SYSTEM]"
        case .draft: "[DRAFT]"
        }
    }

    /// Active (new, acknowledged, responding) alert counts by level, for the header; Test, Exercise, System and Draft
    /// chains are never counted live.
    public func activeAlertCounts() throws -> [WarningLevel: Int] {
        let now = nowSeconds
        return try withDatabase { db in
            var counts: [WarningLevel: Int] = [:]
            try db.forEach("""
                SELECT level, count(*) FROM alerts WHERE open = 1 AND expires_key > ?
                    AND id NOT IN (SELECT alert FROM alert_status WHERE status <> 'Actual') GROUP BY level
                """, [now]) { r in
                if let level = WarningLevel(rawValue: Int(r.int(0))) { counts[level] = Int(r.int(1)) }
            }
            return counts
        }
    }
}
