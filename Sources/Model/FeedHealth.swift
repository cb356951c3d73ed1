import Foundation

/// A live feed's health, as `alerts poll` prints it and the console's status bar shows it: when it last answered,
/// its last failure, and when it is tried next. Also the validators its last answer gave (for conditional requests).
public struct FeedHealth: Sendable, Hashable {
    public var source: String
    public var lastOK: Date?
    public var lastError: FeedFailure?
    public var lastErrorAt: Date?
    /// Failures in a row; 0 once it answers again.
    public var failures = 0
    public var nextTry: Date
    public var etag: String?
    public var lastModified: String?

    public init(source: String, nextTry: Date) { self.source = source; self.nextTry = nextTry }

    public var isFailing: Bool { failures > 0 }
}

/// When to try a feed again: its interval while it answers; after n failures in a row, an exponential backoff
/// (interval × 2ⁿ, at most `maximum`) with jitter, so many offices whose feed went down together do not all return at once.
public struct FeedBackoff: Sendable, Hashable {
    public var interval: TimeInterval
    public var maximum: TimeInterval

    public init(interval: TimeInterval, maximum: TimeInterval) {
        self.interval = interval
        self.maximum = max(interval, maximum)
    }

    /// The wait after an answer (`failures` 0) or after the `failures`-th failure in a row; `unit` is a random number
    /// in [0, 1): the wait is uniform in [d/2, d) for the backoff d ("equal jitter"), never shorter than half of it.
    public func delay(failures: Int, unit: Double) -> TimeInterval {
        guard failures > 0 else { return interval }
        let d = min(maximum, interval * pow(2, Double(min(failures, 40))))
        return d / 2 + d / 2 * min(max(unit, 0), 0.999_999)
    }
}
