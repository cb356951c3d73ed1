/// Identifies the device (a store file) that made an event.
public typealias DeviceID = UInt64

/// An event's globally unique id: the device that made it and its gap-free sequence on that device.
public struct EventID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var device: DeviceID
    public var seq: Int64
    public init(device: DeviceID, seq: Int64) { self.device = device; self.seq = seq }
    public static func < (a: EventID, b: EventID) -> Bool { (a.device, a.seq) < (b.device, b.seq) }
    public var description: String { String(device, radix: 16) + "-" + String(seq) }
}

/// Kinds of record whose fields change by per-field last-writer-wins.
public enum RecordKind: String, Sendable, Codable, CaseIterable {
    case office, unit, depot, item, stockLine, drill
}

/// A reference to one record.
public struct RecordRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: RecordKind
    public var id: String
    public init(_ kind: RecordKind, _ id: String) { self.kind = kind; self.id = id }
    public var description: String { "\(kind.rawValue):\(id)" }
}

/// What an event says. Each case has its merge rule (DESIGN.md, "everything is an event").
public enum EventPayload: Sendable, Hashable {
    /// A CAP message: alert, update or cancel, identified by (sender, identifier, sent). Insert-only; an alert shows
    /// its latest-sent message; only its issuer or a superior office may update or cancel it (`AlertAuthority`).
    case alert(Alert)
    /// The event's operator and office acknowledged an alert. Add-only set.
    case acknowledge(alertID: String)
    /// A unit's status, optionally serving an alert. Last writer wins by HLC.
    case unitStatus(unitID: String, status: UnitStatus, alertID: String?)
    /// A stock delta (sum of deltas: never lost, never overwritten), or a count: an observation at its time, so the
    /// line is its latest count plus the movements stamped after it (`StockRule`).
    case stock(StockMovement)
    /// Fields of a record set to values. Per-field last writer wins; the first one creates the record.
    case fields(RecordRef, [String: String])
    /// A record retired (tombstone); it stays queryable in history.
    case retire(RecordRef)
    /// A shift starts or ends (log only: `Store.shifts`).
    case shift(ShiftChange)
    /// A duty-log note, optionally about an alert and an event (log only).
    case note(Note)

}

/// An immutable change made by an operator or a feed.
public struct Event: Sendable, Hashable {
    public var id: EventID
    /// Office (its region code) that made the event.
    public var office: RegionCode
    public var `operator`: String
    public var hlc: HLC
    public var payload: EventPayload

    public init(id: EventID, office: RegionCode, operator: String, hlc: HLC, payload: EventPayload) {
        self.id = id; self.office = office; self.operator = `operator`; self.hlc = hlc; self.payload = payload
    }
}

/// A duty-log note: what the officer wrote, the alert it is about, and the event it links or corrects.
public struct Note: Sendable, Hashable {
    /// `step`: a duty step done (`DutyStep`, its text), by the event's operator at its stamp.
    public enum Role: String, Sendable { case note, link, correction, step }
    public var role: Role
    public var text: String
    public var alertID: String?
    public var about: EventID?
    public init(_ text: String, role: Role = .note, alertID: String? = nil, about: EventID? = nil) {
        self.role = role; self.text = text; self.alertID = alertID; self.about = about
    }
}
