/// A hybrid logical clock timestamp: physical milliseconds, a logical counter, and the node that made it.
/// Ordered by (wall, counter, node), so two distinct events never tie.
public struct HLC: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var wall: Int64
    public var counter: UInt32
    public var node: UInt64

    public init(wall: Int64, counter: UInt32, node: UInt64) {
        self.wall = wall; self.counter = counter; self.node = node
    }

    public static let zero = HLC(wall: 0, counter: 0, node: 0)

    public static func < (a: HLC, b: HLC) -> Bool {
        (a.wall, a.counter, a.node) < (b.wall, b.counter, b.node)
    }

    /// Sorts as text in the same order as the value (fixed-width hex), for SQL columns and logs.
    public var description: String {
        hex(UInt64(bitPattern: wall), 12) + "." + hex(UInt64(counter), 8) + "." + hex(node, 16)
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 3, let w = UInt64(parts[0], radix: 16), let c = UInt32(parts[1], radix: 16),
              let n = UInt64(parts[2], radix: 16) else { return nil }
        self.init(wall: Int64(bitPattern: w), counter: c, node: n)
    }
}

private func hex(_ v: UInt64, _ width: Int) -> String {
    let s = String(v, radix: 16)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Milliseconds since the Unix epoch from some source; tests inject a manual one.
public protocol WallClock: Sendable {
    func nowMilliseconds() -> Int64
}

/// The machine's real clock.
public struct SystemClock: WallClock {
    public init() {}
    public func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

/// What receiving a peer's timestamp did.
public enum HLCReceipt: Sendable, Equatable {
    /// The clock advanced past the remote timestamp; the new local time is attached.
    case merged(HLC)
    /// The remote timestamp is further ahead of our wall clock than `maxDrift` allows; the clock ignored it.
    case rejectedDrift(aheadByMilliseconds: Int64)
}

/// The HLC algorithm (Kulkarni et al.): `now` for local and send events, `receive` for remote ones.
public struct HybridClock: Sendable {
    public let node: UInt64
    public private(set) var last: HLC
    /// How far ahead of our wall clock a peer's timestamp may be before it is refused.
    public var maxDriftMilliseconds: Int64

    public init(node: UInt64, last: HLC = .zero, maxDriftMilliseconds: Int64 = 5 * 60 * 1000) {
        self.node = node
        self.last = last
        self.maxDriftMilliseconds = maxDriftMilliseconds
    }

    /// A timestamp for a local event; strictly greater than every timestamp seen so far.
    public mutating func now(physical: Int64) -> HLC {
        if physical > last.wall {
            last = HLC(wall: physical, counter: 0, node: node)
        } else {
            last = HLC(wall: last.wall, counter: last.counter &+ 1, node: node)
        }
        return last
    }

    /// Merges a remote timestamp. A far-future timestamp does not drag our clock forward.
    public mutating func receive(_ remote: HLC, physical: Int64) -> HLCReceipt {
        if remote.wall - physical > maxDriftMilliseconds {
            return .rejectedDrift(aheadByMilliseconds: remote.wall - physical)
        }
        let wall = max(physical, last.wall, remote.wall)
        let counter: UInt32
        if wall == last.wall && wall == remote.wall {
            counter = max(last.counter, remote.counter) &+ 1
        } else if wall == last.wall {
            counter = last.counter &+ 1
        } else if wall == remote.wall {
            counter = remote.counter &+ 1
        } else {
            counter = 0
        }
        last = HLC(wall: wall, counter: counter, node: node)
        return .merged(last)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
