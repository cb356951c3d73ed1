import Foundation
import Model

/// A duty shift: the span from its start event to the office's next shift event. Its id is the start event's id.
public struct Shift: Sendable, Hashable {
    public var id: EventID
    public var office: RegionCode
    public var officer: String
    public var leader: String
    public var start: HLC
    /// Nil while the shift is on.
    public var end: HLC?
    /// The shift whose handover started this one.
    public var handedOverFrom: EventID?
    /// Whether `end` is the shift's own end event (then it belongs to the shift), not the next shift's start.
    public var endedByItsEndEvent = false

    /// Whether `hlc` falls inside the shift.
    public func contains(_ hlc: HLC) -> Bool {
        guard hlc >= start else { return false }
        guard let end else { return true }
        return hlc < end || (endedByItsEndEvent && hlc == end)
    }
}

extension Store {
    /// Starts a shift for this office; refused while another is on (end it, or hand it over).
    @discardableResult public func startShift(officer: String, leader: String) throws -> Shift {
        try checkName("officer", officer)
        try checkName("leader", leader)
        return try write { db in
            if let on = try shiftsLocked(office: identity.office, db).last, on.end == nil {
                throw StoreError.refused("shift \(on.id) (officer \(on.officer)) is on: end it or hand it over first")
            }
            let e = try recordLocked([.shift(ShiftChange(action: .start, officer: officer, leader: leader))], db)[0]
            return Shift(id: e.id, office: e.office, officer: officer, leader: leader, start: e.hlc)
        }
    }

    /// Ends this office's shift that is on.
    @discardableResult public func endShift() throws -> Shift {
        try write { db in
            guard var on = try shiftsLocked(office: identity.office, db).last, on.end == nil else {
                throw StoreError.refused("no shift is on")
            }
            let e = try recordLocked([.shift(ShiftChange(action: .end, officer: on.officer, leader: on.leader, shift: on.id))], db)[0]
            on.end = e.hlc
            on.endedByItsEndEvent = true
            return on
        }
    }

    /// The incoming officer acknowledges the handover of the shift that is on: it ends, and theirs starts, in one
    /// transaction (two events).
    @discardableResult public func takeOver(officer: String, leader: String) throws -> (ended: Shift, started: Shift) {
        try checkName("officer", officer)
        try checkName("leader", leader)
        return try write { db in
            guard var on = try shiftsLocked(office: identity.office, db).last, on.end == nil else {
                throw StoreError.refused("no shift is on to hand over: start one with `shift start`")
            }
            let events = try recordLocked([
                .shift(ShiftChange(action: .end, officer: on.officer, leader: on.leader, shift: on.id)),
                .shift(ShiftChange(action: .start, officer: officer, leader: leader, shift: on.id)),
            ], db)
            on.end = events[0].hlc
            on.endedByItsEndEvent = true
            let next = Shift(id: events[1].id, office: identity.office, officer: officer, leader: leader,
                             start: events[1].hlc, handedOverFrom: on.id)
            return (on, next)
        }
    }

    /// This office's shift that is on, if any.
    public func currentShift() throws -> Shift? {
        try withDatabase { db in try shiftsLocked(office: identity.office, db).last.flatMap { $0.end == nil ? $0 : nil } }
    }

    /// An office's shifts in clock order (this office's by default).
    public func shifts(office: RegionCode? = nil) throws -> [Shift] {
        try withDatabase { db in try shiftsLocked(office: office ?? identity.office, db) }
    }

    /// The shift an event belongs to: its office's shift whose span holds its clock.
    public func shift(of event: Event) throws -> Shift? {
        try shifts(office: event.office).last { $0.contains(event.hlc) }
    }

    /// A shift by its id, a unique prefix of it, or "current".
    public func shift(named typed: String) throws -> Shift {
        let all = try shifts()
        if typed == "current" {
            guard let on = all.last, on.end == nil else { throw StoreError.refused("no shift is on") }
            return on
        }
        let hits = all.filter { $0.id.description == typed || $0.id.description.hasPrefix(typed) }
        guard hits.count == 1 else { throw StoreError.unknown("shift", typed) }
        return hits[0]
    }

    /// Folds the office's shift events (few: two a shift) into spans. A start closes the span before it, so a
    /// forgotten end never leaves two shifts on; rejected events are left out.
    func shiftsLocked(office: RegionCode, _ db: Database) throws -> [Shift] {
        let events = try db.rows("""
            SELECT e.device, e.seq, e.office, e.operator, e.hlc_wall, e.hlc_counter, e.hlc_node, e.payload FROM events e
            WHERE e.kind = 'shift' AND e.office = :office AND e.id NOT IN (SELECT event FROM rejections)
            ORDER BY e.hlc_wall, e.hlc_counter, e.hlc_node
            """, named: ["office": office]) { try Folder.event($0, from: 0) }
        var out: [Shift] = []
        for e in events {
            guard case .shift(let change) = e.payload else { continue }
            switch change.action {
            case .start:
                if let last = out.indices.last, out[last].end == nil { out[last].end = e.hlc }
                out.append(Shift(id: e.id, office: e.office, officer: change.officer, leader: change.leader,
                                 start: e.hlc, handedOverFrom: change.shift))
            case .end:
                if let i = out.lastIndex(where: { $0.id == change.shift || change.shift == nil }), out[i].end == nil {
                    out[i].end = e.hlc
                    out[i].endedByItsEndEvent = true
                }
            }
        }
        return out
    }

    private func checkName(_ what: String, _ name: String) throws {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, !name.contains(where: { $0.isNewline }) else {
            throw StoreError.refused("\(what) must be a name of 1 to 64 characters on one line")
        }
    }
}
