import Foundation
import Model
import Screen
import Store
import Testing
import TestSupport
@testable import Console

@Suite(.serialized) struct KeyTests {
    @Test func jAndKMoveTheSelectionAndGJumps() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        #expect(app.selectedAlert?.id == "晋气象-2026-0412")
        #expect(app.handle(.char("j")) == .redraw)
        #expect(app.selectedAlert?.id == "QUAKE-2026-0007")
        _ = app.handle(.down)
        #expect(app.selectedAlert?.id == "林火-2026-0031")
        _ = app.handle(.char("k"))
        #expect(app.selectedAlert?.id == "QUAKE-2026-0007")
        _ = app.handle(.char("G"))
        #expect(app.selectedAlert?.id == "HEAT-2026-0002")
        _ = app.handle(.char("j"))
        #expect(app.selectedAlert?.id == "HEAT-2026-0002")
        _ = app.handle(.char("g"))
        #expect(app.selectedAlert?.id == "晋气象-2026-0412")
        #expect(app.handle(.char("x")) == .none)
    }

    @Test func tabAndNumbersMoveFocus() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.render(width: 120, height: 40)
        #expect(app.focus == .alerts)
        _ = app.handle(.tab); #expect(app.focus == .units)
        _ = app.handle(.backTab); _ = app.handle(.backTab); #expect(app.focus == .drills)
        _ = app.handle(.char("3")); #expect(app.focus == .stock)
        // Township has no units pane: 2 shows it zoomed.
        let small = try f.app(layout: "township")
        _ = small.render(width: 80, height: 24)
        _ = small.handle(.char("2"))
        #expect(small.focus == .units && small.zoomed)
        #expect(small.screen(80, 24)[1].contains("Units"))
    }

    @Test func slashFiltersIncrementallyAndEscClears() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        #expect(app.alertRows.count == 4)
        _ = app.handle(.char("/"))
        app.type("Forest")
        #expect(app.alertRows.map(\.id) == ["林火-2026-0031"])
        #expect(app.screen(80, 24).last!.contains("filter: Forest"))
        _ = app.handle(.enter)
        #expect(app.alertRows.count == 1 && app.panes[.alerts]!.filter == "Forest")
        _ = app.handle(.char("/"))
        for _ in 0..<6 { _ = app.handle(.backspace) }
        app.type("暴雨")
        #expect(app.alertRows.map(\.id) == ["晋气象-2026-0412"])
        _ = app.handle(.escape)
        #expect(app.alertRows.count == 4 && app.panes[.alerts]!.filter.isEmpty)
    }

    @Test func aAcknowledgesTheSelectedAlert() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        let before = try f.events()
        _ = app.handle(.char("j"))
        #expect(app.handle(.char("a")) == .redraw)
        #expect(try f.store.alert(id: "QUAKE-2026-0007")?.acknowledgedByUs == true)
        #expect(try f.events() == before + 1)
        #expect(app.screen(80, 24).last!.contains("Acknowledged QUAKE-2026-0007"))
        #expect(app.alertRows.first { $0.id == "QUAKE-2026-0007" }?.acknowledgments == 1)
        // Twice is refused without a write.
        _ = app.handle(.char("a"))
        #expect(try f.events() == before + 1)
        let zh = try f.app(language: .zh, layout: "field")
        _ = zh.render(width: 80, height: 24)
        _ = zh.handle(.char("a"))
        #expect(zh.screen(80, 24).last!.contains("已确认 晋气象-2026-0412"))
    }

    @Test func escCancelsADialogWithoutWriting() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        let before = try f.events()
        _ = app.handle(.char("3"))
        _ = app.handle(.char("i"))
        app.type("5")
        _ = app.handle(.escape)
        _ = app.handle(.char("2"))
        _ = app.handle(.char("u"))
        _ = app.handle(.escape)
        _ = app.handle(.char("n"))
        app.type("Drill")
        _ = app.handle(.escape)
        #expect(app.overlay == nil)
        #expect(try f.events() == before)
    }

    @Test func issueMoreThanOnHandIsRefusedInTheDialog() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        _ = app.handle(.char("3"))
        let row = try #require(app.selectedStock)
        #expect(row.line.item == "quilt" && row.line.quantity == 120)
        let before = try f.events()
        _ = app.handle(.char("i"))
        for (typed, error) in [("abc", "quantity must be a whole number"), ("0", "quantity must be more than 0"),
                               ("-3", "quantity must be more than 0"), ("121", "cannot issue 121: only 120 on hand")] {
            app.type(typed)
            _ = app.handle(.enter)
            guard case .form(let form) = app.overlay else { Issue.record("dialog closed on \(typed)"); return }
            #expect(form.error == error)
            #expect(app.screen(80, 24).contains { $0.contains(error) })
            for _ in typed { _ = app.handle(.backspace) }
        }
        #expect(try f.events() == before)
        app.type("20")
        _ = app.handle(.enter)
        // The line is already below its minimum (500): the issue asks first; n goes back to the form, y issues.
        #expect(app.screen(80, 24).contains { $0.contains("Issuing 20 leaves 100, below the minimum 500. Issue?") })
        _ = app.handle(.char("n"))
        guard case .form = app.overlay else { Issue.record("n did not go back to the form"); return }
        #expect(try f.events() == before)
        _ = app.handle(.enter)
        _ = app.handle(.char("y"))
        #expect(app.overlay == nil)
        #expect(try f.events() == before + 1)
        #expect(app.stockRows.first { $0.line.item == "quilt" }?.line.quantity == 100)
        #expect(app.screen(80, 24).last!.contains("Issued 20 quilt from 太原市级储备库"))
    }

    @Test func unitStatusPickerThenAlertField() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        _ = app.handle(.char("j"))               // QUAKE selected in the alerts pane
        _ = app.handle(.char("2"))
        _ = app.handle(.char("j"))               // units in catalogue order: fire, mine rescue, helicopter…
        _ = app.handle(.char("j"))               // Helicopter (available)
        #expect(app.selectedUnit?.id == "U-HELI-1")
        _ = app.handle(.char("u"))
        guard case .picker(let picker) = app.overlay else { Issue.record("no picker"); return }
        #expect(picker.options[picker.index] == .dispatched)
        _ = app.handle(.enter)
        guard case .form(let form) = app.overlay else { Issue.record("no alert field"); return }
        #expect(form.fields[0].text == "QUAKE-2026-0007")
        _ = app.handle(.enter)
        #expect(app.overlay == nil)
        #expect(app.unitRows.first { $0.id == "U-HELI-1" }?.status == .dispatched)
        #expect(app.unitRows.first { $0.id == "U-HELI-1" }?.servingAlert == "QUAKE-2026-0007")
    }

    @Test func paletteRunsCommandsAndCompletes() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        _ = app.handle(.char(":"))
        app.type("la")
        _ = app.handle(.tab)
        guard case .palette(let input) = app.overlay else { Issue.record("no palette"); return }
        #expect(input.text == "la")                      // lang and layout share "la"
        app.type("n")
        _ = app.handle(.tab)
        app.type("zh")
        _ = app.handle(.enter)
        #expect(app.language == .zh)
        #expect(app.screen(80, 24)[2].contains("预警"))
        _ = app.handle(.char(":")); app.type("theme mono"); _ = app.handle(.enter)
        #expect(app.theme.name == "mono")
        _ = app.handle(.char(":")); app.type("layout desk"); _ = app.handle(.enter)
        #expect(app.layouts.chosen == "desk")
        _ = app.handle(.char(":")); app.type("bogus"); _ = app.handle(.enter)
        #expect(app.message?.isError == true)
        _ = app.handle(.char(":")); app.type("quit")
        #expect(app.handle(.enter) == .quit)
    }

    @Test func quitAsksOnlyWhenADialogHoldsInput() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        #expect(app.handle(.char("q")) == .quit)
        _ = app.handle(.char("3")); _ = app.handle(.char("r"))
        #expect(app.handle(.ctrl("c")) == .quit)          // empty dialog: no question
        app.type("7")
        #expect(app.handle(.ctrl("c")) == .redraw)
        #expect(app.screen(80, 24).contains { $0.contains("Discard unsaved input?") })
        #expect(app.handle(.char("n")) == .redraw)
        guard case .form = app.overlay else { Issue.record("form lost"); return }
        _ = app.handle(.ctrl("c"))
        #expect(app.handle(.char("y")) == .quit)
    }

    @Test func helpDetailSortZoomAndCalendar() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.handle(.char("?"))
        // The rows of every page of help (the command table outgrew one page at 120×40).
        var help = app.screen(120, 40)
        for _ in 0..<4 {
            _ = app.handle(.pageDown)
            help += app.screen(120, 40)
        }
        for _ in 0..<4 { _ = app.handle(.pageUp) }
        let catalog = Catalog(language: .en)
        // The key column is as wide as its widest entry, a palette word included (":quarantine").
        let keyWidth = min(14, app.helpLines().map { Text.width($0.0) }.max() ?? 9)
        // Every binding has its own row: its keys in the key column, then the start of its help text.
        // The four focus keys share one row, "1 2 3 4".
        for b in CommandTable.entries where !b.keys.isEmpty && b.command != .focusUnits && b.command != .focusStock && b.command != .focusDrills {
            let keys = b.command == .focusAlerts ? "1 2 3 4" : b.label
            let row = "│ " + keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + " " + String(catalog(b.help).prefix(12))
            #expect(help.contains { $0.contains(row) }, "no help row '\(row)' for \(b.command)")
        }
        expectSnapshot(app.render(width: 120, height: 40), "help-120x40-en")
        _ = app.handle(.escape)
        _ = app.handle(.enter)
        expectSnapshot(app.render(width: 120, height: 40), "detail-120x40-alert")
        _ = app.handle(.escape)
        _ = app.handle(.char("s"))
        #expect(app.sortName(.alerts) == "newest")
        #expect(app.alertRows.first?.id == "HEAT-2026-0002")
        _ = app.handle(.char("4")); _ = app.handle(.char("c")); _ = app.handle(.char("z"))
        expectSnapshot(app.render(width: 100, height: 30), "drills-calendar-100x30")
    }

    @Test func tickRedrawsOnlyWhenSomethingChanged() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        #expect(app.tick() == false)
        #expect(app.tick() == false)
        // Another connection (a second console, the demo simulator) adds an alert.
        let other = try Store.open(path: f.store.path, clock: f.clock)
        defer { other.close() }
        f.clock.advance(by: 30)
        try other.record(.alert(Alert(identifier: "NEW-1", sender: "x", sent: f.clock.now, headline: "Late alert",
                                      expires: f.clock.now.addingTimeInterval(86_400), areas: [140100], level: .red, hazard: .flood)))
        #expect(app.tick() == true)
        #expect(app.alertRows.contains { $0.id == "NEW-1" })
        // Selection stays on the same record; the new alert is marked until seen.
        #expect(app.selectedAlert?.id == "晋气象-2026-0412")
        // (The alarm banner names it too: the row is the line without the banner's mark.)
        let line = try #require(app.screen(80, 24).first { $0.contains("Late alert") && !$0.contains("‼") })
        #expect(line.contains("●"))
        #expect(app.tick() == false)
        _ = app.handle(.char("k"))
        _ = app.handle(.char("g"))
        let lines = app.screen(80, 24)
        #expect(app.selectedAlert?.id == "NEW-1")
        #expect(lines.first { $0.contains("Late alert") && !$0.contains("‼") }?.contains("●") == false)
        // The minute changing redraws the clock.
        f.clock.advance(by: 60)
        #expect(app.tick() == true)
    }
}
