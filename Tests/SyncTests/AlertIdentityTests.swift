import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// Alerts are identified as CAP does, by (sender, identifier, sent), and belong to their issuer (issue 8, item 3):
/// a message from another office is another alert, never an overwrite, and only the issuer or a superior office
/// may update or cancel one, where it is typed and at the centre.
@Suite struct AlertIdentityTests {
    static let sent = Date(timeIntervalSince1970: 1_780_000_000)

    /// The city's red rainstorm warning for the whole city.
    static let cityAlert = Alert(identifier: "140100-2026-7", sender: "140100@yjgl.shanxi.gov.cn", sent: sent,
                                 headline: "太原市暴雨红色预警", areas: [140100], level: .red, hazard: .rainstorm)

    static func threeOffices() throws -> (TestCentre, TestOffice, TestOffice, TestOffice) {
        let centre = try TestCentre()
        let province = try TestOffice(140000, centre: centre)
        let city = try TestOffice(140100, centre: centre)
        let county = try TestOffice(140121, centre: centre)
        return (centre, province, city, county)
    }

    /// What the city's alert shows, for "unchanged" checks.
    static func shown(_ row: AlertRow?) -> String {
        guard let r = row else { return "missing" }
        return "\(r.level.map { "\($0)" } ?? "-") \(r.headline) \(r.sender) \(r.areas) \(r.state) m\(r.messages)"
    }

    @Test func aCountyAlertWithTheCitysIdentifierIsAnotherAlertEverywhere() throws {
        let (_, province, city, county) = try Self.threeOffices()
        try city.make(.alert(Self.cityAlert))
        try city.sync()
        try county.sync()
        let before = Self.shown(try city.store.alert(id: "140100-2026-7"))
        #expect(before == "red 太原市暴雨红色预警 140100@yjgl.shanxi.gov.cn [140100] new m1")
        // The county's CAP file reuses the identifier, under its own sender, for a yellow warning of its own.
        let forged = Alert(identifier: "140100-2026-7", sender: "140121@yjgl.shanxi.gov.cn", sent: Self.sent.addingTimeInterval(60),
                           headline: "清徐县大风黄色预警", areas: [140121], level: .yellow, hazard: .hailGale)
        let (recorded, skipped) = try county.store.importAlerts([forged])
        #expect(recorded.count == 1 && skipped == 0)
        #expect(try county.sync().rejected.isEmpty)
        for o in [province, city, county] { try o.sync() }
        let cityKey = Self.cityAlert.messageID.key, countyKey = forged.messageID.key
        #expect(cityKey != countyKey)
        for o in [province, city, county] {
            var q = AlertQuery(); q.limit = 100
            let rows = try o.store.alerts(q)
            // Two alerts; the short ids stay distinct (the shared identifier is ambiguous, so each shows its key).
            #expect(Set(rows.map(\.key)) == [cityKey, countyKey], "office \(o.code)")
            #expect(Set(rows.map(\.id)) == [cityKey, countyKey], "office \(o.code)")
            let cityRow = rows.first { $0.key == cityKey }
            #expect(Self.shown(cityRow) == before, "office \(o.code)")
            #expect(rows.first { $0.key == countyKey }?.headline == "清徐县大风黄色预警")
            // The bare identifier no longer names one alert: refused with both keys, never guessed.
            #expect(throws: StoreError.self) { _ = try o.store.alert(id: "140100-2026-7") }
            #expect(try o.store.check().isEmpty)
        }
        // The full id still acknowledges exactly the city's alert.
        try province.store.acknowledge(alertID: cityKey)
        #expect(try province.store.alert(id: cityKey)?.acknowledgedByUs == true)
        #expect(try province.store.alert(id: countyKey)?.acknowledgedByUs == false)
    }

    /// The county copies the city's sender, identifier and sent exactly, before it has seen the city's message: its
    /// store cannot tell, the centre can, and refuses it; the city's alert is unchanged everywhere else.
    @Test func aCopiedTripletFromAnotherOfficeIsRefusedAtTheCentre() throws {
        let (centre, province, city, county) = try Self.threeOffices()
        try city.make(.alert(Self.cityAlert))
        try city.sync()
        var copy = Self.cityAlert
        copy.headline = "解除"; copy.level = .blue; copy.areas = [140121]
        let forged = try county.make(.alert(copy))
        let r = try county.sync()
        #expect(r.rejected.map(\.id) == [forged.id])
        #expect(r.rejected.first?.reason
                == "office 140121 may not issue message \(Self.cityAlert.messageID.reference): it was issued by office 140100")
        #expect(try centre.db.rejections().map(\.id) == [forged.id])
        for o in [province, city] {
            try o.sync()
            #expect(Self.shown(try o.store.alert(id: "140100-2026-7")) == "red 太原市暴雨红色预警 140100@yjgl.shanxi.gov.cn [140100] new m1")
        }
        // An office that holds the city's message refuses the copy where it is typed. (The county keeps its own
        // refused copy until the centre's rejection is undone locally: issue 8, item 4.)
        let other = try TestOffice(140122, centre: centre)
        try other.sync()
        #expect(try other.store.alert(id: "140100-2026-7") != nil)
        do {
            try other.store.importAlerts([copy])
            Issue.record("an office holding the city's message accepted a copy of its triplet")
        } catch let e as StoreError {
            #expect(e.message == "office 140122 may not issue message \(Self.cityAlert.messageID.reference): it was issued by office 140100")
        }
    }

    @Test func anUpdateFromAnOfficeThatDidNotIssueTheAlertIsRefusedLocallyAndAtTheCentre() throws {
        let (centre, province, city, county) = try Self.threeOffices()
        try city.make(.alert(Self.cityAlert))
        try city.sync()
        try county.sync()
        var update = Self.cityAlert
        update.identifier = "140121-u1"; update.sender = "140121@yjgl.shanxi.gov.cn"; update.msgType = .update
        update.sent = Self.sent.addingTimeInterval(600)
        update.references = [Self.cityAlert.messageID.reference]
        update.level = .blue; update.headline = "降级"
        let reason = "office 140121 may not update alert \(Self.cityAlert.messageID.reference) (issued by 140100); only its issuer or a superior office may"
        // Where it is typed: refused with the reason, nothing written.
        let depth = try county.store.outboxDepth()
        do {
            _ = try county.store.importAlerts([update])
            Issue.record("the county's update of the city's alert was accepted")
        } catch let e as StoreError {
            #expect(e.message == reason)
        }
        #expect(try county.store.outboxDepth() == depth)
        // At the centre (a client that skips its own check): the same rule, the same reason.
        var policy = WritePolicy(office: 140121, clock: centre.clock, maxDriftMilliseconds: 5 * 60 * 1000)
        let event = Event(id: EventID(device: 0xBAD, seq: 1), office: 140121, operator: "x",
                          hlc: HLC(wall: centre.clock.nowMilliseconds(), counter: 0, node: 0xBAD), payload: .alert(update))
        let outcome = try centre.db.apply([event]) { e, l in try policy.verdict(e, l) }
        #expect(outcome.rejected.map(\.1) == [reason])
        #expect(outcome.appended == 0)
        // An update referencing an alert the centre does not hold is refused too (its issuer is unknown).
        var orphan = update
        orphan.references = ["x@y,never-sent,2026-01-01T00:00:00+00:00"]
        let e2 = Event(id: EventID(device: 0xBAD, seq: 2), office: 140121, operator: "x",
                       hlc: HLC(wall: centre.clock.nowMilliseconds(), counter: 1, node: 0xBAD), payload: .alert(orphan))
        let o2 = try centre.db.apply([e2]) { e, l in try policy.verdict(e, l) }
        #expect(o2.rejected.first?.1.contains("it is not known here") == true)
        // The issuer itself and a superior office may.
        var own = update
        own.identifier = "140100-2026-7-u"; own.sender = Self.cityAlert.sender; own.headline = "市局更新"
        try city.make(.alert(own))
        #expect(try city.sync().rejected.isEmpty)
        try province.sync()
        var lift = own
        lift.identifier = "140000-lift"; lift.sender = "140000@yjgl.shanxi.gov.cn"; lift.msgType = .cancel
        lift.sent = Self.sent.addingTimeInterval(1200); lift.references = [Self.cityAlert.messageID.reference]
        try province.make(.alert(lift))
        #expect(try province.sync().rejected.isEmpty)
        try city.sync()
        let row = try #require(try city.store.alert(id: "140100-2026-7"))
        #expect(row.state == .cancelled)
        #expect(row.messages == 3)
    }
}
