import Foundation
import Model

extension Store {
    /// Issues stock for an alert: the movement, then a link note so it shows in the alert's timeline. The alert is
    /// checked first, so a mistyped id issues nothing.
    @discardableResult
    public func issueStock(depot: String, item: String, quantity: Int64, reason: String, alertID typed: String) throws -> (movement: Event, link: Event) {
        _ = try withDatabase { db in try knownAlertLocked(typed, db) }
        let movement = try moveStock(depot: depot, item: item, kind: .issue, quantity: quantity, reason: reason)
        return (movement, try link(movement.id, toAlert: typed))
    }

    /// Corrects one of this office's stock movements, unit statuses, field edits, acknowledgments or notes by a
    /// compensating event (none for an acknowledgment or a note) and a correction
    /// note: history is never rewritten, both stay in the log and the timeline, and both sync like any event.
    @discardableResult public func correct(_ typed: String, reason: String) throws -> [Event] {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.refused("a correction needs a reason (--reason)") }
        guard let id = EventID(typed) else { throw StoreError.refused("event id must be DEVICE-SEQ as the log shows it, not '\(typed)'") }
        let (original, alert) = try withDatabase { db -> (Event, String?) in
            guard let e = try db.first("""
                SELECT device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events
                WHERE device = ? AND seq = ? AND id NOT IN (SELECT event FROM rejections)
                """, Int64(bitPattern: id.device), id.seq, map: { try Folder.event($0, from: 0) }) else {
                throw StoreError.unknown("event", typed)
            }
            guard e.office == identity.office else {
                throw StoreError.refused("event \(typed) is office \(e.office)'s: only that office may correct it")
            }
            if try correctionsLocked(db).contains(id) { throw StoreError.refused("event \(typed) is already corrected") }
            return (e, try linkedAlertLocked(e, db))
        }
        let stamp = StockMovement.correctionReason(of: typed, reason)
        var events: [Event] = []
        switch original.payload {
        case .stock(let m) where m.transfer == nil && !m.isCount && (m.kind == .issue || m.kind == .receive || m.kind == .rotate):
            let back: MovementKind = m.delta < 0 ? .receive : .issue
            events.append(try moveStock(depot: m.depot, item: m.item, kind: back, quantity: abs(m.delta), reason: stamp))
        case .unitStatus(let unit, _, _):
            events.append(try write { db -> Event in
                let history = try unitHistoryLocked(unit, db)
                guard history.last?.id == original.id else {
                    throw StoreError.refused("unit \(unit) has moved since event \(typed): set its status instead")
                }
                var previous: (UnitStatus, String?) = (.available, nil)
                if history.count >= 2, case .unitStatus(_, let s, let a) = history[history.count - 2].payload { previous = (s, a) }
                return try recordLocked([.unitStatus(unitID: unit, status: previous.0, alertID: previous.1)], db)[0]
            })
        case .acknowledge:
            // Nothing to give back: the alert was received. The correction note is the record.
            break
        case .note(let n) where n.role == .note:
            // The note was written; the correction note says what was wrong (the handover leaves it out).
            break
        case .fields(let ref, let fields):
            events.append(try write { db in try recordLocked([try fieldsBeforeLocked(original, ref, fields, typed, db)], db)[0] })
        default:
            throw StoreError.refused("only a stock receipt, issue or rotation, a unit status, a field edit, an acknowledgment or a note can be corrected (event \(typed) is \(original.payload.tag))")
        }
        try write { db in
            events += try recordLocked([.note(Note(reason, role: .correction, alertID: alert, about: original.id))], db)
            if let alert, let compensating = events.first, compensating.payload.linkedAlert == nil {
                events += try recordLocked([.note(Note("", role: .link, alertID: alert, about: compensating.id))], db)
            }
        }
        return events
    }

    /// The compensating edit of a field edit: the values its fields held before it. Refused when a field has been
    /// edited since (edit it instead), or when the event set a field first (nothing to go back to: retire the record).
    private func fieldsBeforeLocked(_ original: Event, _ ref: RecordRef, _ fields: [String: String], _ typed: String,
                                    _ db: Database) throws -> EventPayload {
        let keys = fields.keys.filter { !$0.hasPrefix("_") }.sorted()
        for key in keys {
            let stamp = try db.first("SELECT hlc FROM record_fields WHERE kind = ? AND id = ? AND field = ?",
                                     ref.kind.rawValue, ref.id, key, map: { $0.text(0) })
            if stamp != original.hlc.sortKey {
                throw StoreError.refused("\(ref) \(key) has been edited since event \(typed): edit it instead")
            }
        }
        var before: [String: String] = [:]
        let history = try db.rows("""
            SELECT device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events
            WHERE kind = 'fields' AND instr(payload, :id) > 0 AND id NOT IN (SELECT event FROM rejections)
            """, named: ["id": Array(ref.id.utf8)]) { try Folder.event($0, from: 0) }
        for e in history.sorted(by: { $0.hlc < $1.hlc }) where e.hlc < original.hlc {
            if case .fields(let r, let f) = e.payload, r == ref { for key in keys { if let v = f[key] { before[key] = v } } }
        }
        if let first = keys.first(where: { before[$0] == nil }) {
            throw StoreError.refused("event \(typed) set \(ref) \(first) first: there is nothing to go back to (retire the record instead)")
        }
        return .fields(ref, before)
    }

    /// Events a correction note names.
    func correctionsLocked(_ db: Database) throws -> Set<EventID> {
        var out = Set<EventID>()
        try db.forEach("SELECT payload FROM events WHERE kind = 'note' AND id NOT IN (SELECT event FROM rejections)", []) { r in
            if case .note(let n) = try EventCodec.decodePayload(r.blob(0)), n.role == .correction, let about = n.about { out.insert(about) }
        }
        return out
    }

    /// The alert an event is about: its own link, or a link note naming it.
    func linkedAlertLocked(_ e: Event, _ db: Database) throws -> String? {
        if let a = e.payload.linkedAlert { return a }
        var found: String?
        try db.forEach("SELECT payload FROM events WHERE kind = 'note' AND id NOT IN (SELECT event FROM rejections)", []) { r in
            if case .note(let n) = try EventCodec.decodePayload(r.blob(0)), n.about == e.id, let a = n.alertID { found = a }
        }
        return found
    }
}

extension EventID {
    /// Parses "DEVICE-SEQ" as `description` writes it (device in hex).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let device = UInt64(parts[0], radix: 16), let seq = Int64(parts[1]), seq > 0 else { return nil }
        self.init(device: device, seq: seq)
    }
}
