import Foundation
import Store

/// The sync state the console's status bar shows at a glance.
public struct SyncStatusSnapshot: Sendable, Equatable {
    /// The last attempt reached the centre.
    public var online = false
    /// Local events not yet acknowledged by the centre.
    public var waiting = 0
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    /// One line, from the last failed attempt; nil once an attempt succeeds.
    public var lastError: String?
    public var consecutiveFailures = 0
    /// When the next attempt is due.
    public var nextAttempt: Date?
    /// Rejections the centre sent back since start (an operator should look at them).
    public var rejectedTotal = 0
    /// The centre's clock minus this machine's at the last sync, when they are far enough apart to warn.
    public var clockOffWarning: Int64?
    public init() {}
}

/// Retry timing when the link is down: exponential from `initial`, capped at `maximum`, with jitter so a
/// province's worth of laptops do not retry in step.
public struct SyncBackoff: Sendable {
    public var initial: Double = 2
    public var maximum: Double = 300
    /// The delay is scaled by a random factor in `1 - jitter ... 1`.
    public var jitter: Double = 0.5
    public init(initial: Double = 2, maximum: Double = 300, jitter: Double = 0.5) {
        self.initial = initial; self.maximum = maximum; self.jitter = jitter
    }

    /// Delay after `failures` consecutive failures (≥ 1), given a random number in 0..<1.
    public func delay(afterFailures failures: Int, random: Double) -> Double {
        let raw = min(maximum, initial * pow(2, Double(max(0, failures - 1))))
        return raw * (1 - jitter * random)
    }
}

/// Runs `SyncClient.syncOnce` on a background thread every `interval` seconds while the link works, backing
/// off when it does not; `triggerNow` runs a cycle at once (after a local change, or a key press).
///
/// Time is injected: `now` stamps the status, `random` draws the jitter, and `step()` runs one attempt and
/// returns the delay before the next, so tests drive it without sleeping.
public final class BackgroundSync: @unchecked Sendable {
    private let client: SyncClient
    private let backoff: SyncBackoff
    private let now: @Sendable () -> Date
    private let random: @Sendable () -> Double
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var snapshot = SyncStatusSnapshot()
    private var interval: Double = 30
    private var triggered = false
    private var running = false
    private var thread: Thread?

    public init(client: SyncClient, interval: Double = 30, backoff: SyncBackoff = SyncBackoff(),
                now: @escaping @Sendable () -> Date = { Date() },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.client = client
        self.interval = max(0.05, interval)
        self.backoff = backoff
        self.now = now
        self.random = random
        if let waiting = try? client.store.outboxDepth() { snapshot.waiting = waiting }
    }

    deinit { stop() }

    /// The current status, callable from any thread; `waiting` is read live from the store (a count of a
    /// small table) so a change the operator just made shows at once.
    public var status: SyncStatusSnapshot {
        condition.lock()
        var s = snapshot
        condition.unlock()
        if let waiting = try? client.store.outboxDepth() { s.waiting = waiting }
        return s
    }

    /// Starts the loop (first attempt at once) at the interval given to `init`.
    public func start() {
        condition.lock()
        let interval = self.interval
        condition.unlock()
        start(interval: interval)
    }

    /// Starts the loop (first attempt at once). Calling it again changes the interval.
    public func start(interval: Double) {
        condition.lock()
        self.interval = max(0.05, interval)
        let alreadyRunning = running
        running = true
        condition.unlock()
        guard !alreadyRunning else { return }
        let t = Thread { [weak self] in self?.loop() }
        t.name = "dutydesk-sync"
        thread = t
        t.start()
    }

    /// Stops the loop after the attempt in flight, and closes the connection.
    public func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
        client.close()
    }

    /// Runs an attempt as soon as the current wait can be cut short.
    public func triggerNow() {
        condition.lock()
        triggered = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            let keepGoing = running
            condition.unlock()
            guard keepGoing else { return }
            let delay = step()
            condition.lock()
            let deadline = Date().addingTimeInterval(delay)
            while running && !triggered && condition.wait(until: deadline) {}
            triggered = false
            condition.unlock()
        }
    }

    /// One attempt: syncs, updates the status and returns seconds until the next attempt.
    @discardableResult
    public func step() -> Double {
        let started = now()
        let delay: Double
        var next = status
        next.lastAttempt = started
        do {
            let report = try client.syncOnce()
            next.online = true
            next.lastSuccess = now()
            next.lastError = nil
            next.consecutiveFailures = 0
            next.waiting = report.waiting
            next.rejectedTotal += report.rejected.count
            next.clockOffWarning = report.clockOffset.flatMap { abs($0) >= ClockCheck.warnMilliseconds ? $0 : nil }
            condition.lock()
            delay = interval
            condition.unlock()
        } catch {
            next.online = false
            next.lastError = (error as? SyncError)?.description ?? "\(error)"
            next.consecutiveFailures += 1
            if let waiting = try? client.store.outboxDepth() { next.waiting = waiting }
            delay = backoff.delay(afterFailures: next.consecutiveFailures, random: random())
        }
        next.nextAttempt = started.addingTimeInterval(delay)
        condition.lock()
        snapshot = next
        condition.unlock()
        return delay
    }
}
