/// A shift begins or ends. A shift is the span between its office's start event and the next end or start, so
/// every event belongs to the shift of its office whose span holds its HLC: the shift is folded from the log, not
/// stamped on each event, which keeps every stored file and the wire format as they were.
public struct ShiftChange: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Codable { case start, end }
    public var action: Action
    /// The on-duty officer (值班员) and the leader in charge (带班领导).
    public var officer: String
    public var leader: String
    /// For an end, the shift it ends; for a start that acknowledges a handover, the shift handed over.
    public var shift: EventID?

    public init(action: Action, officer: String, leader: String, shift: EventID? = nil) {
        self.action = action; self.officer = officer; self.leader = leader; self.shift = shift
    }
}
