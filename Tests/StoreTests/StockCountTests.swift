import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// A count is an observation at its time (issue 8, item 8): a line is its latest count (by HLC) plus the movements
/// stamped after it, at the office and at the centre, whatever order the events arrive in.
@Suite struct StockCountTests {
    static let depot = "D140121", item = "tent-12"
    static let t = t0 + 3_600_000

    static func movement(_ delta: Int64, _ kind: MovementKind) -> EventPayload {
        .stock(StockMovement(depot: depot, item: item, delta: delta, kind: kind, reason: "test"))
    }

    /// A count as `countStock` records it: the observation, and a delta against the counter's view (audit only).
    static func count(_ observed: Int64, seenOnHand: Int64) -> EventPayload {
        .stock(StockMovement(depot: depot, item: item, delta: observed - seenOnHand, kind: .countAdjust,
                             reason: "盘点", observed: observed))
    }

    /// Each event from its own device, so the centre takes them in any order (one device's events are gap-free).
    static func event(_ office: RegionCode, device: UInt64, wall: Int64, counter: UInt32 = 0, _ p: EventPayload) -> Event {
        var f = EventFactory(office: office, device: device)
        return f.make(wall, p, counter: counter)
    }

    /// The depot and item, and 100 received well before anything else.
    static let setup: [Event] = [
        event(140121, device: 0xA1, wall: t0, .fields(RecordRef(.depot, depot), ["name": "清徐县库", "level": "county", "region": "140121"])),
        event(140000, device: 0xA2, wall: t0, .fields(RecordRef(.item, item), ["name": "帐篷", "category": "shelter", "uom": "顶"])),
        event(140121, device: 0xA3, wall: t0 + 1, movement(100, .receive)),
    ]

    /// The line's quantity and count row after folding `events` in this order, one batch per event or all in one.
    static func officeLine(_ events: [Event], batchSize: Int) throws -> (quantity: Int64, dump: String, problems: [String]) {
        let s = try TestStore(office: 140000, officeName: "省厅")
        try s.store.ingest(events, batchSize: batchSize)
        let q = try s.store.withDatabase { db in
            try db.int("SELECT quantity FROM stock_lines WHERE depot = ? AND item = ?", depot, item)
        }
        let counts = try s.store.withDatabase { db in
            try db.rows("SELECT * FROM stock_counts ORDER BY depot, item") { r in
                (0..<r.columnCount).map { r.describe($0) }.joined(separator: "|")
            }
        }
        return (try #require(q), try stateDump(s.store) + counts.joined(separator: "\n"), try s.store.check())
    }

    /// The centre's total for the line after applying `events` in this order.
    static func centreLine(_ events: [Event]) throws -> Int64? {
        let dir = TemporaryDirectory(prefix: "dutydesk-central")
        let c = try CentralDatabase.create(path: dir.file("c.db"))
        defer { c.close() }
        for e in events {
            _ = try c.apply([e]) { _, _ in .accept(CentralScope(kind: .everyone, owner: e.office)) }
        }
        return try c.stockTotals()["\(depot)|\(item)"]
    }

    static func ruleQuantity(_ events: [Event]) -> Int64 {
        StockRule.quantity(of: events.compactMap { e -> (hlc: HLC, movement: StockMovement)? in
            if case .stock(let m) = e.payload { return (e.hlc, m) }
            return nil
        })
    }

    @Test func aCountIsTheShelvesAtItsTimeWhateverArrivesLater() throws {
        let count = Self.event(140121, device: 0xC1, wall: Self.t, Self.count(500, seenOnHand: 100))
        let issueBefore = Self.event(140121, device: 0xC2, wall: Self.t - 1, Self.movement(-5, .issue))
        let issueAfter = Self.event(140121, device: 0xC3, wall: Self.t + 1, Self.movement(-5, .issue))
        // The issue stamped before the count arrives after it: the counter already saw it gone.
        #expect(try Self.officeLine(Self.setup + [count, issueBefore], batchSize: 1).quantity == 500)
        #expect(try Self.centreLine(Self.setup + [count, issueBefore]) == 500)
        // The issue stamped after the count comes off it.
        #expect(try Self.officeLine(Self.setup + [count, issueAfter], batchSize: 1).quantity == 495)
        #expect(try Self.centreLine(Self.setup + [count, issueAfter]) == 495)
        // And a count made concurrently with an issue elsewhere is not turned into 495 by a stale view.
        #expect(try Self.officeLine(Self.setup + [issueBefore, count], batchSize: 1).quantity == 500)
    }

    /// Every order of {count, issue before it, issue after it, a second concurrent count}: one event per batch
    /// and all in one batch, at the office and at the centre, all agree with the rule (and `check` passes).
    @Test func everyArrivalOrderFoldsToTheSameLine() throws {
        let events = [
            Self.event(140121, device: 0xC1, wall: Self.t, Self.count(500, seenOnHand: 100)),
            Self.event(140121, device: 0xC2, wall: Self.t - 1, Self.movement(-5, .issue)),
            Self.event(140121, device: 0xC3, wall: Self.t + 1, Self.movement(-5, .issue)),
            // Same wall time at another desk: the clock's counter and node order the two counts.
            Self.event(140121, device: 0xC4, wall: Self.t, counter: 1, Self.count(498, seenOnHand: 100)),
        ]
        let expected = Self.ruleQuantity(Self.setup + events)
        #expect(expected == 493)  // the later count (498) minus the issue after it
        let orders = permutations(events)
        #expect(orders.count == 24)
        let reference = try Self.officeLine(Self.setup + events, batchSize: 1)
        for order in orders {
            for size in [1, 100] {
                let office = try Self.officeLine(Self.setup + order, batchSize: size)
                #expect(office.quantity == expected, "order \(order.map(\.id.device)), batch \(size)")
                #expect(office.problems.isEmpty, "\(office.problems)")
                #expect(office.dump == reference.dump)
            }
            #expect(try Self.centreLine(Self.setup + order) == expected, "centre, order \(order.map(\.id.device))")
        }
    }

    /// Recorded through the actions on two laptops of the depot's office (only a line's owner writes it) and
    /// exchanged by ingest both ways: the count and the issue made concurrently end at the count minus nothing (the
    /// issue was stamped first) on both.
    @Test func aConcurrentCountAndIssueConvergeAtBothOffices() throws {
        let clock = ManualClock()
        let county = try TestStore(office: 140121, officeName: "清徐县", clock: clock)
        let field = try TestStore(office: 140121, officeName: "清徐县", clock: clock)
        try county.store.ingest(Self.setup)
        try field.store.ingest(Self.setup)
        clock.advance(milliseconds: 1_000)
        let issue = try field.store.record(Self.movement(-5, .issue))
        clock.advance(milliseconds: 1_000)
        let count = try county.store.countStock(depot: Self.depot, item: Self.item, observed: 500, reason: "盘点")
        try county.store.ingest([issue])
        try field.store.ingest([count])
        var q = StockQuery(); q.depot = Self.depot
        for s in [county.store, field.store] {
            #expect(try s.stock(q).first?.line.quantity == 500)
            #expect(try s.check().isEmpty)
        }
    }

    @Test func checkFindsALineThatIsNotItsCountPlusLaterMovements() throws {
        let s = try TestStore(office: 140000, officeName: "省厅")
        try s.store.ingest(Self.setup + [
            Self.event(140121, device: 0xC1, wall: Self.t, Self.count(500, seenOnHand: 100)),
            Self.event(140121, device: 0xC3, wall: Self.t + 1, Self.movement(-5, .issue)),
        ])
        #expect(try s.store.check().isEmpty)
        _ = try s.store.withDatabase { db in try db.run("UPDATE stock_lines SET quantity = 490") }
        let problems = try s.store.check()
        #expect(problems.contains { $0.contains("quantity 490 but its latest count 500") && $0.contains("plus -5 after it make 495") },
                "\(problems)")
        try s.store.withDatabase { db in
            try db.run("UPDATE stock_lines SET quantity = 495")
            try db.run("UPDATE stock_counts SET after_count = 0")
        }
        #expect(try s.store.check() == ["stock \(Self.depot)/\(Self.item): the count row does not match the latest count in the log"])
    }

    /// A count that arrives after movements stamped later than it reads them back through the one clock index
    /// (migration 16 dropped the partial stock one): never a walk of the rowid range, which at a million events
    /// reads the whole log. The folded result of that path is `everyArrivalOrderFoldsToTheSameLine`'s.
    @Test func aLateCountReadsLaterMovementsThroughTheClockIndex() throws {
        let s = try TestStore(office: 140000, officeName: "省厅")
        let plan = try s.store.withDatabase { db in
            let folder = Folder(db: db)
            #expect(try folder.clockIndex() == .wall)
            return try db.rows("EXPLAIN QUERY PLAN " + LineLedger.lateMovementsSQL(try folder.clockIndex()), [Int64(0), Int64(1)]) {
                $0.text(3)
            }.joined(separator: "\n")
        }
        #expect(plan.contains("USING INDEX events_clock (hlc_wall>?)"), "\(plan)")
        #expect(!plan.contains("SCAN events"), "\(plan)")
        #expect(!plan.contains("INTEGER PRIMARY KEY"), "\(plan)")
    }
}
