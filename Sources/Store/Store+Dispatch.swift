import Foundation
import Model

/// A unit a release would move: where it stands now and the status it goes back to.
public struct UnitRelease: Sendable, Hashable {
    public var unit: String
    public var current: UnitStatus
    /// The status it had before it served the alert (and the alert that one served, when it still runs).
    public var back: UnitStatus
    public var backAlert: String?
    /// Another office's unit: only that office may move it.
    public var ours: Bool
}

extension Store {
    /// Dispatches several units to an alert in one transaction: all or none. A unit that is not available (not
    /// available or standby: training, returning, serving another alert) is refused unless `confirmed` says the
    /// operator agreed to take it; a unit out of service, retired or another office's is always refused.
    @discardableResult
    public func dispatch(units ids: [String], toAlert typed: String, confirmed: Bool = false) throws -> [Event] {
        let unique = ids.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { throw StoreError.refused("name at least one unit to dispatch") }
        return try write { db in
            let alert = try knownAlertLocked(typed, db)
            var payloads: [EventPayload] = []
            for id in unique {
                guard let unit = try unitLocked(id, db), !unit.retired else { throw StoreError.unknown("unit", id) }
                let payload = EventPayload.unitStatus(unitID: id, status: .dispatched, alertID: alert)
                try checkWritePolicyLocked(payload, db)
                if unit.servingAlert == alert && unit.status.isCommitted {
                    throw StoreError.refused("unit \(id) already serves alert \(typed) (\(unit.status.names.en))")
                }
                if let refusal = unit.status.refusal(to: .dispatched, alert: alert) {
                    throw StoreError.refused("cannot dispatch unit \(id): \(refusal)")
                }
                if !confirmed && !(unit.status == .available || unit.status == .standby) {
                    let serving = unit.servingAlert.map { " for alert \($0)" } ?? ""
                    throw StoreError.refused("unit \(id) is \(unit.status.names.en)\(serving), not available: confirm to dispatch it anyway")
                }
                payloads.append(payload)
            }
            return try recordLocked(payloads, db)
        }
    }

    /// The units serving an alert (committed or returning to it) and the status each goes back to on release.
    public func releasable(alert typed: String) throws -> [UnitRelease] {
        try withDatabase { db in try releasableLocked(try knownAlertLocked(typed, db), db) }
    }

    /// Returns this office's units serving an ended alert (resolved, cancelled or expired; any alert when `evenIfActive`)
    /// to the status each had before it served it, in one transaction. Another office's units are left to it.
    @discardableResult
    public func release(alert typed: String, evenIfActive: Bool = false) throws -> [Event] {
        guard let row = try alert(id: typed) else { throw StoreError.unknown("alert", typed) }
        if row.state.isActive && !evenIfActive {
            throw StoreError.refused("alert \(typed) is still \(row.state.names.en): release its units once it ends, or confirm")
        }
        return try write { db in
            let lines = try releasableLocked(row.key, db).filter(\.ours)
            guard !lines.isEmpty else { throw StoreError.refused("alert \(typed) has none of this office's units to release") }
            let payloads = lines.map { EventPayload.unitStatus(unitID: $0.unit, status: $0.back, alertID: $0.backAlert) }
            for p in payloads { try checkWritePolicyLocked(p, db) }
            let moves = try recordLocked(payloads, db)
            // A released status serves no alert: a link note puts each move in the alert's timeline.
            return try moves + recordLocked(moves.map { .note(Note("", role: .link, alertID: row.key, about: $0.id)) }, db)
        }
    }

    /// Ended alerts (resolved, cancelled, expired) that still hold units: what the console offers to release.
    public func endedAlertsHoldingUnits(limit: Int = 50) throws -> [AlertRow] {
        let keys = try withDatabase { db in
            try db.rows("""
                SELECT DISTINCT serving_alert FROM units WHERE serving_alert IS NOT NULL AND kind IS NOT NULL AND retired = 0
                  AND status IN ('dispatched', 'enRoute', 'onScene', 'returning')
                """, []) { $0.text(0) }
        }
        return try keys.compactMap { try alert(id: $0) }.filter { !$0.state.isActive }.prefix(limit).map { $0 }
    }

    func releasableLocked(_ alert: String, _ db: Database) throws -> [UnitRelease] {
        let serving = try db.rows("""
            SELECT \(Store.unitColumns) FROM units u WHERE u.serving_alert = ? AND u.kind IS NOT NULL AND u.retired = 0
              AND u.status IN ('dispatched', 'enRoute', 'onScene', 'returning') ORDER BY u.id
            """, alert, map: Store.unitRow)
        let ownOffice = identity.office
        return try serving.map { u in
            // The run of moves serving this alert, newest back; what came before it is what the unit goes back to.
            let history = try unitHistoryLocked(u.id, db)
            var i = history.count
            while i > 0, case .unitStatus(_, _, let a) = history[i - 1].payload, a == alert { i -= 1 }
            var back: (UnitStatus, String?) = (.available, nil)
            if i > 0, case .unitStatus(_, let s, let a) = history[i - 1].payload {
                back = (s, a)
                // It left another alert for this one: back to that alert only while it still runs.
                if let other = a, try db.int("SELECT 1 FROM alerts WHERE id = ? AND open = 1 AND expires_key > ?", other, nowSeconds) == nil {
                    back = (.available, nil)
                }
            }
            let owner = try LocalWriteFacts(db: db).record(RecordRef(.unit, u.id))?.owner ?? u.owner
            return UnitRelease(unit: u.id, current: u.status, back: back.0, backAlert: back.1, ours: owner == ownOffice)
        }
    }

    /// A unit's accepted status events, oldest first (read from the log: statuses are last-writer-wins state).
    func unitHistoryLocked(_ unit: String, _ db: Database) throws -> [Event] {
        try db.rows("""
            SELECT device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events
            WHERE kind = 'unitStatus' AND instr(payload, :unit) > 0 AND id NOT IN (SELECT event FROM rejections)
            """, named: ["unit": Array(unit.utf8)]) { try Folder.event($0, from: 0) }
            .filter { if case .unitStatus(let u, _, _) = $0.payload { u == unit } else { false } }
            .sorted { $0.hlc < $1.hlc }
    }
}
