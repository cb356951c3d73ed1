import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// The fold's batch bookkeeping: what a batch writes once must equal what one event at a time writes.
@Suite struct FoldTests {
    @Test func hlcSortKeyIsItsDescription() {
        let samples: [HLC] = [
            .zero, HLC(wall: t0, counter: 0, node: 1), HLC(wall: t0, counter: 7, node: 0xAB00_0000_0001_1234),
            HLC(wall: 0xFFFF_FFFF_FFFF, counter: .max, node: .max), HLC(wall: 0x1_0000_0000_0000, counter: 1, node: 2),
            HLC(wall: -1, counter: 3, node: 4), HLC(wall: .max, counter: 0x10, node: 0x10),
        ]
        for h in samples { #expect(h.sortKey == h.description) }
    }

    /// Batch size 1 flushes after every event, which is the row-by-row fold; larger batches gather unit
    /// statuses, responding counts, acknowledgments and stock in memory. Every size must give the same state.
    @Test(arguments: [7, 500, 5000]) func batchesFoldLikeSingleEvents(batchSize: Int) throws {
        var events: [Event] = []
        try DemoProvince(seed: 11, scale: 1, now: date(t0)).generate { events.append($0) }
        events = Array(events.prefix(6000))
        // Out of order too, so last-writer-wins and stubs are exercised within one batch.
        var rng = SeededGenerator(seed: 3)
        events.shuffle(using: &rng)
        let one = try foldedState(events, batchSize: 1)
        let batched = try foldedState(events, batchSize: batchSize)
        #expect(one.problems.isEmpty)
        #expect(batched.problems.isEmpty)
        #expect(batched.dump == one.dump)
    }

    /// A unit status for an alert not yet known makes a stub alert row, even if a later status in the same
    /// batch moves the unit on: exactly what folding one event at a time does.
    @Test func aServedAlertStubSurvivesALaterStatusInTheSameBatch() throws {
        var f = EventFactory(office: 140121)
        let events = [
            f.make(t0 + 1, .unitStatus(unitID: "U1", status: .dispatched, alertID: "A-unknown")),
            f.make(t0 + 2, .unitStatus(unitID: "U1", status: .available, alertID: nil)),
            f.make(t0 + 3, .unitStatus(unitID: "U2", status: .onScene, alertID: "A-other")),
        ]
        let one = try foldedState(events, batchSize: 1)
        let batched = try foldedState(events, batchSize: 100)
        #expect(batched.dump == one.dump)
        #expect(batched.problems.isEmpty)
        #expect(batched.dump.contains("'A-unknown'|0|"), "stub row for the first alert")
    }
}
