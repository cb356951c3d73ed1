import Foundation
import Model
import Screen
@testable import Store
import Testing
import TestSupport
@testable import Console

/// Deadlines and alarms in the console, driven by the fixture's manual clock.
@Suite struct ShiftAlarmTests {
    /// The heat alert's row (blue, received 5 minutes before the fixture's clock: report due in 5).
    static func heatRow(_ app: ConsoleApp) -> String? { app.screen(120, 40).first { $0.contains("Heat advisory") && !$0.contains("‼") } }

    @Test func aDeadlineMissedWhileTheConsoleWasClosedShowsAsMissedWhenItOpensWithoutRinging() throws {
        let f = try Fixture()
        var app: ConsoleApp? = try f.app(layout: "field")
        let before = try #require(Self.heatRow(app!))
        #expect(!before.hasPrefix("!") && before.contains("5:00"), "\(before)")
        let header = app!.screen(120, 40)[0]
        app = nil  // the console closes
        f.clock.advance(by: 6 * 60)
        app = try f.app(layout: "field")
        let after = try #require(Self.heatRow(app!))
        #expect(after.hasPrefix("!") && after.contains("!report"), "\(after)")
        let missedBefore = Int(header.firstMatch(of: /!(\d+)/)?.1 ?? "0") ?? 0
        let missedAfter = Int(app!.screen(120, 40)[0].firstMatch(of: /!(\d+)/)?.1 ?? "0") ?? 0
        #expect(missedAfter > missedBefore, "the header counts the heat alert's report among the misses")
        // Shown, not rung: it was missed while nobody was at the console.
        let frame = app!.render(width: 120, height: 40)
        #expect(frame.alarm == nil)
        #expect(!app!.screen(120, 40).contains { $0.contains("‼") })
        // Missed while it is open: one bell, a banner until `!`.
        f.clock.advance(by: 25 * 60)  // the heat alert's pass-on is 30 minutes after receipt
        #expect(app!.tick() == true)
        #expect(app!.render(width: 120, height: 40).alarm == .bell)
        #expect(app!.render(width: 120, height: 40).alarm == nil, "one bell, not one per frame")
        #expect(app!.screen(120, 40)[1].contains("deadline missed: pass on"), "\(app!.screen(120, 40)[1])")
        #expect(app!.tick() == false)
        _ = app!.handle(.char("!"))
        #expect(!app!.screen(120, 40).contains { $0.contains("‼") })
    }

    @Test func aLevelIArrivalRingsOnceAndShowsABannerATestMessageNothing() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        let other = try Store.open(path: f.store.path, clock: f.clock)
        defer { other.close() }
        f.clock.advance(by: 1)
        try other.record(.alert(Alert(identifier: "T-1", sender: "x", sent: f.clock.now, status: .test, headline: "Siren test",
                                      areas: [140100], level: .red, hazard: .flood)))
        try other.record(.alert(Alert(identifier: "X-1", sender: "x", sent: f.clock.now, status: .exercise, headline: "Drill flood",
                                      areas: [140100], level: .orange, hazard: .flood)))
        #expect(app.tick() == true)
        #expect(app.render(width: 80, height: 24).alarm == nil, "Test and Exercise messages never alarm")
        #expect(!app.screen(80, 24).contains { $0.contains("‼") })
        try other.record(.alert(Alert(identifier: "R-1", sender: "x", sent: f.clock.now, headline: "Dam breach downstream",
                                      areas: [140100], level: .red, hazard: .flood)))
        #expect(app.tick() == true)
        let frame = app.render(width: 80, height: 24)
        #expect(frame.alarm == .bell)
        #expect(frame.lines(trimmingTrailingSpaces: true)[1].contains("level I (Red) alert: Dam breach downstream"))
        #expect(app.render(width: 80, height: 24).alarm == nil)
        // The banner stays across frames and keys until it is acknowledged.
        _ = app.handle(.char("j"))
        #expect(app.screen(80, 24)[1].contains("Dam breach"))
        _ = app.handle(.char("!"))
        #expect(!app.screen(80, 24)[1].contains("Dam breach"))
    }

    @Test func silencedTheBannerStillShowsButNothingSounds() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.execute("alarm off")
        let other = try Store.open(path: f.store.path, clock: f.clock)
        defer { other.close() }
        f.clock.advance(by: 1)
        try other.record(.alert(Alert(identifier: "R-2", sender: "x", sent: f.clock.now, headline: "Second breach",
                                      areas: [140100], level: .orange, hazard: .flood)))
        #expect(app.tick() == true)
        #expect(app.render(width: 80, height: 24).alarm == nil)
        #expect(app.screen(80, 24)[1].contains("Second breach"))
    }

    @Test func aCountdownTickRedrawsOnlyWhenAShownCountdownChanges() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 120, height: 40)
        #expect(app.tick() == false)
        f.clock.advance(by: 1)  // the heat alert's 5:00 becomes 4:59
        #expect(app.tick() == true)
        #expect(Self.heatRow(app)?.contains("4:59") == true)
        #expect(app.tick() == false)
        // With the alerts pane out of sight no countdown is on screen: the seconds change nothing.
        _ = app.handle(.char("2"))
        _ = app.render(width: 120, height: 40)
        _ = app.tick()
        f.clock.advance(by: 1)
        #expect(app.tick() == false)
    }

    @Test func dShowsTheStepDoneWithWhoAndWhen() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.handle(.char("G"))  // the heat alert is last in severity order
        #expect(app.selectedAlert?.id == "HEAT-2026-0002")
        _ = app.handle(.char("d"))
        #expect(Self.heatRow(app)?.contains("25m") == true, "the next step (pass on) counts down now")
        let steps = try f.store.deadlines(alert: "HEAT-2026-0002", rules: .defaults).steps
        #expect(steps.first?.done?.operator == "王明")
    }

    @Test func theLogOverlayShowsAMissedStepWhereItFellDue() throws {
        let f = try Fixture()
        f.clock.advance(by: 6 * 60)
        let app = try f.app(layout: "desk")
        _ = app.handle(.char("L"))
        let screen = app.screen(160, 48)
        #expect(screen.contains { $0.contains("deadline missed: report to leader (alert HEAT-2026-0002)") },
                "\(screen.joined(separator: "\n"))")
        _ = app.handle(.escape)
        _ = app.execute("log HEAT-2026-0002")
        #expect(app.screen(160, 48).contains { $0.contains("deadline missed: report to leader") })
    }
}
