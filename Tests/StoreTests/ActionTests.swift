import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Operator actions: validated, then one transaction; a refusal writes nothing and says why.
@Suite struct ActionTests {
    /// A Taiyuan desk that knows two depots, a tent, a unit and an alert (made by other offices).
    private func desk() throws -> TestStore {
        let t = try TestStore(office: 140100)
        // The depots and the unit are Taiyuan's own (the office may write only what it owns).
        var province = EventFactory(office: 140000), county = EventFactory(office: 140121), city = EventFactory(office: 140100)
        let tent = SupplyItem(id: "tent-12", names: Names(zh: "帐篷", en: "Tent"), category: .shelter,
                              unitOfMeasure: Names(zh: "顶", en: "tents"))
        try t.store.ingest([
            province.make(t0, .fields(RecordRef(.item, tent.id), tent.fields)),
            city.make(t0, .fields(RecordRef(.depot, "D-140100"), Depot(id: "D-140100", name: "太原市级库", level: .city, region: 140100, owner: 140100).fields)),
            city.make(t0, .fields(RecordRef(.depot, "D-140121"), Depot(id: "D-140121", name: "清徐县库", level: .county, region: 140121, owner: 140121).fields)),
            province.make(t0 + 1, .stock(StockMovement(depot: "D-140100", item: "tent-12", delta: 12, kind: .receive))),
            city.make(t0, .fields(RecordRef(.unit, "U1"), RescueUnit(id: "U1", kind: .floodRescue, name: "清徐防汛队",
                                                                       homeRegion: 140121, owner: 140121, strength: 30, contact: "1").fields)),
            county.make(t0 + 5, .alert(sampleAlert("A1", level: .red))),
        ])
        return t
    }

    private func expectRefusal(_ t: TestStore, _ code: StoreError.Code, _ text: String,
                               sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) throws {
        let events = try count(t.store, "events"), outbox = try count(t.store, "outbox")
        do {
            try body()
            Issue.record("expected a refusal containing '\(text)'", sourceLocation: sourceLocation)
        } catch let e as StoreError {
            #expect(e.code == code, "\(e)", sourceLocation: sourceLocation)
            #expect(e.description.contains(text), "\(e)", sourceLocation: sourceLocation)
        }
        #expect(try count(t.store, "events") == events, "a refused action wrote an event", sourceLocation: sourceLocation)
        #expect(try count(t.store, "outbox") == outbox, sourceLocation: sourceLocation)
    }

    @Test func acknowledgeOnceOnly() throws {
        let t = try desk()
        try expectRefusal(t, .unknownRecord, "unknown alert 'nope'") { try t.store.acknowledge(alertID: "nope") }
        let e = try t.store.acknowledge(alertID: "A1")
        #expect(e.office == 140100)
        #expect(try t.store.alert(id: "A1")?.acknowledgedByUs == true)
        #expect(try t.store.alert(id: "A1")?.state == .acknowledged)
        try expectRefusal(t, .refused, "already acknowledged") { try t.store.acknowledge(alertID: "A1") }
        #expect(try t.store.pendingEvents(limit: 10) == [e])
    }

    @Test func unitStatusFollowsTheUnitRules() throws {
        let t = try desk()
        try expectRefusal(t, .unknownRecord, "unknown unit 'U404'") { try t.store.setUnitStatus(unitID: "U404", to: .standby, alertID: nil) }
        try expectRefusal(t, .refused, "needs the alert") { try t.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: nil) }
        try expectRefusal(t, .unknownRecord, "unknown alert 'A9'") { try t.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A9") }
        try expectRefusal(t, .refused, "already available") { try t.store.setUnitStatus(unitID: "U1", to: .available, alertID: nil) }
        try t.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A1")
        #expect(try t.store.alert(id: "A1")?.respondingUnits == 1)
        #expect(try t.store.alert(id: "A1")?.state == .responding)
        try t.store.setUnitStatus(unitID: "U1", to: .returning, alertID: "A1")
        #expect(try t.store.alert(id: "A1")?.respondingUnits == 0)
        #expect(try t.store.check().isEmpty)
    }

    @Test func stockMovementsAreCheckedAgainstWhatIsOnHand() throws {
        let t = try desk()
        try expectRefusal(t, .unknownRecord, "unknown depot 'D-0'") { try t.store.moveStock(depot: "D-0", item: "tent-12", kind: .receive, quantity: 1, reason: "") }
        try expectRefusal(t, .unknownRecord, "unknown item 'tent-99'") { try t.store.moveStock(depot: "D-140100", item: "tent-99", kind: .receive, quantity: 1, reason: "") }
        for bad: Int64 in [0, -5] {
            try expectRefusal(t, .refused, "must be positive") { try t.store.moveStock(depot: "D-140100", item: "tent-12", kind: .receive, quantity: bad, reason: "") }
        }
        try expectRefusal(t, .refused, "more than one action may move") {
            try t.store.moveStock(depot: "D-140100", item: "tent-12", kind: .receive, quantity: 1_000_000_000, reason: "")
        }
        try expectRefusal(t, .refused, "cannot issue 50 tents of tent-12 from D-140100: 12 on hand") {
            try t.store.moveStock(depot: "D-140100", item: "tent-12", kind: .issue, quantity: 50, reason: "救灾")
        }
        try expectRefusal(t, .refused, "use transferStock") {
            try t.store.moveStock(depot: "D-140100", item: "tent-12", kind: .transferOut, quantity: 1, reason: "")
        }
        let e = try t.store.moveStock(depot: "D-140100", item: "tent-12", kind: .issue, quantity: 5, reason: "救灾")
        guard case .stock(let m) = e.payload else { Issue.record("not a stock event"); return }
        #expect(m.delta == -5)
        #expect(try onHand(t, "D-140100") == 7)
    }

    private func onHand(_ t: TestStore, _ depot: String) throws -> Int64? {
        var q = StockQuery()
        q.depot = depot
        q.item = "tent-12"
        return try t.store.stock(q).first?.line.quantity
    }

    @Test func aTransferIsTwoLinkedMovementsInOneTransaction() throws {
        let t = try desk()
        try expectRefusal(t, .refused, "cannot transfer 13 tents of tent-12 from D-140100: 12 on hand") {
            try t.store.transferStock(from: "D-140100", to: "D-140121", item: "tent-12", quantity: 13, reason: "")
        }
        try expectRefusal(t, .refused, "to itself") {
            try t.store.transferStock(from: "D-140100", to: "D-140100", item: "tent-12", quantity: 1, reason: "")
        }
        try expectRefusal(t, .unknownRecord, "unknown depot 'D-X'") {
            try t.store.transferStock(from: "D-140100", to: "D-X", item: "tent-12", quantity: 1, reason: "")
        }
        let events = try t.store.transferStock(from: "D-140100", to: "D-140121", item: "tent-12", quantity: 10, reason: "支援")
        #expect(events.count == 2)
        #expect(events.map(\.id.seq) == [1, 2])
        let moves = events.compactMap { e -> StockMovement? in if case .stock(let m) = e.payload { m } else { nil } }
        #expect(moves.map(\.kind) == [.transferOut, .transferIn])
        #expect(moves.map(\.delta) == [-10, 10])
        #expect(moves[0].transfer != nil && TransferLink(moves[0].transfer)?.id == TransferLink(moves[1].transfer)?.id)
        #expect(try onHand(t, "D-140100") == 2)
        #expect(try onHand(t, "D-140121") == 10)
        #expect(try t.store.outboxDepth() == 2)
        #expect(try t.store.check().isEmpty)
    }

    @Test func aCountRecordsTheDifferenceAndWhatWasSeen() throws {
        let t = try desk()
        try expectRefusal(t, .refused, "between 0 and") { try t.store.countStock(depot: "D-140100", item: "tent-12", observed: -1, reason: "") }
        let e = try t.store.countStock(depot: "D-140100", item: "tent-12", observed: 9, reason: "盘点")
        guard case .stock(let m) = e.payload else { Issue.record("not a stock event"); return }
        #expect(m.kind == .countAdjust)
        #expect(m.delta == -3)
        #expect(m.observed == 9)
        #expect(try onHand(t, "D-140100") == 9)
    }

    @Test func drillsAreScheduledAndUpdatedWithCheckedFields() throws {
        let t = try desk()
        let drill = Drill(id: "DR-1", title: "防汛桌面推演", hazard: .flood, form: .tabletop, scope: .single,
                          organiser: 140100, region: 140100, start: date(t0 + 86_400_000), end: date(t0 + 90_000_000))
        var backwards = drill
        backwards.end = date(t0)
        try expectRefusal(t, .refused, "ends before it starts") { try t.store.scheduleDrill(backwards) }
        try t.store.scheduleDrill(drill)
        try expectRefusal(t, .refused, "already exists") { try t.store.scheduleDrill(drill) }
        try expectRefusal(t, .unknownRecord, "unknown drill 'DR-2'") { try t.store.updateDrill(id: "DR-2", fields: ["status": "notified"]) }
        try expectRefusal(t, .refused, "must be one of") { try t.store.updateDrill(id: "DR-1", fields: ["status": "done"]) }
        try expectRefusal(t, .refused, "no field 'colour'") { try t.store.updateDrill(id: "DR-1", fields: ["colour": "red"]) }
        try expectRefusal(t, .refused, "would end before it starts") { try t.store.updateDrill(id: "DR-1", fields: ["end": "0"]) }
        try t.store.updateDrill(id: "DR-1", fields: ["status": "notified", "joint": "1"])
        let stored = try #require(try t.store.drills(DrillQuery()).first)
        #expect(stored.status == .notified)
        #expect(stored.joint)
        #expect(stored.organiser == 140100)
        #expect(stored.start == drill.start)
    }
}
