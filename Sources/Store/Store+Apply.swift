import Model

/// Folds events into the current-state tables, inside the caller's transaction.
///
/// Every rule gives the same state whatever order the events arrive in: alert messages are insert-only and the
/// shown fields follow the latest HLC; acknowledgments are an add-only set; unit status and record fields are
/// last-writer-wins by HLC; stock is the latest count plus the movements stamped after it (a sum of deltas until
/// a line is counted); retirement is a sticky tombstone.
///
/// Some effects are gathered in a `FoldBatch` and written by `flush()`, which must run before the transaction
/// commits: stock deltas summed per line, unit statuses (the winner per unit), and the alert counters
/// they move. Each is a sum or a last-writer-wins winner, so writing it once per batch gives the same state as
/// writing it per event; nothing else the fold does reads those columns.
struct Folder {
    let db: Database
    let batch: FoldBatch

    init(db: Database) {
        self.db = db
        self.batch = FoldBatch()
    }

    /// A folder for a file known to be at `Migrations.latest`: every table the fold looks for is there, so it does
    /// not look (an operator action or an imported message would otherwise read the schema two or three times).
    init(latestSchema db: Database) {
        self.init(db: db)
        batch.hasEventAlertsTable = true
        batch.alertsHaveStatus = true
        batch.hasTransfersTable = true
        batch.clockIndex = .wall
    }

    /// Inserts the event if it is new; returns its local row id, or nil when it was already present.
    func insert(_ e: Event) throws -> Int64? {
        let n = try db.run(.insertEvent) { s in
            try s.bind(1, Int64(bitPattern: e.id.device))
            try s.bind(2, e.id.seq)
            try s.bind(3, e.office)
            try s.bind(4, e.operator)
            try s.bind(5, e.hlc.wall)
            try s.bind(6, Int64(e.hlc.counter))
            try s.bind(7, Int64(bitPattern: e.hlc.node))
            try s.bind(8, e.payload.tag)
            try s.bind(9, EventCodec.encode(e.payload))
        }
        return n == 1 ? db.lastInsertRowID : nil
    }

    func apply(_ e: Event, row: Int64) throws {
        switch e.payload {
        case .alert(let alert): try applyAlert(alert, event: e, row: row)
        case .acknowledge(let alertID): try applyAcknowledgment(alertID, event: e, row: row)
        case .unitStatus(let unit, let status, let alertID):
            try applyUnitStatus(unit, status, try alertID.map(resolveLegacyAlertID), event: e)
        case .stock(let movement):
            applyMovement(movement, hlc: e.hlc, row: row)
            if movement.transfer != nil { try applyTransfer(movement, row: row) }
        case .fields(let ref, let fields): try applyFields(ref, fields, event: e)
        case .retire(let ref): try applyRetire(ref, event: e)
        default: break  // `MergeRule.logOnly`: the event log is their state
        }
        if let alert = e.payload.linkedAlert, try hasEventAlerts() {
            try db.run(.linkEventAlert) { s in
                try s.bind(1, alert)
                try s.bind(2, row)
            }
        }
    }

    /// Whether the file has the timeline's link table yet (a replay inside an older migration runs before it).
    private func hasEventAlerts() throws -> Bool {
        if let known = batch.hasEventAlertsTable { return known }
        let has = try db.int("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'event_alerts'") != nil
        batch.hasEventAlertsTable = has
        return has
    }

    /// Links every stored event that names an alert (the step that adds the link table to an older file).
    func linkAllEvents() throws {
        batch.hasEventAlertsTable = true
        var after: Int64 = 0
        while true {
            let page = try db.rows("""
                SELECT id, device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload
                FROM events WHERE id > ? AND kind IN ('ack', 'unitStatus') ORDER BY id LIMIT 5000
                """, after) { r in (r.int(0), try Folder.event(r, from: 1)) }
            guard let last = page.last else { return }
            for (row, e) in page {
                if let alert = e.payload.linkedAlert {
                    try db.run("INSERT OR IGNORE INTO event_alerts(alert, event) VALUES (?, ?)", alert, row)
                }
            }
            after = last.0
        }
    }

    /// Writes what the batch gathered; must run before the transaction commits. The folder may be used again.
    func flush() throws {
        try flushUnitStatuses()
        try flushAlertCounters()
        try flushStock()
    }

    /// Re-folds every stored event but those the centre rejected (used when a migration adds state tables to an
    /// older file).
    func replayAll() throws {
        var after: Int64 = 0
        let hasRejections = try db.int("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'rejections'") != nil
        let skip = hasRejections ? "AND id NOT IN (SELECT event FROM rejections)" : ""
        while true {
            let page = try db.rows("""
                SELECT id, device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload
                FROM events WHERE id > ? \(skip) ORDER BY id LIMIT 5000
                """, after) { r in (r.int(0), try Folder.event(r, from: 1)) }
            guard let last = page.last else { return }
            for (row, event) in page { try apply(event, row: row) }
            try flush()
            after = last.0
        }
    }

    /// Empties every state table and folds the whole log again (a migration that changes how events fold).
    func rebuildState() throws {
        for table in ["alerts", "alert_messages", "alert_regions", "acks", "record_fields", "offices", "units", "depots",
                      "items", "stock_lines", "stock_counts", "drills", "transfers"] {
            try db.run("DELETE FROM \(table)")
        }
        try replayAll()
    }

    /// Decodes an event from columns device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload.
    static func event(_ r: Row, from i: Int32) throws -> Event {
        let payload = try EventCodec.decodePayload(r.blob(i + 7))
        return Event(id: EventID(device: DeviceID(bitPattern: r.int(i)), seq: r.int(i + 1)), office: Int(r.int(i + 2)),
                     operator: r.text(i + 3),
                     hlc: HLC(wall: r.int(i + 4), counter: UInt32(truncatingIfNeeded: r.int(i + 5)),
                              node: UInt64(bitPattern: r.int(i + 6))),
                     payload: payload)
    }

    // MARK: per-field last writer wins

    func applyFields(_ ref: RecordRef, _ fields: [String: String], event e: Event) throws {
        let hlc = e.hlc.sortKey
        let kind = ref.kind.rawValue
        // An event's fields in one statement (a record is created with several at once); chunked, so a hostile
        // event with thousands of fields stays under SQLite's limit on bound values.
        let written = Array(fields.filter { !$0.key.hasPrefix("_") })
        for start in stride(from: 0, to: written.count, by: 64) {
            let chunk = written[start..<min(start + 64, written.count)]
            let stmt = try db.upsertFieldsStatement(count: chunk.count)
            stmt.rebind()
            var i: Int32 = 1
            for (field, value) in chunk {
                try stmt.bind(i, kind)
                try stmt.bind(i + 1, ref.id)
                try stmt.bind(i + 2, field)
                try stmt.bind(i + 3, value)
                try stmt.bind(i + 4, hlc)
                i += 5
            }
            try stmt.execute()
        }
        // The owning office is whoever wrote the record first (by HLC), whatever order the events arrive in.
        try db.run(.upsertOwner) { s in
            try s.bind(1, kind)
            try s.bind(2, ref.id)
            try s.bind(3, String(e.office))
            try s.bind(4, hlc)
        }
        try project(ref)
    }

    func applyRetire(_ ref: RecordRef, event e: Event) throws {
        // A tombstone is sticky; keeping the earliest one's clock makes the row identical in any order.
        try db.run(.upsertRetired) { s in
            try s.bind(1, ref.kind.rawValue)
            try s.bind(2, ref.id)
            try s.bind(3, e.hlc.sortKey)
        }
        try project(ref)
    }

    /// Rewrites the record's state row from its fields: a pure function of `record_fields`, so order cannot matter.
    func project(_ ref: RecordRef) throws {
        var f: [String: String] = [:]
        try db.forEach(.readFields, { s in
            try s.bind(1, ref.kind.rawValue)
            try s.bind(2, ref.id)
        }) { f[$0.text(0)] = $0.text(1) }
        let record = ProjectedRecord(id: ref.id, fields: f)
        switch ref.kind {
        case .office: try projectOffice(record)
        case .unit: try projectUnit(record)
        case .depot: try projectDepot(record)
        case .item: try projectItem(record)
        case .stockLine: try projectStockLine(record)
        case .drill: try projectDrill(record)
        }
    }

    private func projectOffice(_ r: ProjectedRecord) throws {
        guard let code = RegionCode(r.id), let name = r.fields["name"] else {
            try db.run(.deleteOffice) { s in try s.bind(1, RegionCode(r.id) ?? -1) }
            return
        }
        try db.run(.upsertOffice) { s in
            try s.bind(1, code)
            try s.bind(2, name)
            try s.bind(3, r.fields["nameEN"] ?? name)
            try s.bind(4, r.retired)
        }
    }
}

/// What one batch of folded events leaves to `Folder.flush()`: sums and last-writer-wins winners, kept in
/// memory so the state tables are written once per line, unit and alert rather than once per event.
final class FoldBatch {
    /// Whether migration 12's `alert_status` table exists (the replays of older migrations fold without it).
    var alertsHaveStatus: Bool?
    /// A unit's status columns as the batch has left them.
    struct UnitStatusState {
        var status: UnitStatus
        var alert: String?
        var hlc: String?
        var changed: Int64
        /// The unit's row did not exist when the batch first touched it (the original fold created a stub).
        var missing: Bool
        var dirty: Bool
    }

    struct Line: Hashable { var depot: String; var item: String }

    var units: [String: UnitStatusState] = [:]
    /// Alerts a winning committed status served: the fold makes a stub row for each if none exists.
    var servedAlerts: Set<String> = []
    /// Net change of each alert's responding count.
    var responding: [String: Int64] = [:]
    /// New acknowledgments per alert.
    var acks: [String: Int64] = [:]
    /// What a new stock line copies from its depot and from its item (nil: not known yet).
    struct DepotForLine { var level: String; var retired: Int64; var region: Int }
    struct ItemForLine { var category: String; var retired: Int64 }
    /// Read-through caches for new lines; a projection of the depot or item in this batch drops its entry.
    var depotsForLines: [String: DepotForLine?] = [:]
    var itemsForLines: [String: ItemForLine?] = [:]
    /// Whether the file has the event_alerts table yet (nil: not looked).
    var hasEventAlertsTable: Bool?
    /// Which clock index the file has (nil: not looked).
    var clockIndex: ClockIndex?
    /// Whether the file has the transfers table yet (nil: not looked).
    var hasTransfersTable: Bool?
    /// Stock events per line: movement deltas summed, with their clocks, and the latest count.
    var lines: [Line: LineSum] = [:]
    /// The first event row of this batch's stock events: rows before it were folded by earlier batches.
    var firstStockRow: Int64?

    /// A line's stock events in this batch; `add` mutates in place, so a movement costs one hash lookup.
    struct LineSum {
        /// Sum of the movements' deltas (counts excluded).
        var delta: Int64 = 0
        /// Sum of every delta, counts included: how a file not yet migrated folds counts, as its release did.
        var deltaWithCounts: Int64 = 0
        /// Stock events, counts included.
        var count: Int64 = 0
        /// Each movement's clock and delta: a stored count splits them into subsumed and later ones.
        var moves: [(hlc: HLC, delta: Int64)] = []
        /// The latest count in the batch.
        var latestCount: (hlc: HLC, observed: Int64)?

        mutating func add(_ m: StockMovement, hlc: HLC) {
            count += 1
            deltaWithCounts += m.delta
            if m.isCount, let observed = m.observed {
                if latestCount.map({ hlc > $0.hlc }) ?? true { latestCount = (hlc, observed) }
                return
            }
            delta += m.delta
            moves.append((hlc, m.delta))
        }
    }
}
/// A record's fields as last-writer-wins left them.
struct ProjectedRecord {
    let id: String
    let fields: [String: String]
    var retired: Bool { fields["_retired"] == "1" }
    var owner: RegionCode { fields["_owner"].flatMap { RegionCode($0) } ?? 0 }
    func int(_ key: String) -> Int64? { fields[key].flatMap { Int64($0) } }
}

/// A region code's ancestors at each level (0 where the code is above that level), for indexed region filters.
struct Ancestry {
    var province = 0, city = 0, county = 0

    init(_ code: RegionCode) {
        for r in Region.lineage(of: code) {
            switch RegionLevel.of(r) {
            case .province: province = r
            case .city: city = r
            case .county: county = r
            case .township: break
            }
        }
    }

    /// The column that holds `region` for rows inside it, e.g. `r_city` for 140100.
    static func column(for region: RegionCode) -> String {
        switch RegionLevel.of(region) {
        case .province: "r_province"
        case .city: "r_city"
        case .county: "r_county"
        case .township: "region"
        }
    }
}
