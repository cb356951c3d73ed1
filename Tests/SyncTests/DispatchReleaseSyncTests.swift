import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// Several units dispatched at once; released when their alert ends, each back to the status it had before, at the
/// office that owns them and at the province that watches them.
@Suite struct DispatchReleaseSyncTests {
    @Test func dispatchThenCancelThenReleaseReturnsEachUnitToItsEarlierStatusAtBothOffices() throws {
        let centre = try TestCentre()
        let city = try TestOffice(140100, centre: centre), province = try TestOffice(140000, centre: centre)
        let alert = Alert(identifier: "DR-1", sender: "140100@yjgl", sent: Date(timeIntervalSince1970: 1_780_000_000),
                          headline: "太原市暴雨红色预警", description: "", areas: [140100], level: .red, hazard: .rainstorm)
        try city.make(.alert(alert))
        for u in ["U1", "U2", "U3", "U4"] { try city.unit(u) }
        try city.store.setUnitStatus(unitID: "U2", to: .standby, alertID: nil)
        try city.store.setUnitStatus(unitID: "U3", to: .training, alertID: nil)
        try city.store.setUnitStatus(unitID: "U4", to: .outOfService, alertID: nil)
        // The province is in sync before the alert's work begins, so it receives each move (not a snapshot).
        try city.sync()
        try province.sync()
        city.clock.advance(by: 60)

        // Not available: refused as a whole, nothing written, until the operator confirms; out of service never.
        let before = try city.store.pendingEvents(limit: 100).count
        #expect(throws: StoreError.self) { try city.store.dispatch(units: ["U1", "U2", "U3"], toAlert: "DR-1") }
        #expect(throws: StoreError.self) { try city.store.dispatch(units: ["U1", "U4"], toAlert: "DR-1", confirmed: true) }
        #expect(try city.store.pendingEvents(limit: 100).count == before)
        let dispatched = try city.store.dispatch(units: ["U1", "U2", "U3"], toAlert: "DR-1", confirmed: true)
        #expect(dispatched.count == 3)
        city.clock.advance(by: 60)
        try city.store.setUnitStatus(unitID: "U1", to: .onScene, alertID: "DR-1")
        #expect(throws: StoreError.self) { try city.store.release(alert: "DR-1") }  // still active

        city.clock.advance(by: 60)
        var cancel = alert
        cancel.identifier = "DR-1-c"
        cancel.sent = alert.sent.addingTimeInterval(600)
        cancel.msgType = .cancel
        cancel.references = [alert.messageID.reference]
        try city.make(.alert(cancel))
        #expect(try city.store.endedAlertsHoldingUnits().map(\.id) == ["DR-1"])
        #expect(try city.store.releasable(alert: "DR-1").map { "\($0.unit)→\($0.back.rawValue)" } == ["U1→available", "U2→standby", "U3→training"])
        let released = try city.store.release(alert: "DR-1")
        #expect(released.map(\.payload.tag) == ["unitStatus", "unitStatus", "unitStatus", "note", "note", "note"])
        #expect(try city.store.endedAlertsHoldingUnits().isEmpty)

        try city.sync()
        try province.sync()
        #expect(try centre.db.rejections().isEmpty)
        for office in [city, province] {
            let statuses = try office.store.units(UnitQuery()).map { "\($0.id) \($0.status.rawValue) \($0.servingAlert ?? "-")" }
            #expect(statuses == ["U1 available -", "U2 standby -", "U3 training -", "U4 outOfService -"], "office \(office.code)")
            // Every dispatch, move and release is in the alert's timeline.
            let moves = try office.store.timeline(alert: "DR-1").filter { $0.kind == .unitStatus }.count
            #expect(moves == 7, "office \(office.code)")
        }
    }
}
