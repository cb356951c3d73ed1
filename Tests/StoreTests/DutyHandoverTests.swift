import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// A whole shift at the store: stock issued for an alert, a mistaken issue corrected, a handover produced and
/// taken over. Timeline and handover are checked against golden text.
@Suite struct DutyHandoverTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// The shift up to its handover; returns the desk and the corrected issue.
    static func shift() throws -> (TestStore, Event) {
        let t = try DutyShiftTests.desk()
        var city = EventFactory(office: 140100, device: 0xD1)  // a second device of the office sets the minimum
        try t.store.ingest([city.make(t0, .fields(RecordRef(.stockLine, "D-140100|tent-12"), ["minimum": "11"]))])
        try t.store.startShift(officer: "王伟", leader: "李强")
        t.clock.advance(by: 60)
        try t.store.acknowledge(alertID: "A1")
        t.clock.advance(by: 60)
        try t.store.addNote("已报告带班领导李强, 已传达清徐县", alertID: "A1")
        t.clock.advance(by: 60)
        try t.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A1")
        try t.store.setUnitStatus(unitID: "U2", to: .dispatched, alertID: "A1")
        t.clock.advance(by: 60)
        try t.store.issueStock(depot: "D-140100", item: "tent-12", quantity: 2, reason: "清徐安置点", alertID: "A1")
        t.clock.advance(by: 60)
        let mistake = try t.store.issueStock(depot: "D-140100", item: "tent-12", quantity: 5, reason: "误录", alertID: "A1").movement
        t.clock.advance(by: 60)
        try t.store.correct(mistake.id.description, reason: "重复录入")
        t.clock.advance(by: 60)
        return (t, mistake)
    }

    @Test func theTimelineShowsStockIssuedForTheAlertAndTheCorrection() throws {
        let (t, mistake) = try Self.shift()
        let text = try t.store.timeline(alert: "A1").map { DutyLogText.line($0, lang: .en, zone: Self.utc) }
            .joined(separator: "\n").replacingOccurrences(of: mistake.id.description, with: "MISTAKE")
            .replacingOccurrences(of: String(mistake.id.device, radix: 16), with: "DEV")
        #expect(text == Golden.timeline)
        // The line is 12 - 2 - 5 + 5 = 10: the correction gave the tents back, and both stay in the log.
        #expect(try t.store.stock(StockQuery()).first { $0.item.id == "tent-12" }?.line.quantity == 10)
        #expect(throws: StoreError.self) { try t.store.correct(mistake.id.description, reason: "again") }
    }

    @Test func theHandoverPrintsOnEightyColumnsInBothLanguagesAndAsMarkdown() throws {
        let (t, _) = try Self.shift()
        let h = try t.store.handover()
        #expect(h.alerts.map(\.id) == ["A1"] && h.alerts[0].openSteps.isEmpty)
        #expect(h.unitsOut.map(\.id) == ["U1", "U2"])
        #expect(h.issued.map(\.quantity) == [2])  // the corrected issue was not issued
        let dev = String(t.store.identity.device, radix: 16)
        let en = HandoverText.render(h, lang: .en, markdown: false, zone: Self.utc).replacingOccurrences(of: dev, with: "DEV")
        let zh = HandoverText.render(h, lang: .zh, markdown: false, zone: Self.utc).replacingOccurrences(of: dev, with: "DEV")
        let md = HandoverText.render(h, lang: .en, markdown: true, zone: Self.utc)
        for line in (en + "\n" + zh).split(separator: "\n") {
            let cols = line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
            #expect(cols <= 80, "\(line)")
        }
        #expect(en == Golden.handoverEN)
        #expect(zh == Golden.handoverZH)
        #expect(md.hasPrefix("# Handover") && md.contains("\n## Units out (2)\n- U1 太原防汛队 dispatched for A1\n"))
        #expect(md.contains("\n- A1 Red Rainstorm responding, units 2\n  - 清徐县暴雨红色预警\n"))
    }

    @Test func aShiftWithManyNotesPrintsTheLatestAndSaysWhereTheRestAre() throws {
        let t = try DutyShiftTests.desk()
        try t.store.startShift(officer: "王伟", leader: "李强")
        for i in 1...25 {
            t.clock.advance(by: 1)
            try t.store.addNote("记事\(i)")
        }
        let text = HandoverText.render(try t.store.handover(), lang: .en, markdown: false, zone: Self.utc)
        #expect(text.contains("NOTES (25)\n  5 earlier notes: dutydesk log --shift current\n  01:00 王伟: note: 记事6\n"))
        #expect(text.contains("note: 记事25\n"))
        #expect(!text.contains("note: 记事5\n"))
    }

    @Test func acknowledgingTheHandoverStartsTheNextShift() throws {
        let (t, _) = try Self.shift()
        let before = try t.store.currentShift()
        let (ended, started) = try t.store.takeOver(officer: "张敏", leader: "刘洋")
        #expect(ended.id == before?.id)
        #expect(try t.store.currentShift()?.id == started.id)
        #expect(try t.store.handover().shift?.officer == "张敏")
        // The new shift's log starts empty but for its own start.
        #expect(try t.store.dutyLog(DutyLogQuery(shift: started)).map(\.kind) == [.shift])
    }
}

/// Golden text, read line by line against what a duty officer expects (device ids shown as DEV).
enum Golden {
    static let timeline = """
        2026-03-01 00:00:00  140121 值班员       alert       Alert A1 Red Rainstorm: 清徐县暴雨红色预警 [清徐县]
        2026-03-01 01:01:00  140100 王伟         ack         acknowledged A1
        2026-03-01 01:02:00  140100 王伟         note        note: 已报告带班领导李强, 已传达清徐县 (alert A1)
        2026-03-01 01:03:00  140100 王伟         unitStatus  unit U1 → dispatched for A1
        2026-03-01 01:03:00  140100 王伟         unitStatus  unit U2 → dispatched for A1
        2026-03-01 01:04:00  140100 王伟         stock       issue tent-12@D-140100 -2 (清徐安置点)
        2026-03-01 01:04:00  140100 王伟         note        linked DEV-6 to alert A1
        2026-03-01 01:05:00  140100 王伟         stock       issue tent-12@D-140100 -5 (误录)
        2026-03-01 01:05:00  140100 王伟         note        linked MISTAKE to alert A1
        2026-03-01 01:06:00  140100 王伟         stock       receive tent-12@D-140100 +5 (correction of MISTAKE: 重复录入)
        2026-03-01 01:06:00  140100 王伟         note        correction of MISTAKE: 重复录入
        2026-03-01 01:06:00  140100 王伟         note        linked DEV-10 to alert A1
        """

    static let handoverEN = """
        Handover — 140100 — 2026-03-01 01:07
        Shift: officer 王伟, leader 李强, since 2026-03-01 01:00

        ACTIVE ALERTS (1)
          A1 Red Rainstorm responding, units 2
            清徐县暴雨红色预警

        UNITS OUT (2)
          U1 太原防汛队 dispatched for A1
          U2 太原二队 dispatched for A1

        STOCK ISSUED THIS SHIFT (1)
          D-140100 tent-12 2

        BELOW MINIMUM (1)
          D-140100 tent-12 on hand 10, minimum 11

        DRILLS IN THE NEXT 7 DAYS (0)
          none

        NOTES (2)
          01:02 王伟: note: 已报告带班领导李强, 已传达清徐县 (alert A1)
          01:06 王伟: correction of DEV-8: 重复录入

        SYNC
          not yet synced: 12 events
          remote: none configured
          rejections not yet seen: 0
        """

    static let handoverZH = """
        交接班记录 — 140100 — 2026-03-01 01:07
        班次: 值班员 王伟, 带班领导 李强, 自 2026-03-01 01:00

        在办预警 (1)
          A1 红色 暴雨 处置中, 出动 2
            清徐县暴雨红色预警

        在外队伍 (2)
          U1 太原防汛队 已调派 响应 A1
          U2 太原二队 已调派 响应 A1

        本班出库 (1)
          D-140100 tent-12 2

        低于最低储备 (1)
          D-140100 tent-12 现存 10, 最低 11

        7日内演练 (0)
          无

        记事 (2)
          01:02 王伟: 记事: 已报告带班领导李强, 已传达清徐县 (预警 A1)
          01:06 王伟: 更正 DEV-8: 重复录入

        同步
          未同步: 12 条
          中心: 未配置
          未确认的拒绝: 0
        """
}
