import Foundation
import Model
import Screen
@testable import Store
import Testing
import TestSupport
@testable import Console

/// The duty shift's console actions: several units dispatched at once, search jumping to its pane, nearest stock
/// opening an issue for the alert, duty phones.
@Suite struct ShiftActionTests {
    func select(_ app: ConsoleApp, unit id: String) throws {
        _ = app.handle(.char("2"))
        let i = try #require(app.unitRows.firstIndex { $0.id == id })
        app.moveSelection(to: i)
    }

    @Test func markedUnitsAreDispatchedTogetherAndNotAvailableOnesNeedAYes() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.render(width: 160, height: 48)
        try select(app, unit: "U-MINE-1")   // standby
        _ = app.handle(.char("m"))
        try select(app, unit: "U-HELI-1")   // available
        _ = app.handle(.char("m"))
        _ = app.handle(.char("1"))          // the red rainstorm alert is selected
        _ = app.handle(.char("D"))
        let statuses = Dictionary(uniqueKeysWithValues: try f.store.units(UnitQuery()).map { ($0.id, $0) })
        #expect(statuses["U-MINE-1"]?.status == .dispatched && statuses["U-HELI-1"]?.status == .dispatched)
        #expect(statuses["U-MINE-1"]?.servingAlert == "晋气象-2026-0412")
        #expect(app.markedUnits.isEmpty)
        // Serving the alert already, or out of service: refused, nothing written.
        let before = try f.events()
        _ = app.execute("dispatch 晋气象-2026-0412")
        #expect(try f.events() == before)
    }

    @Test func searchFindsAcrossPanesAndEnterJumpsToThePane() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.render(width: 160, height: 48)
        _ = app.execute("search xishan")
        guard case .list(let view) = app.overlay, case .search(let hits) = view.purpose else {
            Issue.record("no search list"); return
        }
        #expect(hits.map(\.id) == ["U-MINE-1"])
        _ = app.handle(.enter)
        #expect(app.focus == .units && app.selectedUnit?.id == "U-MINE-1")
        _ = app.execute("搜索 low")
        guard case .list(let low) = app.overlay, case .search(let lines) = low.purpose else { Issue.record("no list"); return }
        #expect(lines.map(\.id) == ["D-TY|quilt"])
    }

    @Test func nearestStockOpensAnIssueForTheAlert() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.render(width: 160, height: 48)
        _ = app.execute("nearest tent")
        guard case .list(let view) = app.overlay, case .nearest(let alert, let rows) = view.purpose else {
            Issue.record("no nearest list"); return
        }
        #expect(alert == "晋气象-2026-0412" && rows.map(\.row.depot.id) == ["D-TY"])
        _ = app.handle(.enter)
        guard case .form(let form) = app.overlay else { Issue.record("no issue form"); return }
        #expect(form.fields.last?.text == "晋气象-2026-0412")
        _ = app.execute("contacts 太原")
        guard case .list(let contacts) = app.overlay else { Issue.record("no contacts"); return }
        #expect(contacts.lines.contains { $0.contains("太原消防特勤一站") && $0.contains("0351-1190001") })
    }

    @Test func nearestStockTransfersToAnotherDepot() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.render(width: 160, height: 48)
        func quantity(_ depot: String) throws -> Int64? {
            try f.store.stock(StockQuery()).first { $0.line.depot == depot && $0.line.item == "tent" }?.line.quantity
        }
        let before = try #require(try quantity("D-TY"))
        _ = app.execute("nearest tent")
        guard case .list = app.overlay else { Issue.record("no nearest list"); return }
        #expect(app.screen(160, 48).joined().contains("t 调拨") || app.screen(160, 48).joined().contains("t transfer"))
        _ = app.handle(.char("t"))
        guard case .form(let form) = app.overlay, case .transfer(let row) = form.purpose else { Issue.record("no transfer form"); return }
        #expect(row.line.depot == "D-TY")
        _ = app.handle(.enter)
        guard case .form(let refused) = app.overlay else { Issue.record("an empty form was taken"); return }
        #expect(refused.error != nil)
        app.type("2")
        _ = app.handle(.tab)
        app.type("D-QX")
        _ = app.handle(.enter)
        #expect(app.overlay == nil, "the transfer was taken")
        #expect(try quantity("D-TY") == before - 2)
        #expect(try quantity("D-QX").map { $0 >= 2 } == true, "an own depot receives it at once")
    }

    @Test func anAlertThatExpiresWithUnitsOutOffersThemForReleaseAndRSendsThemBack() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.render(width: 160, height: 48)
        f.store.bypassesWritePolicy = true
        try f.store.record(.alert(Alert(identifier: "EXP-1", sender: "x", sent: f.clock.now, headline: "Short hail watch",
                                        expires: f.clock.now.addingTimeInterval(60), areas: [140100], level: .yellow, hazard: .flood)))
        f.store.bypassesWritePolicy = false
        _ = app.tick()
        try select(app, unit: "U-MINE-1")  // standby before
        _ = app.execute("dispatch EXP-1")
        #expect(try f.store.units(UnitQuery()).first { $0.id == "U-MINE-1" }?.status == .dispatched)
        f.clock.advance(by: 120)
        _ = app.tick()
        #expect(app.screen(160, 48).last?.contains("alert EXP-1 has ended with units out") == true)
        _ = app.handle(.char("R"))
        let unit = try #require(try f.store.units(UnitQuery()).first { $0.id == "U-MINE-1" })
        #expect(unit.status == .standby && unit.servingAlert == nil)
    }
}
