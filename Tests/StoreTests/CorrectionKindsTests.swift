import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// A field edit is corrected like any action of the shift: a compensating edit puts back what the fields held,
/// a correction note names it, and nothing of the history is rewritten.
@Suite struct FieldCorrectionTests {
    @Test func aFieldEditIsUndoneByTheValuesItReplaced() throws {
        let t = try DutyShiftTests.desk()
        let drill = try t.store.scheduleNewDrill(Drill(id: "", title: "防汛演练", hazard: .flood, form: .tabletop, scope: .single,
                                                       joint: false, doubleBlind: false, organiser: 140100, region: 140100,
                                                       start: Date(timeIntervalSince1970: 1_780_000_000),
                                                       end: Date(timeIntervalSince1970: 1_780_014_400))).drill
        t.clock.advance(by: 60)
        let edit = try t.store.updateDrill(id: drill.id, fields: ["title": "防汛应急桌面推演（误）"])
        t.clock.advance(by: 60)
        let before = try t.store.stats().events
        let events = try t.store.correct(edit.id.description, reason: "名称写错")
        #expect(try t.store.drills(DrillQuery()).first { $0.id == drill.id }?.title == "防汛演练")
        #expect(events.map(\.payload.tag) == ["fields", "note"])
        #expect(try t.store.stats().events == before + 2, "the edit stays; a compensating edit and a note are added")
        #expect(throws: StoreError.self) { try t.store.correct(edit.id.description, reason: "again") }
    }

    @Test func anEditSinceOrAFirstValueIsRefusedAndWritesNothing() throws {
        let t = try DutyShiftTests.desk()
        let made = try t.store.scheduleNewDrill(Drill(id: "", title: "演练", hazard: .flood, form: .tabletop, scope: .single,
                                                      joint: false, doubleBlind: false, organiser: 140100, region: 140100,
                                                      start: Date(timeIntervalSince1970: 1_780_000_000),
                                                      end: Date(timeIntervalSince1970: 1_780_014_400)))
        t.clock.advance(by: 60)
        let first = try t.store.updateDrill(id: made.drill.id, fields: ["title": "一"])
        t.clock.advance(by: 60)
        try t.store.updateDrill(id: made.drill.id, fields: ["title": "二"])
        let before = try t.store.stats().events
        // The title was edited again since: correcting the first edit would undo the second.
        #expect(throws: StoreError.self) { try t.store.correct(first.id.description, reason: "x") }
        // The drill's creation set its fields first: there is nothing to go back to.
        #expect(throws: StoreError.self) { try t.store.correct(made.event.id.description, reason: "x") }
        #expect(try t.store.stats().events == before)
    }
}

/// An acknowledgment or a note has nothing to give back: its correction is the correction note alone, in the log and
/// the timeline; a corrected note leaves the handover.
@Suite struct NoteAndAckCorrectionTests {
    @Test func anAckOrANoteIsCorrectedByItsNoteAlone() throws {
        let t = try DutyShiftTests.desk()
        try t.store.startShift(officer: "王伟", leader: "李强")
        t.clock.advance(by: 60)
        let ack = try t.store.acknowledge(alertID: "A1")
        t.clock.advance(by: 60)
        let note = try t.store.addNote("已传达阳曲县", alertID: "A1")
        t.clock.advance(by: 60)
        let ackFix = try t.store.correct(ack.id.description, reason: "确认错了预警")
        let noteFix = try t.store.correct(note.id.description, reason: "应为清徐县")
        #expect(ackFix.map(\.payload.tag) == ["note"] && noteFix.map(\.payload.tag) == ["note"])
        let timeline = try t.store.timeline(alert: "A1").map { $0.summary(.zh) }
        #expect(timeline.contains("更正 \(ack.id): 确认错了预警") && timeline.contains("更正 \(note.id): 应为清徐县"), "\(timeline)")
        let handover = try t.store.handover()
        #expect(!handover.notes.contains { $0.event.id == note.id }, "the corrected note is left out")
        #expect(throws: StoreError.self) { try t.store.correct(ackFix[0].id.description, reason: "a correction is not corrected") }
    }
}

/// A compensating movement's reason is stored in one form whatever the writer's language, and each reader sees it
/// in its own; a store written before keeps reading its Chinese form.
@Suite struct CorrectionReasonLanguageTests {
    @Test func theCompensatingMovementsReasonIsRenderedInTheReadersLanguage() throws {
        let t = try DutyShiftTests.desk()
        let issue = try t.store.moveStock(depot: "D-140100", item: "tent-12", kind: .issue, quantity: 3, reason: "")
        t.clock.advance(by: 60)
        let fix = try t.store.correct(issue.id.description, reason: "数量录错")
        guard case .stock(let m) = fix[0].payload else { Issue.record("\(fix)"); return }
        #expect(!m.reason.contains("更正"), "stored without a language: \(m.reason)")
        #expect(fix[0].payload.summary(.zh).contains("(更正 \(issue.id): 数量录错)"), "\(fix[0].payload.summary(.zh))")
        #expect(fix[0].payload.summary(.en).contains("(correction of \(issue.id): 数量录错)"), "\(fix[0].payload.summary(.en))")
        let older = StockMovement(depot: "D", item: "I", delta: 1, kind: .receive, reason: "更正 AB-1: 重复")
        #expect(older.reason(.en) == "correction of AB-1: 重复" && older.reason(.zh) == "更正 AB-1: 重复")
        #expect(StockMovement(depot: "D", item: "I", delta: 1, kind: .receive, reason: "更正库存").reason(.en) == "更正库存")
    }
}
