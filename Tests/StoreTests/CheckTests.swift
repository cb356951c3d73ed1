import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// `check` compares the stock state with the stock events in the log, so a line that drifted from its
/// movements is reported, whichever side is wrong.
@Suite struct CheckTests {
    private func store() throws -> TestStore {
        let t = try TestStore(office: 140100)
        var province = EventFactory(office: 140000)
        try t.store.ingest([
            province.make(t0, .fields(RecordRef(.depot, "D-140100"), Depot(id: "D-140100", name: "太原市级库", level: .city, region: 140100, owner: 140100).fields)),
            province.make(t0 + 1, .stock(StockMovement(depot: "D-140100", item: "tent-12", delta: 12, kind: .receive))),
            province.make(t0 + 2, .stock(StockMovement(depot: "D-140100", item: "tent-12", delta: -5, kind: .issue))),
            province.make(t0 + 3, .stock(StockMovement(depot: "D-140100", item: "rope", delta: 30, kind: .receive))),
        ])
        return t
    }

    @Test func aHealthyStoreHasNoProblemsAndCountsItsMovements() throws {
        let t = try store()
        #expect(try t.store.check() == [])
        #expect(try t.store.stats().movements == 3)
    }

    @Test func aLineThatDriftedFromItsEventsIsReported() throws {
        let t = try store()
        try t.store.withDatabase { db in
            try db.execute("UPDATE stock_lines SET quantity = 9 WHERE depot = 'D-140100' AND item = 'tent-12'")
        }
        #expect(try t.store.check() == ["stock D-140100/tent-12: quantity 9 but its 2 stock events sum to 7 (2 counted)"])
    }

    @Test func stockEventsWithoutALineAreReported() throws {
        let t = try store()
        try t.store.withDatabase { db in try db.execute("DELETE FROM stock_lines WHERE item = 'rope'") }
        #expect(try t.store.check() == ["stock D-140100/rope: stock events without a stock line"])
    }

    /// The connection enforces foreign keys after a batched ingest (a child row naming a missing event is refused),
    /// and `check` finds such a row when it got in with them off.
    @Test func aChildRowWithoutItsEventIsReportedAndIngestLeavesForeignKeysOn() throws {
        let t = try store()
        #expect(try t.store.withDatabase { db in try db.int("PRAGMA foreign_keys") } == 1)
        #expect(throws: StoreError.self) {
            try t.store.withDatabase { db in
                try db.execute("INSERT INTO event_alerts(alert, event) VALUES ('a', 999999)")
            }
        }
        try t.store.withDatabase { db in
            try db.execute("PRAGMA foreign_keys = OFF")
            try db.execute("INSERT INTO event_alerts(alert, event) VALUES ('a', 999999)")
            try db.execute("PRAGMA foreign_keys = ON")
        }
        #expect(try t.store.check() == ["foreign key: row 0 of event_alerts cites a missing events row"])
    }
}
