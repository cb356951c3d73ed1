import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// A clock a day off, on one of two laptops of the same county: its work must not lose to earlier work, nor
/// beat later work, once it has synced; the office is told its clock is off.
@Suite struct ClockSkewTests {
    static let day: Int64 = 86_400_000
    static let county: RegionCode = 140121

    func status(_ office: TestOffice, _ unit: String) throws -> UnitStatus? {
        var q = UnitQuery(); q.limit = 1000; q.includeRetired = true
        return try office.store.units(q).first { $0.id == unit }?.status
    }

    /// Advances every clock together, as real time passes for all.
    func pass(_ ms: Int64, _ clocks: ManualClock...) { for c in clocks { c.advance(milliseconds: ms) } }

    @Test func aLaptopADayBehindStampsByTheCentreOnceItHasSynced() throws {
        let centre = try TestCentre()
        let desk = try TestOffice(Self.county, centre: centre, clock: ManualClock(milliseconds: centre.clock.nowMilliseconds()))
        let field = try TestOffice(Self.county, centre: centre,
                                   clock: ManualClock(milliseconds: centre.clock.nowMilliseconds() - Self.day))
        try desk.unit("U1")
        try desk.sync()
        let first = try field.sync()
        #expect(first.description.contains("clock is 24 h 0 min behind the centre's"), "\(first)")
        #expect(try field.store.clockCheck()?.offsetMilliseconds ?? 0 >= Self.day - 60_000)

        pass(10_000, centre.clock, desk.clock, field.clock)
        try desk.make(.unitStatus(unitID: "U1", status: .dispatched, alertID: nil))
        try desk.sync()
        // A minute later in real time the field laptop stands the unit down: the later action must win.
        pass(60_000, centre.clock, desk.clock, field.clock)
        try field.make(.unitStatus(unitID: "U1", status: .standby, alertID: nil))
        try field.sync()
        try desk.sync()
        try field.sync()
        #expect(try status(desk, "U1") == .standby)
        #expect(try status(field, "U1") == .standby)
        #expect(try field.store.check() == [])
    }

    @Test func aLaptopADayAheadTakesTheCentresStampsSoLaterWorkElsewhereWins() throws {
        let centre = try TestCentre()
        let desk = try TestOffice(Self.county, centre: centre, clock: ManualClock(milliseconds: centre.clock.nowMilliseconds()))
        let field = try TestOffice(Self.county, centre: centre,
                                   clock: ManualClock(milliseconds: centre.clock.nowMilliseconds() + Self.day))
        // Offline, a day ahead: a unit and its status, stamped tomorrow.
        try field.unit("U2")
        try field.make(.unitStatus(unitID: "U2", status: .dispatched, alertID: nil))
        let first = try field.sync()
        #expect(first.quarantined.count == 2, "\(first)")
        #expect(first.restamped == 2, "\(first)")
        #expect(first.description.contains("ahead of the centre's"), "\(first)")
        try desk.sync()
        #expect(try status(desk, "U2") == .dispatched)

        // A minute later (real time) the desk stands the unit down; the field laptop's day-ahead stamp must not win.
        pass(60_000, centre.clock, desk.clock, field.clock)
        try desk.make(.unitStatus(unitID: "U2", status: .standby, alertID: nil))
        try desk.sync()
        try field.sync()
        #expect(try status(desk, "U2") == .standby)
        #expect(try status(field, "U2") == .standby)
        // And its own next change, made later still, is stamped by the centre's time and wins in turn.
        pass(60_000, centre.clock, desk.clock, field.clock)
        let next = try field.make(.unitStatus(unitID: "U2", status: .training, alertID: nil))
        #expect(abs(next.hlc.wall - centre.clock.nowMilliseconds()) < 10_000, "stamped \(next.hlc.wall - centre.clock.nowMilliseconds()) ms off")
        try field.sync()
        try desk.sync()
        #expect(try status(desk, "U2") == .training)
        #expect(try status(field, "U2") == .training)
        for office in [desk, field] { #expect(try office.store.check() == []) }
    }

    @Test func aClockThatJumpsBackBehindTheStoresOwnStampsIsNoted() throws {
        let office = try TestStore(office: Self.county, officeName: "清徐县", operatorName: "值班员", clock: ManualClock())
        office.store.bypassesWritePolicy = true
        try office.store.record(.fields(RecordRef(.unit, "U3"), ["kind": "fireRescue", "name": "站", "region": "140121"]))
        #expect(try office.store.clockJump() == nil)
        office.clock.advance(milliseconds: -3 * 3_600_000)
        try office.store.record(.unitStatus(unitID: "U3", status: .standby, alertID: nil))
        let jump = try #require(try office.store.clockJump())
        #expect(jump.milliseconds >= 3 * 3_600_000 - 1_000)
    }
}
