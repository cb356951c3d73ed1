import Foundation
import Model

/// One of this device's events the centre refused: kept in the log for history, its effect undone here.
public struct RejectedEvent: Sendable, Hashable {
    public var id: EventID
    /// The event's kind (`EventPayload.tag`).
    public var kind: String
    public var reason: String
    /// When this store learned of the rejection.
    public var at: Date
    /// An operator has seen it (the console shows unacknowledged rejections until then).
    public var acknowledged: Bool
}

/// Rejections: the centre refused an event this office had already applied. The office records why, undoes the
/// event's effect by folding the record again without it (a sum loses the delta, a last-writer-wins value goes to
/// the next winner, an acknowledgment leaves the set), and keeps the event itself in the log.
extension Store {
    /// Records the centre's rejections of this device's events and undoes each one's effect, in one transaction.
    /// A rejection already recorded, or of an event this store does not hold, changes nothing. Returns how many
    /// were new.
    @discardableResult public func recordRejections(_ rejections: [(id: EventID, reason: String)]) throws -> Int {
        guard !rejections.isEmpty else { return 0 }
        return try write { db in
            let folder = Folder(db: db)
            var added = 0
            for (id, reason) in rejections {
                guard let (row, event) = try folder.stored(id) else { continue }
                let inserted = try db.run("INSERT INTO rejections(event, reason, at_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                          row, reason, wallClock.nowMilliseconds())
                guard inserted == 1 else { continue }
                try folder.unapply(event, row: row)
                added += 1
            }
            try folder.flush()
            return added
        }
    }

    /// This store's rejected events, newest first.
    public func rejections(unacknowledgedOnly: Bool = false, limit: Int = 1000) throws -> [RejectedEvent] {
        try withDatabase { db in
            try db.rows("""
                SELECT e.device, e.seq, e.kind, r.reason, r.at_ms, r.acknowledged FROM rejections r JOIN events e ON e.id = r.event
                \(unacknowledgedOnly ? "WHERE r.acknowledged = 0" : "") ORDER BY r.event DESC LIMIT ?
                """, max(0, limit)) { r in
                RejectedEvent(id: EventID(device: DeviceID(bitPattern: r.int(0)), seq: r.int(1)), kind: r.text(2),
                              reason: r.text(3), at: Date(timeIntervalSince1970: TimeInterval(r.int(4)) / 1000),
                              acknowledged: r.int(5) != 0)
            }
        }
    }

    /// Rejections recorded, and how many no operator has acknowledged yet.
    public func rejectionCounts() throws -> (total: Int, unacknowledged: Int) {
        try withDatabase { db in
            let total = try db.int("SELECT count(*) FROM rejections") ?? 0
            let open = try db.int("SELECT count(*) FROM rejections WHERE acknowledged = 0") ?? 0
            return (Int(total), Int(open))
        }
    }

    /// Marks every rejection seen; returns how many were not yet.
    @discardableResult public func acknowledgeRejections() throws -> Int {
        try write { db in try db.run("UPDATE rejections SET acknowledged = 1 WHERE acknowledged = 0") }
    }
}

// MARK: undoing an event

extension Folder {
    /// A stored event and its row, by id (nil when this store does not hold it).
    func stored(_ id: EventID) throws -> (row: Int64, event: Event)? {
        try db.first("""
            SELECT id, device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events
            WHERE device = ? AND seq = ?
            """, Int64(bitPattern: id.device), id.seq, map: { r in (r.int(0), try Folder.event(r, from: 1)) })
    }

    /// Undoes one applied event's effect; the caller has already recorded it as rejected, so every re-fold below
    /// leaves it out.
    func unapply(_ e: Event, row: Int64) throws {
        switch e.payload {
        case .stock(let m):
            try refoldLine(FoldBatch.Line(depot: m.depot, item: m.item))
            try unapplyTransfer(eventRow: row)
        case .acknowledge(let alertID):
            if try db.run("DELETE FROM acks WHERE event = ?", row) == 1 { batch.acks[alertID, default: 0] -= 1 }
        case .unitStatus(let unit, _, _):
            try flush()
            try refoldUnitStatus(unit)
        case .fields(let ref, _), .retire(let ref):
            try refoldRecord(ref)
        case .alert(let a):
            try refoldAlert(try alertKey(of: a))
        default:
            break  // `MergeRule.logOnly`: nothing folded, nothing to undo (views skip rejected events)
        }
    }

    /// Folds again what an event's stamp decides, after the stamp changed (the centre re-stamped it).
    func refoldStamped(_ payload: EventPayload) throws {
        switch payload {
        case .unitStatus(let unit, _, _):
            try flush()
            try refoldUnitStatus(unit)
        case .fields(let ref, _), .retire(let ref):
            try refoldRecord(ref)
        case .stock(let m):
            // A count subsumes the movements stamped before it: the stamp decides.
            try refoldLine(FoldBatch.Line(depot: m.depot, item: m.item))
        default:
            // An add-only set does not depend on stamps; an alert chain orders by its CAP `sent`; log-only kinds
            // fold nothing.
            break
        }
    }

    /// The accepted events of `kinds` whose payload mentions `text`, in arrival order (a byte search narrows the
    /// scan; the caller decodes and matches exactly).
    private func acceptedEvents(kinds: [String], mentioning text: String) throws -> [(Int64, Event)] {
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        var values: [any SQLBindable] = kinds
        values.append(Array(text.utf8))
        return try db.rows("""
            SELECT id, device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events
            WHERE kind IN (\(marks)) AND instr(payload, ?) > 0 AND id NOT IN (SELECT event FROM rejections) ORDER BY id
            """, values) { r in (r.int(0), try Folder.event(r, from: 1)) }
    }

    /// Per-field last writer wins again over the record's accepted events.
    func refoldRecord(_ ref: RecordRef) throws {
        try db.run("DELETE FROM record_fields WHERE kind = ? AND id = ?", ref.kind.rawValue, ref.id)
        for (_, e) in try acceptedEvents(kinds: ["fields", "retire"], mentioning: ref.id) {
            switch e.payload {
            case .fields(let r, let fields) where r == ref: try applyFields(r, fields, event: e)
            case .retire(let r) where r == ref: try applyRetire(r, event: e)
            default: break
            }
        }
        try project(ref)
    }

    /// The unit's status from its accepted status events (the latest HLC wins), moving the responding counts of
    /// the alerts it leaves and serves.
    func refoldUnitStatus(_ unit: String) throws {
        var winner: (status: UnitStatus, alert: String?, hlc: String, wall: Int64)?
        for (_, e) in try acceptedEvents(kinds: ["unitStatus"], mentioning: unit) {
            guard case .unitStatus(let u, let status, let alert) = e.payload, u == unit else { continue }
            let key = e.hlc.sortKey
            if winner.map({ key > $0.hlc }) ?? true { winner = (status, alert, key, e.hlc.wall) }
        }
        let old = try db.first("SELECT status, serving_alert FROM units WHERE id = ?", unit) {
            (UnitStatus(rawValue: $0.text(0)) ?? .available, $0.optionalText(1))
        }
        if let old, old.0.isCommitted, let a = old.1 { try db.run("UPDATE alerts SET responding = responding - 1 WHERE id = ?", a) }
        if let w = winner, w.status.isCommitted, let a = w.alert {
            try ensureAlert(a)
            try db.run("UPDATE alerts SET responding = responding + 1 WHERE id = ?", a)
        }
        try ensureUnit(unit)
        try db.run("UPDATE units SET status = ?, serving_alert = ?, status_hlc = ?, status_changed = ? WHERE id = ?",
                   winner?.status.rawValue ?? UnitStatus.available.rawValue, winner?.alert, winner?.hlc,
                   winner?.wall ?? 0, unit)
    }

    /// The alert row again from its accepted messages; acknowledgments and responding units stay as they are.
    private func refoldAlert(_ root: String) throws {
        let counters = try db.first("SELECT ack_count, responding FROM alerts WHERE id = ?", root) { ($0.int(0), $0.int(1)) }
        let rows = try db.rows("SELECT event FROM alert_messages WHERE alert = ?", root) { $0.int(0) }
        try db.run("DELETE FROM alert_messages WHERE alert = ?", root)
        try db.run("DELETE FROM alert_regions WHERE alert = ?", root)
        try db.run("DELETE FROM alerts WHERE id = ?", root)
        try db.run("INSERT INTO alerts(id, ack_count, responding) VALUES (?, ?, ?)", root, counters?.0 ?? 0, counters?.1 ?? 0)
        var folded = 0
        for row in rows.sorted() {
            guard try db.int("SELECT 1 FROM rejections WHERE event = ?", row) == nil,
                  let e = try db.first("""
                      SELECT device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events WHERE id = ?
                      """, row, map: { try Folder.event($0, from: 0) }),
                  case .alert(let a) = e.payload else { continue }
            try applyAlert(a, event: e, row: row)
            folded += 1
        }
        // With no message left, the row stays only as the stub an acknowledgment or a unit needs.
        if folded == 0, (counters?.0 ?? 0) == 0, (counters?.1 ?? 0) == 0,
           try db.int("SELECT 1 FROM acks WHERE alert = ? LIMIT 1", root) == nil,
           try db.int("SELECT 1 FROM units WHERE serving_alert = ? LIMIT 1", root) == nil {
            try db.run("DELETE FROM alerts WHERE id = ?", root)
        }
    }
}
