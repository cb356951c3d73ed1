import Foundation
import Model

/// What the office knows of its wall clock against the centre's, from the last sync.
public struct ClockCheck: Sendable, Equatable {
    /// The centre's clock minus this machine's, in milliseconds.
    public var offsetMilliseconds: Int64
    /// When it was measured.
    public var checked: Date

    public init(offsetMilliseconds: Int64, checked: Date) {
        self.offsetMilliseconds = offsetMilliseconds
        self.checked = checked
    }

    /// Past this, the operator is told: a clock minutes off already reorders an office's work against others'.
    public static let warnMilliseconds: Int64 = 2 * 60 * 1000

    /// A one-line warning when the clock is off, or nil.
    public var warning: String? {
        guard abs(offsetMilliseconds) >= Self.warnMilliseconds else { return nil }
        let side = offsetMilliseconds > 0 ? "behind" : "ahead of"
        return "this machine's clock is \(Self.span(abs(offsetMilliseconds))) \(side) the centre's; "
            + "this office stamps its work by the centre's time until the clock is set right"
    }

    /// A duration as an operator reads it: "7 min", "24 h 0 min", "3 d 2 h".
    public static func span(_ ms: Int64) -> String {
        let minutes = ms / 60_000
        if minutes < 60 { return "\(max(1, minutes)) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h \(minutes % 60) min" }
        return "\(hours / 24) d \(hours % 24) h"
    }
}

/// The office's clock against the centre's. Stamps (HLCs) decide every last-writer-wins merge, so a laptop
/// a day behind would lose every change it makes to changes made hours earlier elsewhere, and a laptop a
/// day ahead would win against everything for a day. The office measures the centre's clock at each sync and
/// stamps by it; the centre re-stamps what still arrives far ahead, and the office takes those stamps over so
/// both agree.
extension Store {
    static let clockOffsetKey = "clock.offset"
    static let clockCheckedKey = "clock.checked"
    static let clockJumpKey = "clock.jump"
    /// Smaller differences are ordinary clock noise and change nothing.
    static let correctionThreshold: Int64 = 2_000

    /// This machine's wall clock (milliseconds since 1970), as the store reads it.
    public func wallMilliseconds() -> Int64 { wallClock.nowMilliseconds() }

    /// Remembers the centre's clock as measured by a sync.
    public func noteCentreClock(offsetMilliseconds: Int64) throws {
        try write { db in
            try setMetaLocked(Self.clockOffsetKey, String(offsetMilliseconds), db)
            try setMetaLocked(Self.clockCheckedKey, String(wallClock.nowMilliseconds()), db)
            // Our own stamps may have run far ahead of the centre (the clock was set a day ahead): let the next
            // local stamp follow the corrected clock instead of counting on from the future. The centre has
            // re-stamped (and told us of) any of our events that arrived that far ahead.
            let centreNow = wallClock.nowMilliseconds() + offsetMilliseconds
            if hybridClock.last.wall > centreNow + ClockCheck.warnMilliseconds {
                let own = try db.int("SELECT max(hlc_wall) FROM events WHERE hlc_wall <= ?", centreNow + ClockCheck.warnMilliseconds) ?? 0
                hybridClock = HybridClock(node: hybridClock.node, last: HLC(wall: max(own, 0), counter: 0, node: hybridClock.node))
                try setMetaLocked(MetaKey.lastHLC, hybridClock.last.description, db)
            }
        }
    }

    /// The last measurement of the centre's clock, or nil before the first sync.
    public func clockCheck() throws -> ClockCheck? {
        try withDatabase { db in
            guard let offset = Int64(try db.text("SELECT value FROM meta WHERE key = ?", Self.clockOffsetKey) ?? ""),
                  let at = Int64(try db.text("SELECT value FROM meta WHERE key = ?", Self.clockCheckedKey) ?? "") else { return nil }
            return ClockCheck(offsetMilliseconds: offset, checked: Date(timeIntervalSince1970: TimeInterval(at) / 1000))
        }
    }

    /// When this machine's clock was last seen to jump back behind the store's own stamps, and by how much.
    public func clockJump() throws -> (milliseconds: Int64, at: Date)? {
        try withDatabase { db in
            let parts = (try db.text("SELECT value FROM meta WHERE key = ?", Self.clockJumpKey) ?? "").split(separator: " ")
            guard parts.count == 2, let ms = Int64(parts[0]), let at = Int64(parts[1]) else { return nil }
            return (ms, Date(timeIntervalSince1970: TimeInterval(at) / 1000))
        }
    }

    /// The physical time a local stamp is made from: this machine's clock, corrected by the centre's when the
    /// last sync found them apart. Notes a jump back behind our own stamps. The caller holds the write transaction.
    func stampingMillisecondsLocked(_ db: Database) throws -> Int64 {
        let wall = wallClock.nowMilliseconds()
        let offset = Int64(try db.text("SELECT value FROM meta WHERE key = ?", Self.clockOffsetKey) ?? "") ?? 0
        let physical = abs(offset) >= Self.correctionThreshold ? wall + offset : wall
        let behind = hybridClock.last.wall - physical
        if behind >= ClockCheck.warnMilliseconds {
            try setMetaLocked(Self.clockJumpKey, "\(behind) \(wall)", db)
        }
        return physical
    }

    /// Gives this store's copies of its own events the stamps the centre gave them, and folds again what the
    /// stamp decides (last writer wins). Returns how many events changed.
    public func applyRestamps(_ restamps: [EventID: HLC]) throws -> Int {
        guard !restamps.isEmpty else { return 0 }
        return try write { db in
            let folder = Folder(db: db)
            var changed = 0
            for (id, hlc) in restamps.sorted(by: { $0.key < $1.key }) {
                guard let (row, event) = try folder.stored(id), event.hlc != hlc else { continue }
                try db.run("UPDATE events SET hlc_wall = ?, hlc_counter = ?, hlc_node = ? WHERE id = ?",
                           hlc.wall, Int64(hlc.counter), Int64(bitPattern: hlc.node), row)
                try folder.refoldStamped(event.payload)
                changed += 1
            }
            try folder.flush()
            return changed
        }
    }
}
