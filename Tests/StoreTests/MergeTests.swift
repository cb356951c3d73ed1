import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Every merge rule of DESIGN.md: the same events applied in any order give the same state.
@Suite struct MergeTests {
    /// Folds every permutation and expects one state, with `check` clean each time; returns that state's store.
    private func expectSameStateInEveryOrder(_ events: [Event], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var reference: String?
        for (i, order) in permutations(events).enumerated() {
            let (dump, problems) = try foldedState(order)
            #expect(problems.isEmpty, "order \(i): \(problems)", sourceLocation: sourceLocation)
            if let reference {
                if dump != reference {
                    Issue.record("order \(i) gives a different state", sourceLocation: sourceLocation)
                    return reference
                }
            } else {
                reference = dump
            }
        }
        return reference ?? ""
    }

    @Test func alertMessagesAndAcknowledgmentsFoldTheSameInEveryOrder() throws {
        var city = EventFactory(office: 140100), county = EventFactory(office: 140121)
        let events = [
            county.make(t0, .alert(sampleAlert("A1", level: .orange))),
            county.make(t0 + 2000, .alert(sampleAlert("A1-u", level: .red, msgType: .update, references: [alertRef("A1")],
                                                       headline: "升级为红色"))),
            county.make(t0 + 9000, .alert(sampleAlert("A1-c", level: .red, msgType: .update, references: [alertRef("A1")],
                                                       responseType: .allClear, headline: "解除"))),
            city.make(t0 + 1000, .acknowledge(alertID: alertKey("A1"))),
            county.make(t0 + 1500, .acknowledge(alertID: alertKey("A1"))),
        ]
        _ = try expectSameStateInEveryOrder(events)
        let t = try TestStore(office: 140000)
        try t.store.ingest(events.reversed())
        let row = try #require(try t.store.alert(id: "A1"))
        #expect(row.messages == 3)
        #expect(row.headline == "解除")
        #expect(row.state == .resolved)
        #expect(row.acknowledgments == 2)
        #expect(row.sent == date(t0))
    }

    @Test func anUpdateBeforeItsOriginalIsKept() throws {
        var county = EventFactory(office: 140121)
        let original = county.make(t0, .alert(sampleAlert("A2", level: .yellow, headline: "原始")))
        let update = county.make(t0 + 5000, .alert(sampleAlert("A2-u", level: .red, msgType: .update,
                                                               references: [alertRef("A2")], headline: "更新")))
        let t = try TestStore(office: 140000)
        try t.store.ingest([update])
        #expect(try t.store.alert(id: "A2")?.headline == "更新")
        try t.store.ingest([original])
        let row = try #require(try t.store.alert(id: "A2"))
        #expect(row.headline == "更新")
        #expect(row.level == .red)
        #expect(row.messages == 2)
        #expect(row.received == date(t0))
    }

    @Test func cancellationWinsInEveryOrder() throws {
        var county = EventFactory(office: 140121), province = EventFactory(office: 140000)
        let events = [
            county.make(t0, .alert(sampleAlert("A3"))),
            county.make(t0 + 4000, .alert(sampleAlert("A3-x", msgType: .cancel, references: [alertRef("A3")], headline: "取消"))),
            county.make(t0 + 2000, .alert(sampleAlert("A3-u", level: .red, msgType: .update, references: [alertRef("A3")]))),
            province.make(t0 + 3000, .acknowledge(alertID: alertKey("A3"))),
        ]
        _ = try expectSameStateInEveryOrder(events)
        let t = try TestStore(office: 140000)
        try t.store.ingest(events)
        #expect(try t.store.alert(id: "A3")?.state == .cancelled)
    }

    @Test(arguments: Seeds.list(default: [1]))
    func unitStatusIsLastWriterWinsAndRespondingCountsFollow(seed: Seed) throws {
        var rng = SeededGenerator(seed: try seed.value)
        var city = EventFactory(office: 140100), county = EventFactory(office: 140121)
        let unit = RescueUnit(id: "U1", kind: .fireRescue, name: "清徐消防", homeRegion: 140121, owner: 140121,
                              strength: 20, contact: "0351-1")
        let events = [
            county.make(t0, .fields(RecordRef(.unit, "U1"), unit.fields)),
            county.make(t0 + 100, .alert(sampleAlert("A4"))),
            county.make(t0 + 1000, .unitStatus(unitID: "U1", status: .dispatched, alertID: alertKey("A4"))),
            city.make(t0 + 2000, .unitStatus(unitID: "U1", status: .onScene, alertID: alertKey("A4"))),
            county.make(t0 + 1500, .unitStatus(unitID: "U1", status: .enRoute, alertID: alertKey("A4"))),
        ]
        _ = try expectSameStateInEveryOrder(events)
        let t = try TestStore(office: 140000)
        try t.store.ingest(events.shuffled(using: &rng))
        #expect(try t.store.alert(id: "A4")?.respondingUnits == 1, "\(seed)")
        #expect(try t.store.alert(id: "A4")?.state == .responding, "\(seed)")
        var q = UnitQuery()
        q.statuses = [.onScene]
        #expect(try t.store.units(q).map(\.id) == ["U1"], "the latest status by HLC wins; \(seed)")
        // A later "available" releases the unit from the alert whatever order it arrives in.
        try t.store.ingest([county.make(t0 + 3000, .unitStatus(unitID: "U1", status: .available, alertID: nil))])
        #expect(try t.store.alert(id: "A4")?.respondingUnits == 0)
    }

    @Test func stockIsTheSumOfDeltasInEveryOrder() throws {
        var city = EventFactory(office: 140100), county = EventFactory(office: 140121)
        let depot = Depot(id: "D140100", name: "太原市级库", level: .city, region: 140100, owner: 140100)
        let item = SupplyItem(id: "tent-12", names: Names(zh: "帐篷", en: "Tent"), category: .shelter,
                              unitOfMeasure: Names(zh: "顶", en: "tent"))
        let events = [
            city.make(t0, .fields(RecordRef(.depot, depot.id), depot.fields)),
            city.make(t0, .fields(RecordRef(.item, item.id), item.fields)),
            city.make(t0 + 10, .stock(StockMovement(depot: depot.id, item: item.id, delta: 100, kind: .receive))),
            county.make(t0 + 20, .stock(StockMovement(depot: depot.id, item: item.id, delta: -30, kind: .issue))),
            city.make(t0 + 30, .stock(StockMovement(depot: depot.id, item: item.id, delta: -2, kind: .countAdjust, observed: 68))),
            county.make(t0 + 40, .fields(RecordRef(.stockLine, StockLine.recordID(depot: depot.id, item: item.id)),
                                          ["minimum": "80"])),
        ]
        _ = try expectSameStateInEveryOrder(events)
        let t = try TestStore(office: 140000)
        try t.store.ingest(events.reversed())
        var q = StockQuery()
        q.belowMinimumOnly = true
        let rows = try t.store.stock(q)
        #expect(rows.map(\.line.quantity) == [68])
        #expect(rows.first?.line.minimum == 80)
        #expect(try t.store.check().isEmpty)
    }

    @Test(arguments: Seeds.list(default: [1]))
    func recordFieldsAreLastWriterWinsPerFieldAndRetireIsATombstone(seed: Seed) throws {
        var rng = SeededGenerator(seed: try seed.value)
        var city = EventFactory(office: 140100), county = EventFactory(office: 140121), province = EventFactory(office: 140000)
        let ref = RecordRef(.unit, "U9")
        let events = [
            county.make(t0 + 1000, .fields(ref, ["kind": "hazmat", "name": "甲", "region": "140121", "strength": "5", "contact": "1"])),
            city.make(t0 + 2000, .fields(ref, ["name": "乙"])),
            county.make(t0 + 3000, .fields(ref, ["strength": "7", "contact": "2"])),
            province.make(t0 + 500, .fields(ref, ["name": "最早", "strength": "99"])),
            city.make(t0 + 4000, .retire(ref)),
        ]
        _ = try expectSameStateInEveryOrder(events)
        let t = try TestStore(office: 140000)
        try t.store.ingest(events.shuffled(using: &rng))
        var q = UnitQuery()
        #expect(try t.store.units(q).isEmpty, "retired units are not in the default query; \(seed)")
        q.includeRetired = true
        let unit = try #require(try t.store.units(q).first)
        #expect(unit.name == "乙", "\(seed)")
        #expect(unit.strength == 7, "\(seed)")
        #expect(unit.contact == "2", "\(seed)")
        #expect(unit.kind == .hazmat)
        #expect(unit.owner == 140000, "the owner is the first writer by HLC")
        #expect(unit.retired)
        // Still in history: the events are all there.
        #expect(try count(t.store, "events") == 5)
    }

    @Test func drillsFoldPerFieldInEveryOrder() throws {
        var county = EventFactory(office: 140121), city = EventFactory(office: 140100)
        let drill = Drill(id: "DR1", title: "防汛演练", hazard: .flood, form: .practical, scope: .comprehensive,
                          organiser: 140121, region: 140121, start: date(t0 + 86_400_000), end: date(t0 + 90_000_000))
        let events = [
            city.make(t0 + 500, .fields(RecordRef(.drill, "DR1"), ["status": "notified"])),
            county.make(t0, .fields(RecordRef(.drill, "DR1"), drill.fields)),
            county.make(t0 + 900, .fields(RecordRef(.drill, "DR1"), ["status": "inProgress", "evaluation": "好"])),
            city.make(t0 + 800, .fields(RecordRef(.drill, "DR1"), ["title": "防汛联合演练", "joint": "1"])),
        ]
        _ = try expectSameStateInEveryOrder(events)
        let t = try TestStore(office: 140000)
        try t.store.ingest(events.reversed())
        let d = try #require(try t.store.drills(DrillQuery()).first)
        #expect(d.title == "防汛联合演练")
        #expect(d.status == .inProgress)
        #expect(d.joint)
        #expect(d.organiser == 140121)
    }

    /// A year of demo activity shuffled with seeded RNGs and batch sizes folds to the in-order state.
    @Test(arguments: Seeds.list(default: [1, 2, 3]))
    func shuffledDemoHistoryFoldsToTheSameState(seed: Seed) throws {
        let value = try seed.value
        var events: [Event] = []
        try DemoProvince(seed: 7, scale: 1, now: date(t0)).generate { e in
            if events.count < 4000 { events.append(e) }
        }
        let inOrder = try foldedState(events)
        #expect(inOrder.problems.isEmpty)
        var rng = SeededGenerator(seed: value)
        var shuffled = events
        shuffled.shuffle(using: &rng)
        // Duplicates must be no-ops.
        shuffled += shuffled.prefix(200)
        let folded = try foldedState(shuffled, batchSize: [1000, 333, 4096][Int(value % 3)])
        #expect(folded.problems.isEmpty, "\(seed)")
        #expect(folded.dump == inOrder.dump, "shuffled history folds differently; \(seed)")
    }
}
