import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// The duty-log note: the kind added through the registry (code, codec, merge rule, policy declared once).
@Suite struct DutyNoteTests {
    @Test func aNoteRoundTripsThroughTheStoreFormAndIsInTheRegistry() throws {
        let n = EventPayload.note(Note("雨量站 3 号离线", alertID: "A1,x@y,2026-03-01T00:00:00+00:00",
                                       about: EventID(device: 0xABC, seq: 7)))
        #expect(n.kind == .note && n.kind.code == 9 && n.kind.merge == .logOnly)
        #expect(try EventCodec.decodePayload(EventCodec.encode(n)) == n)
        #expect(EventCodec.encode(n).first == 9)
    }

    @Test func aNoteOnAnAlertIsInTheLogAndTheTimeline() throws {
        let t = try DutyShiftTests.desk()
        try t.store.startShift(officer: "王伟", leader: "李强")
        t.clock.advance(by: 30)
        try t.store.addNote("已电话报告带班领导", alertID: "A1")
        t.clock.advance(by: 30)
        try t.store.addNote("交接时注意雨情")
        let log = try t.store.dutyLog(DutyLogQuery(shift: try t.store.shift(named: "current")))
        #expect(log.map { $0.summary(.en) }.suffix(2) == ["note: 已电话报告带班领导 (alert A1)", "note: 交接时注意雨情"])
        let timeline = try t.store.timeline(alert: "A1").map { $0.summary(.zh) }
        #expect(timeline.last == "记事: 已电话报告带班领导 (预警 A1)")
        #expect(try t.store.pendingEvents(limit: 10).count == 3)  // the shift start and two notes leave for the centre
    }

    @Test func anEmptyNoteOrAnUnknownAlertIsRefusedAndWritesNothing() throws {
        let t = try DutyShiftTests.desk()
        #expect(throws: StoreError.self) { try t.store.addNote("   ") }
        #expect(throws: StoreError.self) { try t.store.addNote("x", alertID: "nope") }
        #expect(throws: StoreError.self) { try t.store.addNote(String(repeating: "长", count: Store.maximumNoteLength + 1)) }
        #expect(try t.store.pendingEvents(limit: 10).isEmpty)
    }
}
