import Foundation
import Model
import Screen
@testable import Store
import Testing
import TestSupport
@testable import Console

/// The shift in the console, key by key: who is on duty, a note in two keys, the log overlay and an undo from it,
/// stock issued for an alert, an alert's timeline, the handover and the incoming officer's acknowledgment.
@Suite(.serialized) struct DutyConsoleTests {
    @Test func aNoteTheLogAnUndoAndTheHandover() throws {
        let f = try Fixture()
        try f.store.startShift(officer: "王明", leader: "李强")
        let app = try f.app(language: .zh, layout: "desk")
        #expect(app.screen(120, 40)[0].contains("值班 王明 · 带班 李强"))

        // N and the text: a note linked to the selected alert (the alerts pane has focus).
        let alert = try #require(app.selectedAlert?.id)
        _ = app.handle(.char("N"))
        _ = app.handle(.paste("已电话报告带班领导"))
        #expect(app.screen(120, 40).last!.contains("记录（预警 \(alert)）：已电话报告带班领导"))
        _ = app.handle(.enter)
        let note = try #require(f.store.dutyLog(DutyLogQuery()).last)
        guard case .note(let n) = note.event.payload else { Issue.record("not a note: \(note)"); return }
        #expect(n.text == "已电话报告带班领导" && n.alertID != nil)

        // Stock issued for the alert from the form's alert field, then undone from the log with a reason.
        _ = app.handle(.char("3"))
        let before = try #require(app.selectedStock?.line.quantity)
        _ = app.handle(.char("i"))
        app.type("5")
        _ = app.handle(.tab); _ = app.handle(.tab)
        _ = app.handle(.paste(alert))
        _ = app.handle(.enter)
        // The quilts are already below their minimum: the issue asks first.
        guard case .confirm = app.overlay else { Issue.record("no question before an issue below the minimum"); return }
        _ = app.handle(.char("y"))
        #expect(app.selectedStock?.line.quantity == before - 5)
        _ = app.handle(.char("L"))
        guard case .log(let view) = app.overlay else { Issue.record("L did not open the log"); return }
        #expect(view.entries.count == 4, "shift, note, issue, its link: \(view.entries)")
        // A box along the bottom, one event a line, the last selected.
        let screen = app.screen(120, 40)
        #expect(screen[32].hasPrefix("┌ 值班日志 · 王明 的班次 · 4 条"), "\(screen.joined(separator: "\n"))")
        #expect(screen[35].contains("出库 quilt@D-TY -5") && screen[38].hasPrefix("└"))
        _ = app.handle(.char("k"))  // from the link to the issue
        _ = app.handle(.char("u"))
        _ = app.handle(.paste("数量录错"))
        _ = app.handle(.enter)
        #expect(app.message?.text.hasPrefix("已更正") == true, "\(String(describing: app.message))")
        guard case .log(let after) = app.overlay else { Issue.record("the log did not come back after the undo"); return }
        #expect(after.entries.count == 7, "the correction, its note and link are in the log")
        _ = app.handle(.escape)
        #expect(app.selectedStock?.line.quantity == before)

        // The alert's details end with its timeline: the note, the issue and its correction.
        _ = app.handle(.char("1")); _ = app.handle(.enter)
        let details = app.screen(120, 40).joined(separator: "\n")
        #expect(details.contains("时间线") && details.contains("已电话报告带班领导") && details.contains("更正"), "\(details)")
        _ = app.handle(.escape)

        // The handover, then the incoming officer's acknowledgment: a new shift, named in the header.
        _ = app.handle(.char("H"))
        #expect(app.screen(120, 40).contains { $0.contains("交接班记录") })
        _ = app.handle(.char("a"))
        _ = app.handle(.paste("张华"))
        _ = app.handle(.enter)
        #expect(try f.store.currentShift()?.officer == "张华")
        #expect(app.screen(120, 40)[0].contains("值班 张华 · 带班 李强"))
    }

    @Test func undoWithoutASelectedLineSaysHowAndTheChineseWordsWork() throws {
        let f = try Fixture()
        let app = try f.app(language: .zh, layout: "desk")
        _ = app.execute("撤销 写错了")
        #expect(app.message?.isError == true && app.message?.text.contains("L") == true)
        _ = app.execute("记录 夜间巡查正常")
        #expect(try f.store.dutyLog(DutyLogQuery()).last?.summary(.zh).contains("夜间巡查正常") == true)
        _ = app.execute("日志 all")
        guard case .log = app.overlay else { Issue.record("日志 did not open the log"); return }
    }
}
