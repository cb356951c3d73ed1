import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// The central log pruned past the horizon (issue 8, item 8): a snapshot leaves out the stock entries a line's
/// latest count subsumes, the pruner deletes them, and a movement that arrives late is still never lost.
@Suite struct StockPruneTests {
    static let depot = "D140121"

    @discardableResult static func count(_ o: TestOffice, _ observed: Int64) throws -> Event {
        try o.make(.stock(StockMovement(depot: depot, item: item, delta: 0, kind: .countAdjust, reason: "盘点", observed: observed)))
    }

    static func quantity(_ o: TestOffice) throws -> Int64? {
        var q = StockQuery(); q.depot = depot
        return try o.store.stock(q).first?.line.quantity
    }

    @Test func aPrunedLogBootstrapsTheSameLinesAndLateMovementsFoldByTheirClocks() throws {
        let centre = try TestCentre()
        let province = try TestOffice(140000, centre: centre)
        let county = try TestOffice(140121, centre: centre)
        // A second laptop of the county, offline from the start: its clock reads a little after the county's first
        // events, so its first issue is stamped before the count the county makes later.
        let laptop = try TestOffice(140121, centre: centre, clock: ManualClock(milliseconds: 1_772_352_000_000 + 5_000))
        try province.make(.fields(RecordRef(.item, item), ["name": "帐篷", "nameEN": "Tent", "category": "shelter", "uom": "顶", "uomEN": "tent"]))
        try county.depot(Self.depot)
        try county.stock(Self.depot, item, 100)
        for _ in 1...20 { try county.stock(Self.depot, item, -1) }
        // An office that synced here holds a cursor on an entry the pruner will delete.
        let watcher = try TestOffice(140100, centre: centre)
        for o in [province, county, watcher] { try o.sync() }
        let early = try laptop.make(.stock(StockMovement(depot: Self.depot, item: item, delta: -2, kind: .issue, reason: "离线")))
        let count = try Self.count(county, 70)
        #expect(early.hlc < count.hlc)
        try county.stock(Self.depot, item, -3)
        for o in [province, county] { try o.sync() }
        #expect(try centre.db.stockTotals()["\(Self.depot)|\(item)"] == 67)

        let head = try centre.db.head()
        let before = try centre.db.eventCount()
        // Everything but the newest entry, which pruning always keeps (its number must never be reused).
        let pruned = try centre.db.pruneLog(through: head)
        #expect(pruned == 21)  // the receipt and the 20 issues the count saw
        #expect(try centre.db.eventCount() == before - 21)
        #expect(centre.db.horizon == head - 1)

        // A new office bootstraps from the pruned log: the count and what follows it, nothing else.
        let city = try TestOffice(140100, centre: centre)
        let r = try city.sync()
        #expect(!r.epochChanged)
        #expect(try Self.quantity(city) == 67)
        #expect(try city.store.stats().movements == 2)
        // An office whose cursor is the horizon follows on; one whose cursor entry was pruned bootstraps again;
        // neither is told the centre was restored.
        #expect(try !county.sync().epochChanged)
        #expect(try !watcher.sync().epochChanged)
        #expect(try Self.quantity(watcher) == 67)
        #expect(try watcher.store.check().isEmpty)

        // The laptop comes back: its issue stamped before the count is subsumed (the counter saw it gone), the one
        // stamped after it comes off. Both reach every office; neither is lost or counted twice.
        laptop.clock.set(milliseconds: 1_772_352_000_000 + 120_000)
        let late = try laptop.make(.stock(StockMovement(depot: Self.depot, item: item, delta: -4, kind: .issue, reason: "离线")))
        #expect(late.hlc > count.hlc)
        let pushed = try laptop.sync()
        #expect(pushed.rejected.isEmpty && pushed.quarantined.isEmpty)
        #expect(try centre.db.stockTotals()["\(Self.depot)|\(item)"] == 63)
        for o in [province, county, city, laptop] {
            try o.sync()
            if o.code != 140000 { #expect(try Self.quantity(o) == 63, "office \(o.code)") }
            #expect(try o.store.check().isEmpty, "office \(o.code)")
        }
        // Pruning again (the early issue is now subsumed too) still bootstraps the same line.
        try centre.db.pruneLog(through: try centre.db.head())
        let city2 = try TestOffice(140100, centre: centre)
        try city2.sync()
        #expect(try Self.quantity(city2) == 63)
        #expect(try city2.store.check().isEmpty)
    }
}
