import Model

/// The SQL of the fold and record paths, prepared once per connection and found by case (an array index), not
/// by hashing the SQL text: ingest runs these a few times per event. Values are always bound, never spliced.
enum FoldSQL: Int, CaseIterable {
    // events and the outbox
    case insertEvent, insertOutbox, linkEventAlert
    // alerts and acknowledgments
    case ensureAlert, alertsByIdentifier, insertAlertMessage, foldAlertMessage, foldAlertStatus, alertRegion, insertAck, addAcks
    case addResponding
    // units
    case readUnitStatus, updateUnitStatus, writeUnitStatus, ensureUnit, projectUnit
    // per-field records
    case upsertOwner, upsertRetired, readFields
    case upsertOffice, deleteOffice
    // stock
    case addToLine, addToUncountedLine, readStockCount, writeStockCount, setLineQuantity, readDepotForLine, readItemForLine, insertLine, upsertLine
    case upsertDepot, copyDepotToLines, deleteDepot, clearDepotOnLines
    case upsertItem, copyItemToLines, deleteItem, clearItemOnLines
    // drills
    case upsertDrill, deleteDrill

    /// The incoming alert message is later than the one whose fields the row shows: `msg_hlc` holds the shown
    /// message's order, its CAP `sent` then its HLC (`Folder.shownOrder`), so a chain shows its latest-sent message.
    private var newer: String { "(msg_hlc IS NULL OR msg_hlc < excluded.msg_hlc)" }

    var sql: String {
        switch self {
        case .insertEvent: """
            INSERT INTO events(device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, kind, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(device, seq) DO NOTHING
            """
        case .insertOutbox: "INSERT INTO outbox(seq, event) VALUES (?, ?)"
        case .linkEventAlert: "INSERT OR IGNORE INTO event_alerts(alert, event) VALUES (?, ?)"

        case .ensureAlert: "INSERT INTO alerts(id) VALUES (?) ON CONFLICT(id) DO NOTHING"
        // Every alert one identifier names: a range of keys (`CAPMessageID.keyRange`); two are enough to tell.
        case .alertsByIdentifier: "SELECT id FROM alerts WHERE id >= ? AND id < ? AND messages > 0 ORDER BY id LIMIT 2"
        case .insertAlertMessage: """
            INSERT INTO alert_messages(id, alert, msg_type, event) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
            """
        // One statement per message: counters are commutative (message count, earliest sent and first-seen
        // time, sticky cancellation); the shown fields follow the message with the latest `sent` (then HLC). SET expressions
        // all read the row as it was, so every CASE compares against the old msg_hlc.
        case .foldAlertMessage: """
            INSERT INTO alerts(id, messages, sent, received, cancelled, msg_hlc, level, hazard, headline, description,
                               instruction, sender, event, areas, area_desc, expires, resolved, search)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            ON CONFLICT(id) DO UPDATE SET messages = messages + excluded.messages,
                sent = CASE WHEN received IS NULL THEN excluded.sent ELSE min(sent, excluded.sent) END,
                received = CASE WHEN received IS NULL THEN excluded.received ELSE min(received, excluded.received) END,
                cancelled = max(cancelled, excluded.cancelled),
                msg_hlc = CASE WHEN \(newer) THEN excluded.msg_hlc ELSE msg_hlc END,
                level = CASE WHEN \(newer) THEN excluded.level ELSE level END,
                hazard = CASE WHEN \(newer) THEN excluded.hazard ELSE hazard END,
                headline = CASE WHEN \(newer) THEN excluded.headline ELSE headline END,
                description = CASE WHEN \(newer) THEN excluded.description ELSE description END,
                instruction = CASE WHEN \(newer) THEN excluded.instruction ELSE instruction END,
                sender = CASE WHEN \(newer) THEN excluded.sender ELSE sender END,
                event = CASE WHEN \(newer) THEN excluded.event ELSE event END,
                areas = CASE WHEN \(newer) THEN excluded.areas ELSE areas END,
                area_desc = CASE WHEN \(newer) THEN excluded.area_desc ELSE area_desc END,
                expires = CASE WHEN \(newer) THEN excluded.expires ELSE expires END,
                resolved = CASE WHEN \(newer) THEN excluded.resolved ELSE resolved END,
                search = CASE WHEN \(newer) THEN excluded.search ELSE search END
            """
        // The status of the shown message, set when this message became the shown one (migration 12's table).
        case .foldAlertStatus: """
            INSERT INTO alert_status(alert, status) SELECT ?2, ?1 FROM alerts WHERE id = ?2 AND msg_hlc = ?3
            ON CONFLICT(alert) DO UPDATE SET status = excluded.status
            """
        case .alertRegion: """
            INSERT INTO alert_regions(region, alert, direct) VALUES (?, ?, ?)
            ON CONFLICT(region, alert) DO UPDATE SET direct = max(direct, excluded.direct)
            """
        case .insertAck: "INSERT INTO acks(alert, office, operator, event) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
        case .addAcks: "UPDATE alerts SET ack_count = ack_count + ? WHERE id = ?"
        case .addResponding: "UPDATE alerts SET responding = responding + ? WHERE id = ?"

        case .readUnitStatus: "SELECT status, serving_alert, status_hlc, status_changed FROM units WHERE id = ?"
        case .updateUnitStatus: """
            UPDATE units SET status = ?2, serving_alert = ?3, status_hlc = ?4, status_changed = ?5 WHERE id = ?1
            """
        case .writeUnitStatus: """
            INSERT INTO units(id, status, serving_alert, status_hlc, status_changed) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, serving_alert = excluded.serving_alert,
                status_hlc = excluded.status_hlc, status_changed = excluded.status_changed
            """
        case .ensureUnit: "INSERT INTO units(id) VALUES (?) ON CONFLICT(id) DO NOTHING"
        case .projectUnit: """
            UPDATE units SET kind = ?, name = ?, region = ?, owner = ?, strength = ?, contact = ?,
                r_province = ?, r_city = ?, r_county = ?, retired = ?, search = ?
            WHERE id = ?
            """

        case .upsertOwner: """
            INSERT INTO record_fields(kind, id, field, value, hlc) VALUES (?, ?, '_owner', ?, ?)
            ON CONFLICT(kind, id, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc
            WHERE excluded.hlc < record_fields.hlc
            """
        case .upsertRetired: """
            INSERT INTO record_fields(kind, id, field, value, hlc) VALUES (?, ?, '_retired', '1', ?)
            ON CONFLICT(kind, id, field) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc < record_fields.hlc
            """
        case .readFields: "SELECT field, value FROM record_fields WHERE kind = ? AND id = ?"
        case .upsertOffice: """
            INSERT INTO offices(code, name, name_en, retired) VALUES (?, ?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, retired = excluded.retired
            """
        case .deleteOffice: "DELETE FROM offices WHERE code = ?"

        case .addToLine:
            "UPDATE stock_lines SET quantity = quantity + ?, movements = movements + ? WHERE depot = ? AND item = ?"
        case .addToUncountedLine: """
            UPDATE stock_lines SET quantity = quantity + ?1, movements = movements + ?2 WHERE depot = ?3 AND item = ?4
                AND NOT EXISTS (SELECT 1 FROM stock_counts WHERE depot = ?3 AND item = ?4)
            """
        case .readStockCount: "SELECT count_hlc, count_qty, after_count FROM stock_counts WHERE depot = ? AND item = ?"
        case .writeStockCount: """
            INSERT INTO stock_counts(depot, item, count_hlc, count_qty, after_count) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(depot, item) DO UPDATE SET count_hlc = excluded.count_hlc, count_qty = excluded.count_qty,
                after_count = excluded.after_count
            """
        case .setLineQuantity:
            "UPDATE stock_lines SET quantity = ?, movements = movements + ? WHERE depot = ? AND item = ?"
        case .readDepotForLine: "SELECT level, retired, region FROM depots WHERE id = ?"
        case .readItemForLine: "SELECT category, retired FROM items WHERE id = ?"
        case .insertLine: """
            INSERT INTO stock_lines(depot, item, depot_level, depot_retired, region, r_province, r_city, r_county,
                                    category, item_retired)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(depot, item) DO NOTHING
            """
        case .upsertLine: """
            INSERT INTO stock_lines(depot, item, depot_level, depot_retired, region, r_province, r_city, r_county,
                                    category, item_retired, minimum, expires, retired)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(depot, item)
            DO UPDATE SET minimum = excluded.minimum, expires = excluded.expires, retired = excluded.retired
            """
        case .upsertDepot: """
            INSERT INTO depots(id, name, level, region, owner, retired) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, level = excluded.level, region = excluded.region,
                owner = excluded.owner, retired = excluded.retired
            """
        case .copyDepotToLines: """
            UPDATE stock_lines SET depot_level = ?, depot_retired = ?, region = ?, r_province = ?, r_city = ?,
                r_county = ? WHERE depot = ?
            """
        case .deleteDepot: "DELETE FROM depots WHERE id = ?"
        case .clearDepotOnLines: """
            UPDATE stock_lines SET depot_level = NULL, depot_retired = 0, region = 0, r_province = 0, r_city = 0,
                r_county = 0 WHERE depot = ?
            """
        case .upsertItem: """
            INSERT INTO items(id, name, name_en, category, uom, uom_en, retired) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
                category = excluded.category, uom = excluded.uom, uom_en = excluded.uom_en, retired = excluded.retired
            """
        case .copyItemToLines: "UPDATE stock_lines SET category = ?, item_retired = ? WHERE item = ?"
        case .deleteItem: "DELETE FROM items WHERE id = ?"
        case .clearItemOnLines: "UPDATE stock_lines SET category = NULL, item_retired = 0 WHERE item = ?"

        case .upsertDrill: """
            INSERT INTO drills(id, title, hazard, form, scope, joint, double_blind, organiser, region, r_province, r_city,
                               r_county, start_s, end_s, units, status, evaluation, retired, search)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, hazard = excluded.hazard, form = excluded.form,
                scope = excluded.scope, joint = excluded.joint, double_blind = excluded.double_blind,
                organiser = excluded.organiser, region = excluded.region, r_province = excluded.r_province,
                r_city = excluded.r_city, r_county = excluded.r_county, start_s = excluded.start_s,
                end_s = excluded.end_s, units = excluded.units, status = excluded.status,
                evaluation = excluded.evaluation, retired = excluded.retired, search = excluded.search
            """
        case .deleteDrill: "DELETE FROM drills WHERE id = ?"
        }
    }
}

extension FoldSQL {
    /// Per-field last writer wins, for `count` fields in one statement: a row changes only for a later HLC.
    static func upsertFields(count: Int) -> String {
        """
        INSERT INTO record_fields(kind, id, field, value, hlc) VALUES \(Array(repeating: "(?, ?, ?, ?, ?)", count: count).joined(separator: ", "))
        ON CONFLICT(kind, id, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc
        WHERE excluded.hlc > record_fields.hlc
        """
    }
}

extension Database {
    /// Binds the cached statement for `key` with `bind`, steps it to completion and resets it; returns the rows
    /// it changed. `bind` must bind every parameter.
    @discardableResult @inline(__always)
    func run(_ key: FoldSQL, _ bind: (Statement) throws -> Void) throws -> Int {
        let stmt = try statement(key)
        stmt.rebind()
        try bind(stmt)
        return try stmt.execute()
    }
}

extension Database {
    /// The first row of the cached statement for `key`, mapped, or nil; the statement is reset before returning.
    @inline(__always)
    func first<T>(_ key: FoldSQL, _ bind: (Statement) throws -> Void, map: (Row) throws -> T) throws -> T? {
        let stmt = try statement(key)
        stmt.rebind()
        defer { stmt.reset() }
        try bind(stmt)
        return try stmt.step() ? try map(stmt.row) : nil
    }

    /// Calls `body` for each row of the cached statement for `key`; the statement is reset before returning.
    @inline(__always)
    func forEach(_ key: FoldSQL, _ bind: (Statement) throws -> Void, _ body: (Row) throws -> Void) throws {
        let stmt = try statement(key)
        stmt.rebind()
        defer { stmt.reset() }
        try bind(stmt)
        while try stmt.step() { try body(stmt.row) }
    }
}

extension HLC {
    /// Exactly `description` (fixed-width lower-case hex, dot-separated, so text order is clock order), built in
    /// one allocation: the fold writes it for every field, status and alert message.
    var sortKey: String {
        let w = UInt64(bitPattern: wall), c = UInt64(counter), n = node
        func width(_ v: UInt64, _ minimum: Int) -> Int { Swift.max(minimum, (64 - v.leadingZeroBitCount + 3) / 4) }
        let ww = width(w, 12), cw = width(c, 8), nw = width(n, 16)
        let total = ww + cw + nw + 2
        return String(unsafeUninitializedCapacity: total) { buf in
            func put(_ value: UInt64, _ count: Int, at start: Int) {
                var v = value
                var i = start + count - 1
                while i >= start {
                    let d = UInt8(truncatingIfNeeded: v & 15)
                    buf[i] = d < 10 ? 48 + d : 87 + d  // 0-9, a-f
                    v >>= 4
                    i -= 1
                }
            }
            put(w, ww, at: 0)
            buf[ww] = UInt8(ascii: ".")
            put(c, cw, at: ww + 1)
            buf[ww + 1 + cw] = UInt8(ascii: ".")
            put(n, nw, at: ww + cw + 2)
            return total
        }
    }
}
