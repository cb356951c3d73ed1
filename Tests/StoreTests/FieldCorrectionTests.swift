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
