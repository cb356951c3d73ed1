import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// The four panes' queries over a demo province, and their plans.
@Suite struct QueryTests {
    /// One demo year (scale 1), "now" at its end.
    private func demo() throws -> TestStore {
        let clock = ManualClock(milliseconds: t0)
        let t = try TestStore(office: 140000, officeName: "省厅", clock: clock)
        var batch: [Event] = []
        try DemoProvince(seed: 2026, scale: 1, now: date(t0)).generate { batch.append($0) }
        try t.store.ingest(batch)
        return t
    }

    @Test func panesFilterAndSort() throws {
        let t = try demo()
        #expect(try t.store.check().isEmpty)
        let stats = try t.store.stats()
        #expect(stats.events > 10_000 && stats.alerts > 100 && stats.units > 100 && stats.drills > 10)

        var q = AlertQuery()
        q.levels = [.red, .orange]
        q.limit = 50
        let severe = try t.store.alerts(q)
        #expect(severe.count > 1 && severe.count <= 50)
        #expect(severe.allSatisfy { ($0.level ?? .blue) <= .orange })
        #expect(severe.map { $0.level ?? .blue } == severe.map { $0.level ?? .blue }.sorted())

        q = AlertQuery()
        q.region = 140100
        q.sort = .newest
        let taiyuan = try t.store.alerts(q)
        #expect(taiyuan.count > 1)
        #expect(taiyuan.allSatisfy { $0.areas.contains { Region.isWithin($0, 140100) || Region.isWithin(140100, $0) } })
        #expect(taiyuan.map(\.sent) == taiyuan.map(\.sent).sorted(by: >))

        q = AlertQuery()
        q.activeOnly = true
        q.limit = 1000
        let active = try t.store.alerts(q)
        #expect(!active.isEmpty && active.allSatisfy { $0.state.isActive })
        let counts = try t.store.activeAlertCounts()
        #expect(counts.values.reduce(0, +) == active.count)

        q = AlertQuery()
        q.states = [.cancelled]
        let cancelled = try t.store.alerts(q)
        #expect(!cancelled.isEmpty && cancelled.allSatisfy { $0.state == .cancelled })
        q = AlertQuery()
        q.text = "暴雨"
        let rain = try t.store.alerts(q)
        #expect(!rain.isEmpty && rain.allSatisfy { $0.headline.contains("暴雨") || $0.areaDesc.contains("暴雨") })

        var u = UnitQuery()
        u.statuses = [.available, .standby]
        u.sort = .name
        let units = try t.store.units(u)
        #expect(!units.isEmpty && units.allSatisfy { $0.status == .available || $0.status == .standby })
        u = UnitQuery()
        u.region = 140100
        let taiyuanUnits = try t.store.units(u)
        #expect(!taiyuanUnits.isEmpty && taiyuanUnits.allSatisfy { Region.isWithin($0.homeRegion, 140100) })

        var s = StockQuery()
        s.belowMinimumOnly = true
        let short = try t.store.stock(s)
        #expect(short.count > 1 && short.allSatisfy { $0.line.quantity < $0.line.minimum })
        let fills = short.map { Double($0.line.quantity) / Double($0.line.minimum) }
        #expect(fills == fills.sorted())
        s = StockQuery()
        s.depotLevels = [.city]
        s.categories = [.food]
        let cityFood = try t.store.stock(s)
        #expect(!cityFood.isEmpty && cityFood.allSatisfy { $0.depot.level == .city && $0.item.category == .food })

        var d = DrillQuery()
        d.from = date(t0)
        let upcoming = try t.store.drills(d)
        #expect(upcoming.count > 1 && upcoming.allSatisfy { $0.start >= date(t0) })
        #expect(upcoming.map(\.start) == upcoming.map(\.start).sorted())
    }

    /// Sorted by kind, units come in catalogue order (fire and rescue first … military last), then by name.
    @Test func unitsSortByKindInCatalogueOrder() throws {
        let t = try demo()
        var u = UnitQuery()
        u.sort = .kind
        u.limit = 10_000
        let units = try t.store.units(u)
        #expect(Set(units.map(\.kind)).count == UnitKind.allCases.count)
        let rank = Dictionary(uniqueKeysWithValues: UnitKind.allCases.enumerated().map { ($1, $0) })
        let keys = units.map { (rank[$0.kind]!, $0.name) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(units.first?.kind == .fireRescue && units.last?.kind == .military)
        // Paged: the second page continues where the first ended.
        u.limit = 50
        u.offset = 50
        #expect(try t.store.units(u).map(\.id) == units[50..<100].map(\.id))
        try t.store.withDatabase { db in try db.execute("ANALYZE") }
        u.offset = 0
        #expect(try t.store.queryPlan(u).contains("units_kind_rank"))
    }

    /// No pane query reads the event log, and filtered ones reach their table through an index.
    @Test func queryPlansUseIndexes() throws {
        let t = try demo()
        try t.store.withDatabase { db in try db.execute("ANALYZE") }
        var plans: [(String, String)] = []
        var a = AlertQuery(); a.levels = [.red, .orange]; plans.append(("alerts by level", try t.store.queryPlan(a)))
        a = AlertQuery(); a.activeOnly = true; plans.append(("alerts active", try t.store.queryPlan(a)))
        a = AlertQuery(); a.region = 140100; a.sort = .newest; plans.append(("alerts in region", try t.store.queryPlan(a)))
        a = AlertQuery(); a.sentFrom = date(t0 - 86_400_000); a.sort = .oldest; plans.append(("alerts since", try t.store.queryPlan(a)))
        var u = UnitQuery(); u.kinds = [.fireRescue]; plans.append(("units by kind", try t.store.queryPlan(u)))
        u = UnitQuery(); u.statuses = [.available]; u.sort = .status; plans.append(("units by status", try t.store.queryPlan(u)))
        u = UnitQuery(); u.kinds = [.fireRescue]; u.sort = .status
        let kindByStatus = try t.store.queryPlan(u)
        #expect(kindByStatus.contains("units_kind_status") && !kindByStatus.contains("TEMP B-TREE"), "\(kindByStatus)")
        a = AlertQuery(); a.text = "暴雨"
        #expect(try t.store.queryPlan(a).contains("alerts_level_sent"))
        // Every message imported asks which quarantined ones wait for it: never by reading the whole quarantine.
        #expect(try t.store.parkedQueryPlan().contains("alert_quarantine_waiting"))
        var s = StockQuery(); s.belowMinimumOnly = true; plans.append(("stock below minimum", try t.store.queryPlan(s)))
        s = StockQuery(); s.depot = "D140100"; s.sort = .depot; plans.append(("stock of a depot", try t.store.queryPlan(s)))
        s = StockQuery(); s.item = "tent-12"; s.sort = .item; plans.append(("stock of an item", try t.store.queryPlan(s)))
        s = StockQuery(); s.expiringWithinDays = 30; s.sort = .expiry; plans.append(("stock expiring", try t.store.queryPlan(s)))
        var d = DrillQuery(); d.from = date(t0); plans.append(("drills upcoming", try t.store.queryPlan(d)))
        let bigTables = ["events", "record_fields", "acks", "alert_messages"]
        let paneTables = ["alerts a", "units u", "stock_lines l", "drills d"]
        for (name, plan) in plans {
            for table in bigTables {
                #expect(!plan.contains("SCAN \(table)"), "\(name) scans \(table):\n\(plan)")
            }
            for line in plan.split(separator: "\n") where paneTables.contains(where: { line.contains("SCAN \($0)") }) {
                #expect(line.contains("USING"), "\(name) scans a whole table:\n\(plan)")
            }
            #expect(plan.contains("INDEX"), "\(name):\n\(plan)")
        }
    }
}
