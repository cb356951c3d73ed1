import Foundation
import Model
import Store

/// What one `syncOnce` did; `description` is the one-line summary `dutydesk sync` prints.
public struct SyncReport: Sendable, CustomStringConvertible {
    /// Local events the centre acknowledged in this sync (applied, or already there).
    public var pushed = 0
    /// Events received from the centre, and how many of them were new here.
    public var pulled = 0
    public var pulledNew = 0
    /// Local events the centre refused, with its reasons.
    public var rejected: [Rejection] = []
    /// Rejected events newly undone in the local store (a rejection seen again is not undone twice).
    public var undone = 0
    /// Local events whose clock ran ahead; the centre re-stamped them and keeps them for review.
    public var quarantined: [EventID] = []
    public var bytesSent = 0
    public var bytesReceived = 0
    public var framesSent = 0
    public var framesReceived = 0
    /// Times the client sent and then waited for an answer.
    public var roundTrips = 0
    /// Snapshot chunks applied (a bootstrap).
    public var snapshotChunks = 0
    /// The central store's epoch changed (it was restored or replaced): this client re-read its scope and
    /// queued again what the centre lacked.
    public var epochChanged = false
    /// Local events still waiting after this sync.
    public var waiting = 0
    /// The centre found this store to be a copy (a cloned laptop, or restored from its own backup): it took a
    /// new device identity and re-sent its own events under it.
    public var reregistered: [Reregistration] = []
    /// The centre's clock minus this machine's, as measured in this sync (nil when the centre did not say).
    public var clockOffset: Int64?
    /// Local events whose stamps the centre replaced (their clock ran ahead) and this store took over.
    public var restamped = 0

    public init() {}

    public var description: String {
        var parts = ["pushed \(pushed)", "pulled \(pulled)"]
        parts.append("rejected \(rejected.count)")
        if !quarantined.isEmpty { parts.append("quarantined \(quarantined.count)") }
        if waiting > 0 { parts.append("waiting \(waiting)") }
        parts.append("sent \(Self.bytes(bytesSent))")
        parts.append("received \(Self.bytes(bytesReceived))")
        parts.append("\(roundTrips) round trip\(roundTrips == 1 ? "" : "s")")
        if snapshotChunks > 0 { parts.append("snapshot \(snapshotChunks) chunk\(snapshotChunks == 1 ? "" : "s")") }
        if epochChanged { parts.append("central store was restored: re-sent what it lacked") }
        for r in reregistered { parts.append(r.description) }
        if restamped > 0 { parts.append("\(restamped) event\(restamped == 1 ? "" : "s") re-stamped by the centre") }
        if let clockOffset, let warning = ClockCheck(offsetMilliseconds: clockOffset, checked: Date()).warning {
            parts.append("warning: " + warning)
        }
        return parts.joined(separator: ", ")
    }

    static func bytes(_ n: Int) -> String {
        if n < 10_000 { return "\(n) B" }
        if n < 10_000_000 { return "\(n / 1000) kB" }
        return "\(n / 1_000_000) MB"
    }
}
