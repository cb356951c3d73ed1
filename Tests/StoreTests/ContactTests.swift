import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Duty phones as record fields: the demo province has them, an office sets its own, the leader on duty is its shift's.
@Suite struct ContactTests {
    @Test func theDemoProvinceHasDutyPhonesAndTheLeaderOnDutyIsTheShiftsLeader() throws {
        let t = try TestStore(office: 140100, operatorName: "王伟")
        var events: [Event] = []
        try DemoProvince(seed: 7, scale: 1, now: t.clock.now).generate { events.append($0) }
        try t.store.ingest(events)
        let all = try t.store.contacts(limit: 10_000)
        for kind in [RecordKind.office, .depot, .unit] {
            let some = all.filter { $0.ref.kind == kind }
            #expect(!some.isEmpty && some.allSatisfy { !$0.phone.isEmpty }, "\(kind)")
        }
        try t.store.startShift(officer: "王伟", leader: "李强")
        let taiyuan = try #require(try t.store.contacts(kinds: [.office], text: "太原市").first)
        #expect(taiyuan.ref.id == "140100" && taiyuan.leader == "李强" && taiyuan.phone == "0351-4010001")
        #expect(taiyuan.leaderPhone == "0351-4010008")
        try t.store.setContact(RecordRef(.office, "140100"), .leaderPhone, to: "0351-1234567")
        try t.store.setContact(RecordRef(.depot, "D140100"), to: "0351-7654321")
        #expect(try t.store.contacts(kinds: [.office], text: "太原市").first?.leaderPhone == "0351-1234567")
        #expect(try t.store.contacts(kinds: [.depot], text: "7654321").map(\.ref.id) == ["D140100"])
    }

    @Test func anotherOfficesRecordABadPhoneOrAnUnknownRecordIsRefusedAndWritesNothing() throws {
        let t = try TestStore(office: 140100)
        var province = EventFactory(office: 140000)
        try t.store.ingest([province.make(t0, .fields(RecordRef(.depot, "D-SX"),
                                                      Depot(id: "D-SX", name: "省级库", level: .provincial, region: 140000, owner: 140000).fields))])
        t.store.bypassesWritePolicy = true
        try t.store.record(.fields(RecordRef(.depot, "D-TY"), Depot(id: "D-TY", name: "市级库", level: .city, region: 140100, owner: 140100).fields))
        t.store.bypassesWritePolicy = false
        let before = try t.store.pendingEvents(limit: 100).count
        #expect(throws: StoreError.self) { try t.store.setContact(RecordRef(.depot, "D-SX"), to: "0351-1") }
        #expect(throws: StoreError.self) { try t.store.setContact(RecordRef(.depot, "D-TY"), to: "0351\u{1B}[2J") }
        #expect(throws: StoreError.self) { try t.store.setContact(RecordRef(.unit, "nope"), to: "1") }
        #expect(throws: StoreError.self) { try t.store.setContact(RecordRef(.depot, "D-TY"), .leaderPhone, to: "1") }
        #expect(try t.store.pendingEvents(limit: 100).count == before)
    }
}
