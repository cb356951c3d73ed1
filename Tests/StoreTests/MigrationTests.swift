import Foundation
import Model
@testable import Store
import Testing
import TestSupport

@Suite struct MigrationTests {
    private func userVersion(_ store: Store) throws -> Int64 {
        try store.withDatabase { db in try db.int("PRAGMA user_version") ?? -1 }
    }

    @Test func aFreshStoreHasEveryStepRecorded() throws {
        let t = try TestStore()
        #expect(try userVersion(t.store) == Int64(Migrations.latest))
        let recorded = try t.store.withDatabase { db in
            try db.rows("SELECT version, name FROM migrations ORDER BY version") { "\($0.int(0)) \($0.text(1))" }
        }
        #expect(recorded == Migrations.all.map { "\($0.version) \($0.name)" })
        #expect(try t.store.withDatabase { db in try db.int("PRAGMA application_id") } == Int64(Migrations.applicationID))
    }

    private func demoEvents(_ n: Int) throws -> [Event] {
        var events: [Event] = []
        try DemoProvince(seed: 5, scale: 1, now: date(t0)).generate { if events.count < n { events.append($0) } }
        return events
    }

    /// A version-1 file held only the event log; upgrading builds the state tables from it.
    @Test func upgradingAVersionOneFileFoldsItsEvents() throws {
        let events = try demoEvents(3000)
        let dir = TemporaryDirectory()
        let path = dir.file("v1.db")
        let clock = ManualClock()
        let old = try Store.create(path: path, office: 140000, officeName: "省厅", operatorName: "op", clock: clock,
                                   options: OpenOptions(migrations: Array(Migrations.all.prefix(1))))
        try old.withDatabase { db in
            try db.inTransaction { for e in events { _ = try Folder(db: db).insert(e) } }
        }
        #expect(try userVersion(old) == 1)
        old.close()

        // Read-only cannot migrate, and says so.
        #expect(throws: StoreError.self) { _ = try Store.open(path: path, clock: clock, readOnly: true) }

        let upgraded = try Store.open(path: path, clock: clock)
        defer { upgraded.close() }
        #expect(try userVersion(upgraded) == Int64(Migrations.latest))
        #expect(try upgraded.check().isEmpty)
        #expect(try upgraded.withDatabase { db in try db.int("SELECT count(*) FROM migrations") } == Int64(Migrations.latest))
        let reference = try foldedState(events)
        #expect(try stateDump(upgraded) == reference.dump)
    }

    @Test func upgradingAVersionTwoFileAddsIndexesAndKeepsState() throws {
        let events = try demoEvents(2000)
        let dir = TemporaryDirectory()
        let path = dir.file("v2.db")
        let clock = ManualClock()
        let old = try Store.create(path: path, office: 140000, officeName: "省厅", operatorName: "op", clock: clock,
                                   options: OpenOptions(migrations: Array(Migrations.all.prefix(2))))
        try old.ingest(events)
        try old.record(.acknowledge(alertID: "local"))
        let before = try stateDump(old)
        old.close()
        let upgraded = try Store.open(path: path, clock: clock)
        defer { upgraded.close() }
        #expect(try userVersion(upgraded) == Int64(Migrations.latest))
        #expect(try stateDump(upgraded) == before)
        #expect(try upgraded.outboxDepth() == 1)
        var q = AlertQuery()
        q.levels = [.red]
        #expect(try upgraded.queryPlan(q).contains("alerts_level_sent"))
    }

    /// Version 3 kept a movements table clustered by line; the upgrade re-keys it (v5), then drops it (v6) for the
    /// log, and the state, the checked invariants and later movements all stay right.
    @Test func upgradingAVersionThreeFileDropsTheMovementsCopyAndKeepsState() throws {
        let events = try demoEvents(4000)
        let dir = TemporaryDirectory()
        let path = dir.file("v3.db")
        let clock = ManualClock()
        let old = try Store.create(path: path, office: 140000, officeName: "省厅", operatorName: "op", clock: clock,
                                   options: OpenOptions(migrations: Array(Migrations.all.prefix(3))))
        try old.ingest(events)
        // Today's fold no longer writes the copy; fill it from the log as a version-3 binary did.
        try old.withDatabase { db in
            var rows: [(Int64, StockMovement)] = []
            try db.forEach("SELECT id, payload FROM events WHERE kind = 'stock'", []) { r in
                if case .stock(let m) = try EventCodec.decodePayload(r.blob(1)) { rows.append((r.int(0), m)) }
            }
            for (event, m) in rows {
                try db.run("INSERT INTO movements(depot, item, event, delta, kind, transfer) VALUES (?, ?, ?, ?, ?, ?)",
                           m.depot, m.item, event, m.delta, m.kind.rawValue, m.transfer)
            }
        }
        let before = try stateDump(old)
        let movements = try old.withDatabase { db in try db.int("SELECT count(*) FROM movements") }
        #expect((movements ?? 0) > 100)
        old.close()
        let upgraded = try Store.open(path: path, clock: clock)
        defer { upgraded.close() }
        #expect(try userVersion(upgraded) == Int64(Migrations.latest))
        #expect(try stateDump(upgraded) == before)
        #expect(try upgraded.check().isEmpty)
        #expect(try stateDump(upgraded) == (try foldedState(events)).dump)
        let tables = try upgraded.withDatabase { db in try db.int("SELECT count(*) FROM sqlite_master WHERE name = 'movements'") }
        #expect(tables == 0)
        #expect(try upgraded.stats().movements == movements.map { Int($0) })
        // New movements still fold after the upgrade.
        var all = StockQuery()
        all.limit = 100_000
        // A line at one of this office's own depots: its write policy refuses the others'.
        let line = try #require(try upgraded.stock(all).first { $0.depot.owner == upgraded.identity.office })
        try upgraded.moveStock(depot: line.depot.id, item: line.item.id, kind: .receive, quantity: 3, reason: "test")
        #expect(try upgraded.check().isEmpty)
    }

    /// A file at the step before the one clock index (its events folded, a late count among them) upgrades to a single
    /// `events_clock` on the wall time, keeps its state, and folds a later late count as a fresh file does.
    @Test func upgradingToOneClockIndexKeepsStateAndLateCounts() throws {
        let events = try demoEvents(2500)
        let dir = TemporaryDirectory()
        let path = dir.file("v13.db")
        let clock = ManualClock()
        // Every step before it (later steps would leave the file past its version, and it would never run).
        let before = Array(Migrations.all.prefix { $0.name != "one clock index on events" })
        let old = try Store.create(path: path, office: 140000, officeName: "省厅", operatorName: "op", clock: clock,
                                   options: OpenOptions(migrations: before))
        try old.ingest(events)
        let state = try stateDump(old)
        old.close()
        let upgraded = try Store.open(path: path, clock: clock)
        defer { upgraded.close() }
        #expect(try userVersion(upgraded) == Int64(Migrations.latest))
        #expect(try stateDump(upgraded) == state)
        let indexes = try upgraded.withDatabase { db in
            try db.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name LIKE 'events%clock'") { "\($0.text(0)): \($0.text(1))" }
        }
        #expect(indexes == ["events_clock: CREATE INDEX events_clock ON events(hlc_wall)"])
        // A count stamped before movements already folded: read back through the new index, as in a fresh file.
        let line = try #require(try upgraded.stock(StockQuery()).first { $0.line.quantity > 0 })
        let early = events.first { if case .stock = $0.payload { return true } else { return false } }!.hlc
        var f = EventFactory(office: line.depot.owner, device: 0xC0C0)
        let late = f.make(early.wall + 1, .stock(StockMovement(depot: line.depot.id, item: line.item.id, delta: 0,
                                                              kind: .countAdjust, reason: "盘点", observed: 7)))
        try upgraded.ingest([late])
        let fresh = try TestStore(office: 140000, officeName: "省厅")
        try fresh.store.ingest(events + [late])
        #expect(try stateDump(upgraded) == stateDump(fresh.store))
        #expect(try upgraded.check().isEmpty)
    }
}
