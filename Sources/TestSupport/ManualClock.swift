import Foundation
import Model

/// A wall clock tests set and advance by hand (STYLE.md 14); starts at a fixed, realistic instant.
public final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var milliseconds: Int64

    /// 2026-03-01 08:00:00 UTC unless told otherwise.
    public init(milliseconds: Int64 = 1_772_352_000_000) { self.milliseconds = milliseconds }
    public convenience init(_ date: Date) { self.init(milliseconds: Int64(date.timeIntervalSince1970 * 1000)) }

    public func nowMilliseconds() -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        return milliseconds
    }

    public var now: Date { Date(timeIntervalSince1970: TimeInterval(nowMilliseconds()) / 1000) }

    public func advance(milliseconds delta: Int64) {
        lock.lock()
        defer { lock.unlock() }
        milliseconds += delta
    }

    public func advance(by seconds: TimeInterval) { advance(milliseconds: Int64(seconds * 1000)) }

    public func set(milliseconds value: Int64) {
        lock.lock()
        defer { lock.unlock() }
        milliseconds = value
    }
}
