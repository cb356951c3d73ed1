import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// Shifts, notes and corrections sync like any event: the city sees its county's shift, log and timeline as the
/// county does.
@Suite struct DutySyncTests {
    @Test func aCountysShiftNotesAndTimelineReachTheCityUnchanged() throws {
        let centre = try TestCentre()
        let county = try TestOffice(140121, centre: centre), city = try TestOffice(140100, centre: centre)
        let alert = Alert(identifier: "DS-1", sender: "140121@yjgl", sent: Date(timeIntervalSince1970: 1_780_000_000),
                          headline: "清徐县暴雨红色预警", description: "", areas: [140121], level: .red, hazard: .rainstorm)
        try county.make(.alert(alert))
        try county.unit("U1")
        // The city is already in sync when the shift begins: it receives the shift's events one by one. (An office
        // bootstrapped later from a snapshot gets no superseded unit statuses, so its timeline lacks those moves.)
        try county.sync()
        try city.sync()
        try county.store.startShift(officer: "王伟", leader: "李强")
        county.clock.advance(by: 60)
        try county.store.acknowledge(alertID: "DS-1")
        county.clock.advance(by: 60)
        try county.store.addNote("已报告带班领导", alertID: "DS-1")
        county.clock.advance(by: 60)
        let dispatch = try county.store.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "DS-1")
        county.clock.advance(by: 60)
        try county.store.correct(dispatch.id.description, reason: "派错队伍")
        try county.sync()
        try city.sync()
        #expect(try centre.db.rejections().isEmpty, "the centre accepted every duty event")

        let countyShifts = try county.store.shifts(), cityShifts = try city.store.shifts(office: 140121)
        #expect(countyShifts.count == 1 && countyShifts == cityShifts)
        let logAtCounty = try county.store.dutyLog(DutyLogQuery(shift: countyShifts[0]))
        let logAtCity = try city.store.dutyLog(DutyLogQuery(shift: cityShifts[0]))
        #expect(logAtCounty.map(\.kind.tag) == ["shift", "ack", "note", "unitStatus", "unitStatus", "note", "note"])  // correction and its link
        #expect(logAtCounty == logAtCity)
        #expect(try county.store.timeline(alert: "DS-1") == city.store.timeline(alert: "DS-1"))
        // The correction put the unit back where it was, at both offices.
        #expect(try city.store.units(UnitQuery()).first { $0.id == "U1" }?.status == .available)
    }
}
