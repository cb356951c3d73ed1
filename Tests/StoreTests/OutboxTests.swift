import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// The sync queue, ingest and the clock.
@Suite struct OutboxTests {
    @Test func localEventsQueueUntilAcknowledged() throws {
        let t = try TestStore()
        var recorded: [Event] = []
        for i in 0..<5 { recorded.append(try t.store.record(.acknowledge(alertID: "A\(i)"))) }
        #expect(recorded.map(\.id.seq) == [1, 2, 3, 4, 5])
        #expect(try t.store.outboxDepth() == 5)
        #expect(try t.store.pendingEvents(limit: 100) == recorded)
        #expect(try t.store.pendingEvents(after: 3, limit: 1) == [recorded[3]])
        try t.store.acknowledgeOutbox(through: 3)
        #expect(try t.store.pendingEvents(limit: 100) == Array(recorded[3...]))
        #expect(try t.store.check().isEmpty)
        let next = try t.store.record(.acknowledge(alertID: "A9"))
        #expect(next.id.seq == 6)
        try t.store.acknowledgeOutbox(through: 6)
        #expect(try t.store.outboxDepth() == 0)
        #expect(try t.store.check().isEmpty)
        #expect(try count(t.store, "events") == 6, "acknowledging never removes events")
    }

    /// The central store lost some of our history: requeueing puts the events back and `check` agrees with the
    /// outbox, whether the centre is behind the acknowledged mark or (stale news) ahead of it.
    @Test func requeueAndCheckAgree() throws {
        let t = try TestStore()
        for i in 0..<10 { try t.store.record(.acknowledge(alertID: "A\(i)")) }
        try t.store.acknowledgeOutbox(through: 6)
        #expect(try t.store.outboxDepth() == 4)

        try t.store.requeueOutbox(after: 3)
        #expect(try t.store.pendingEvents(limit: 100).map(\.id.seq) == Array(4...10))
        #expect(try t.store.meta(MetaKey.outboxAcknowledged) == "3")
        #expect(try t.store.check().isEmpty)

        // Above the mark: seq 4…8 were never acknowledged and are still queued, so the mark stays.
        try t.store.requeueOutbox(after: 8)
        #expect(try t.store.pendingEvents(limit: 100).map(\.id.seq) == Array(4...10))
        #expect(try t.store.meta(MetaKey.outboxAcknowledged) == "3")
        #expect(try t.store.check().isEmpty)

        try t.store.requeueOutbox(after: 0)
        #expect(try t.store.outboxDepth() == 10)
        #expect(try t.store.check().isEmpty)
        try t.store.acknowledgeOutbox(through: 10)
        #expect(try t.store.outboxDepth() == 0)
        #expect(try t.store.check().isEmpty)
    }

    @Test func ingestIsIdempotentAndNeverQueues() throws {
        let t = try TestStore()
        var other = EventFactory(office: 140121)
        let events = (0..<20).map { other.make(t0 + Int64($0), .acknowledge(alertID: "X\($0 % 4)")) }
        #expect(try t.store.ingest(events, batchSize: 7) == 20)
        #expect(try t.store.ingest(events, batchSize: 3) == 0)
        #expect(try t.store.outboxDepth() == 0)
        #expect(try count(t.store, "events") == 20)
        #expect(try t.store.check().isEmpty)
    }

    @Test func ingestCommitsMetaWithTheLastBatch() throws {
        let t = try TestStore()
        var other = EventFactory(office: 140121)
        let events = (0..<10).map { other.make(t0 + Int64($0), .acknowledge(alertID: "X")) }
        try t.store.setMeta("sync.old", "1")
        #expect(try t.store.ingest(events, batchSize: 4, meta: ["sync.cursor": "10", "sync.old": nil]) == 10)
        #expect(try t.store.meta("sync.cursor") == "10")
        #expect(try t.store.meta("sync.old") == nil)
        // Nothing new still moves the cursor.
        #expect(try t.store.ingest([Event](), batchSize: 4, meta: ["sync.cursor": "11"]) == 0)
        #expect(try t.store.meta("sync.cursor") == "11")
    }

    @Test func remoteClocksAdvanceOursButAFarFutureOneDoesNot() throws {
        let t = try TestStore()
        let now = t.clock.nowMilliseconds()
        var peer = EventFactory(office: 140121)
        try t.store.ingest([peer.make(now + 60_000, .acknowledge(alertID: "near"))])
        #expect(t.store.lastHLC().wall == now + 60_000)
        let local = try t.store.record(.acknowledge(alertID: "mine"))
        #expect(local.hlc > HLC(wall: now + 60_000, counter: 0, node: peer.device))

        let farAhead = peer.make(now + 30 * 86_400_000, .acknowledge(alertID: "far"))
        #expect(try t.store.ingest([farAhead]) == 1, "the event is kept")
        #expect(t.store.lastHLC().wall == now + 60_000, "our clock was not dragged forward")
        t.clock.advance(by: 600)
        let later = try t.store.record(.acknowledge(alertID: "later"))
        #expect(later.hlc.wall == t.clock.nowMilliseconds())
    }

    @Test func theClockSurvivesAReopenEvenIfTheWallClockStepsBack() throws {
        let t = try TestStore()
        let first = try t.store.record(.acknowledge(alertID: "A"))
        t.clock.advance(by: -3600)
        let reopened = try t.reopen()
        defer { reopened.close() }
        let second = try reopened.record(.acknowledge(alertID: "B"))
        #expect(second.hlc > first.hlc)
        #expect(second.id.seq == 2)
    }

    @Test func dataVersionMovesWhenAnotherConnectionCommits() throws {
        let t = try TestStore()
        let watcher = try Store.open(path: t.path, clock: t.clock)
        defer { watcher.close() }
        let before = try watcher.dataVersion()
        try t.store.record(.acknowledge(alertID: "A"))
        #expect(try watcher.dataVersion() != before)
    }

    /// Four threads of one process sharing one `Store` (one connection). Separate processes on one file are a
    /// different guarantee, tested with real processes elsewhere.
    @Test func threadsOfOneProcessSharingOneStoreQueueEveryWrite() throws {
        let t = try TestStore()
        let store = t.store
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<25 {
                do { try store.record(.acknowledge(alertID: "W\(worker)-\(i)")) } catch { failures.add("\(worker)-\(i): \(error)") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try store.outboxDepth() == 100)
        #expect(try store.pendingEvents(limit: 1000).map(\.id.seq) == Array(1...100), "one gap-free sequence")
        #expect(try store.check().isEmpty)
    }
}

/// Errors collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
