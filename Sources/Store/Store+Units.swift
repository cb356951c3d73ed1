import Foundation
import Model

// MARK: folding units

extension Folder {
    func ensureUnit(_ id: String) throws {
        try db.run(.ensureUnit) { s in try s.bind(1, id) }
    }

    /// Last writer wins by HLC; the responding count of the alerts involved moves with the winning status.
    /// Played out in the batch's memory: the unit's row is read once per batch and its winner written by
    /// `flushUnitStatuses`; each time a status wins, the alert it leaves loses one responder and the alert it
    /// serves gains one, as they would row by row.
    func applyUnitStatus(_ unitID: String, _ status: UnitStatus, _ alertID: String?, event e: Event) throws {
        var u = try batch.units[unitID] ?? readUnitStatus(unitID)
        let hlc = e.hlc.sortKey
        if let oldHLC = u.hlc, oldHLC >= hlc {
            batch.units[unitID] = u
            return
        }
        if u.status.isCommitted, let a = u.alert { batch.responding[a, default: 0] -= 1 }
        if status.isCommitted, let a = alertID {
            batch.servedAlerts.insert(a)
            batch.responding[a, default: 0] += 1
        }
        u.status = status
        u.alert = alertID
        u.hlc = hlc
        u.changed = e.hlc.wall
        u.dirty = true
        batch.units[unitID] = u
    }

    private func readUnitStatus(_ unitID: String) throws -> FoldBatch.UnitStatusState {
        let stored = try db.first(.readUnitStatus, { try $0.bind(1, unitID) }) { r in
            FoldBatch.UnitStatusState(status: UnitStatus(rawValue: r.text(0)) ?? .available, alert: r.optionalText(1),
                                      hlc: r.optionalText(2), changed: r.int(3), missing: false, dirty: false)
        }
        // No row yet: the columns' defaults, and a stub row to write.
        return stored ?? .init(status: .available, alert: nil, hlc: nil, changed: 0, missing: true, dirty: false)
    }

    /// Writes each unit's winning status (and the stub row of a unit known only from status events).
    func flushUnitStatuses() throws {
        guard !batch.units.isEmpty else { return }
        for (id, u) in batch.units.sorted(by: { $0.key < $1.key }) where u.dirty || u.missing {
            func bind(_ s: Statement) throws {
                try s.bind(1, id)
                try s.bind(2, u.status.rawValue)
                try s.bind(3, u.alert)
                try s.bind(4, u.hlc)
                try s.bind(5, u.changed)
            }
            // Nearly every unit already has its row: updating first costs one B-tree search, the upsert two.
            if try u.missing || db.run(.updateUnitStatus, bind) == 0 { try db.run(.writeUnitStatus, bind) }
        }
        batch.units.removeAll(keepingCapacity: true)
    }

    func projectUnit(_ r: ProjectedRecord) throws {
        try ensureUnit(r.id)
        // Without a valid kind the unit is not shown (kind NULL) until the fields that define it arrive.
        let kind = r.fields["kind"].flatMap { UnitKind(rawValue: $0) }
        let region = r.int("region").map { Int($0) } ?? 0
        let a = Ancestry(region)
        let name = r.fields["name"] ?? ""
        let contact = r.fields["contact"] ?? ""
        try db.run(.projectUnit) { s in
            try s.bind(1, kind?.rawValue)
            try s.bind(2, name)
            try s.bind(3, region)
            try s.bind(4, r.owner)
            try s.bind(5, r.int("strength") ?? 0)
            try s.bind(6, contact)
            try s.bind(7, a.province)
            try s.bind(8, a.city)
            try s.bind(9, a.county)
            try s.bind(10, r.retired)
            try s.bind(11, [r.id, name, contact].joined(separator: "\u{1F}").lowercased())
            try s.bind(12, r.id)
        }
    }
}

// MARK: the units pane

extension Store {
    static let unitColumns = "u.id, u.kind, u.name, u.region, u.owner, u.strength, u.contact, u.status, u.status_changed, u.serving_alert, u.retired"

    func unitSQL(_ q: UnitQuery) -> (String, [any SQLBindable]) {
        var b = SQLBuilder()
        b.add("u.kind IS NOT NULL")
        if !q.includeRetired { b.add("u.retired = 0") }
        b.add("u.kind", in: q.kinds.map(\.rawValue))
        b.add("u.status", in: q.statuses.map(\.rawValue))
        if let region = q.region { b.add("u.\(Ancestry.column(for: region)) = ?", region) }
        if let needle = SQLBuilder.needle(q.text) { b.add("instr(u.search, ?) > 0", needle) }
        let order = switch q.sort {
        case .kind: "\(Schema.unitKindRank), u.name, u.id"  // catalogue order, by the index on that expression
        case .status: "u.status_rank, u.status_changed, u.id"
        case .name: "u.name, u.id"
        case .recent: "u.status_changed DESC, u.id"
        }
        return ("SELECT \(Store.unitColumns) FROM units u \(b.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                b.values + [max(0, q.limit), max(0, q.offset)])
    }

    static func unitRow(_ r: Row) -> UnitRow {
        RescueUnit(id: r.text(0), kind: UnitKind(rawValue: r.text(1)) ?? .volunteer, name: r.text(2),
                   homeRegion: Int(r.int(3)), owner: Int(r.int(4)), strength: Int(r.int(5)), contact: r.text(6),
                   status: UnitStatus(rawValue: r.text(7)) ?? .available,
                   statusChanged: Date(timeIntervalSince1970: TimeInterval(r.int(8)) / 1000),
                   servingAlert: r.optionalText(9), retired: r.int(10) != 0)
    }

    public func units(_ query: UnitQuery) throws -> [UnitRow] {
        let (sql, values) = unitSQL(query)
        return try withDatabase { db in try shortAlertIDs(in: try db.rows(sql, values, map: Store.unitRow), db) }
    }

    /// One unit by id (retired ones included), or nil.
    func unitLocked(_ id: String, _ db: Database) throws -> UnitRow? {
        try db.first("SELECT \(Store.unitColumns) FROM units u WHERE u.id = ? AND u.kind IS NOT NULL", id, map: Store.unitRow)
    }
}
