import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Shifts, the duty log and alert timelines: views of the event log, the same in any arrival order.
@Suite struct DutyShiftTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// A Taiyuan desk with its own unit and depot, a tent line and a red alert from Qingxu.
    static func desk(clock: ManualClock = ManualClock(milliseconds: t0 + 3_600_000)) throws -> TestStore {
        let t = try TestStore(office: 140100, operatorName: "王伟", clock: clock)
        var province = EventFactory(office: 140000), county = EventFactory(office: 140121), city = EventFactory(office: 140100)
        let tent = SupplyItem(id: "tent-12", names: Names(zh: "帐篷", en: "Tent"), category: .shelter,
                              unitOfMeasure: Names(zh: "顶", en: "tents"))
        try t.store.ingest([
            province.make(t0, .fields(RecordRef(.item, tent.id), tent.fields)),
            city.make(t0, .fields(RecordRef(.depot, "D-140100"), Depot(id: "D-140100", name: "太原市级库", level: .city, region: 140100, owner: 140100).fields)),
            city.make(t0 + 1, .stock(StockMovement(depot: "D-140100", item: "tent-12", delta: 12, kind: .receive))),
            city.make(t0, .fields(RecordRef(.unit, "U1"), RescueUnit(id: "U1", kind: .floodRescue, name: "太原防汛队",
                                                                       homeRegion: 140100, owner: 140100, strength: 30, contact: "1").fields)),
            city.make(t0, .fields(RecordRef(.unit, "U2"), RescueUnit(id: "U2", kind: .floodRescue, name: "太原二队",
                                                                       homeRegion: 140100, owner: 140100, strength: 20, contact: "2").fields)),
            county.make(t0 + 5, .alert(sampleAlert("A1", level: .red))),
        ])
        return t
    }

    @Test func aShiftSpansFromItsStartToTheHandoverAndEveryEventHasOne() throws {
        let t = try Self.desk()
        #expect(try t.store.currentShift() == nil)
        let first = try t.store.startShift(officer: "王伟", leader: "李强")
        #expect(throws: StoreError.self) { try t.store.startShift(officer: "赵六", leader: "李强") }
        t.clock.advance(by: 60)
        let ack = try t.store.acknowledge(alertID: "A1")
        t.clock.advance(by: 60)
        let (ended, next) = try t.store.takeOver(officer: "张敏", leader: "刘洋")
        #expect(ended.id == first.id && ended.end != nil)
        #expect(next.handedOverFrom == first.id)
        t.clock.advance(by: 60)
        let dispatch = try t.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A1")
        #expect(try t.store.shift(of: ack)?.id == first.id)
        #expect(try t.store.shift(of: dispatch)?.id == next.id)
        #expect(try t.store.currentShift()?.officer == "张敏")
        let shifts = try t.store.shifts()
        #expect(shifts.map(\.officer) == ["王伟", "张敏"])
        // The log of the first shift holds its own events only, not the next shift's.
        let log = try t.store.dutyLog(DutyLogQuery(shift: first))
        #expect(log.map(\.kind.tag) == ["shift", "ack", "shift"])
        #expect(log.last?.event.payload == .shift(ShiftChange(action: .end, officer: "王伟", leader: "李强", shift: first.id)))
        try t.store.endShift()
        #expect(try t.store.currentShift() == nil)
        #expect(throws: StoreError.self) { try t.store.endShift() }
    }

    @Test func aBlankOfficerIsRefusedAndNothingIsWritten() throws {
        let t = try Self.desk()
        let before = try t.store.dutyLog(DutyLogQuery()).count
        #expect(throws: StoreError.self) { try t.store.startShift(officer: "  ", leader: "李强") }
        #expect(throws: StoreError.self) { try t.store.startShift(officer: "a\nb", leader: "李强") }
        #expect(try t.store.dutyLog(DutyLogQuery()).count == before)
    }

    @Test func theDutyLogOfAShiftReadsAsGolden() throws {
        let t = try Self.desk()
        let shift = try t.store.startShift(officer: "王伟", leader: "李强")
        t.clock.advance(by: 30)
        try t.store.acknowledge(alertID: "A1")
        t.clock.advance(by: 30)
        try t.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A1")
        t.clock.advance(by: 30)
        try t.store.moveStock(depot: "D-140100", item: "tent-12", kind: .issue, quantity: 3, reason: "清徐安置")
        let text = DutyLogText.lines(try t.store.dutyLog(DutyLogQuery(shift: try t.store.shift(named: "current"))), lang: .en, zone: Self.utc)
        #expect(shift.start.wall == t0 + 3_600_000)
        #expect(text == """
            2026-03-01 01:00:00  140100 王伟         shift       shift start: officer 王伟, leader 李强
            2026-03-01 01:00:30  140100 王伟         ack         acknowledged A1
            2026-03-01 01:01:00  140100 王伟         unitStatus  unit U1 → dispatched for A1
            2026-03-01 01:01:30  140100 王伟         stock       issue tent-12@D-140100 -3 (清徐安置)
            """)
        #expect(try t.store.dutyLog(DutyLogQuery(operator: "王伟")).count == 4)
        #expect(try t.store.dutyLog(DutyLogQuery(operator: "值班员")).allSatisfy { $0.event.office != 140100 || $0.kind != .shift })
        #expect(try t.store.dutyLog(DutyLogQuery(alert: "A1", operator: "王伟")).map(\.kind) == [.acknowledge, .unitStatus])
        let zh = DutyLogText.lines(try t.store.dutyLog(DutyLogQuery(shift: shift)), lang: .zh, zone: Self.utc)
        #expect(zh.contains("确认预警 A1"))
        #expect(zh.contains("接班 值班员 王伟 带班领导 李强"))
    }

    @Test func theTimelineHoldsTheChainAcksAndUnitMovesInClockOrder() throws {
        let t = try Self.desk()
        var county = EventFactory(office: 140121, device: 0xCC)
        try t.store.ingest([county.make(t0 + 600_000, .alert(sampleAlert("A1-u", level: .orange, sentMs: t0 + 600_000, msgType: .update,
                                                                          references: [alertRef("A1")])))])
        try t.store.acknowledge(alertID: "A1")
        t.clock.advance(by: 60)
        try t.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A1")
        t.clock.advance(by: 60)
        try t.store.setUnitStatus(unitID: "U1", to: .onScene, alertID: "A1")
        let lines = try t.store.timeline(alert: "A1").map { DutyLogText.line($0, lang: .en, zone: Self.utc) }
        #expect(lines == [
            "2026-03-01 00:00:00  140121 值班员       alert       Alert A1 Red Rainstorm: 清徐县暴雨红色预警 [清徐县]",
            "2026-03-01 00:10:00  140121 值班员       alert       Update A1-u Orange Rainstorm: 清徐县暴雨橙色预警 [清徐县]",
            "2026-03-01 01:00:00  140100 王伟         ack         acknowledged A1",
            "2026-03-01 01:01:00  140100 王伟         unitStatus  unit U1 → dispatched for A1",
            "2026-03-01 01:02:00  140100 王伟         unitStatus  unit U1 → on scene for A1",
        ])
        #expect(throws: StoreError.self) { try t.store.timeline(alert: "nope") }
    }

    /// Two offices holding the same events, received in different orders, show the same log and timeline.
    @Test(arguments: Seeds.list(default: [1, 2, 3]))
    func logAndTimelineAreTheSameAtTwoOfficesWhateverTheArrivalOrder(seed: Seed) throws {
        var rng = SeededGenerator(seed: try seed.value)
        let source = try Self.desk()
        try source.store.startShift(officer: "王伟", leader: "李强")
        for i in 0..<20 {
            source.clock.advance(by: 10)
            switch i % 4 {
            case 0: try source.store.setUnitStatus(unitID: "U2", to: .dispatched, alertID: "A1")
            case 1: try source.store.setUnitStatus(unitID: "U2", to: .available, alertID: nil)
            case 2: try source.store.moveStock(depot: "D-140100", item: "tent-12", kind: .receive, quantity: Int64(i), reason: "r\(i)")
            default: try source.store.moveStock(depot: "D-140100", item: "tent-12", kind: .issue, quantity: 1, reason: "")
            }
        }
        try source.store.acknowledge(alertID: "A1")
        let a = try TestStore(office: 140000), b = try TestStore(office: 140000)
        // The source's whole log (setup included), in clock order at one office and shuffled at the other.
        let all = try source.store.dutyLog(DutyLogQuery()).map(\.event)
        try a.store.ingest(all)
        try b.store.ingest(all.shuffled(using: &rng), batchSize: 3)
        let shiftA = try a.store.shifts(office: 140100), shiftB = try b.store.shifts(office: 140100)
        #expect(shiftA == shiftB, "seed \(seed)")
        let logA = try a.store.dutyLog(DutyLogQuery(shift: shiftA.first)), logB = try b.store.dutyLog(DutyLogQuery(shift: shiftB.first))
        #expect(logA == logB, "seed \(seed)")
        #expect(logA.count == 22, "seed \(seed)")
        #expect(try a.store.timeline(alert: "A1") == b.store.timeline(alert: "A1"), "seed \(seed)")
    }

    /// Two desks of the office holding the same shift's events, received in different orders (a correction before
    /// what it corrects, a link before its issue), produce the same handover, word for word (notes: two and the
    /// correction).
    @Test(arguments: Seeds.list(default: [1, 2, 3]))
    func theHandoverIsTheSameAtTwoDesksWhateverTheArrivalOrder(seed: Seed) throws {
        var rng = SeededGenerator(seed: try seed.value)
        let source = try Self.desk()
        try source.store.startShift(officer: "王伟", leader: "李强")
        func step(_ body: () throws -> Void) rethrows { source.clock.advance(by: 30); try body() }
        try step { try source.store.acknowledge(alertID: "A1") }
        try step { try source.store.addNote("已报告带班领导", alertID: "A1") }
        try step { try source.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A1") }
        try step { try source.store.issueStock(depot: "D-140100", item: "tent-12", quantity: 2, reason: "安置", alertID: "A1") }
        let mistake = try source.store.issueStock(depot: "D-140100", item: "tent-12", quantity: 5, reason: "安置", alertID: "A1")
        try step { try source.store.correct(mistake.movement.id.description, reason: "数量录错") }
        try step { try source.store.addNote("夜间巡查正常") }
        let all = try source.store.dutyLog(DutyLogQuery()).map(\.event)
        let clock = ManualClock(milliseconds: source.clock.nowMilliseconds() + 60_000)
        let a = try TestStore(office: 140100, operatorName: "张敏", clock: clock)
        let b = try TestStore(office: 140100, operatorName: "张敏", clock: clock)
        try a.store.ingest(all)
        try b.store.ingest(all.shuffled(using: &rng), batchSize: 2)
        let ha = try a.store.handover(), hb = try b.store.handover()
        #expect(ha == hb, "seed \(seed)")
        #expect(ha.issued.map(\.quantity) == [2], "the corrected issue is left out, seed \(seed)")
        #expect(ha.notes.count == 3 && ha.unitsOut.map(\.id) == ["U1"], "seed \(seed)")
        for lang in [Language.zh, .en] {
            #expect(HandoverText.render(ha, lang: lang, markdown: false, zone: Self.utc)
                    == HandoverText.render(hb, lang: lang, markdown: false, zone: Self.utc), "seed \(seed)")
        }
        #expect(try a.store.timeline(alert: "A1") == b.store.timeline(alert: "A1"), "seed \(seed)")
    }
}
