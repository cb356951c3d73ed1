import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// One search across the panes and the log: every word must match one record; low, expiring, active are words.
@Suite struct SearchTests {
    static func desk() throws -> TestStore {
        let t = try TestStore(office: 140100, operatorName: "王伟", clock: ManualClock(milliseconds: t0 + 60_000))
        let s = t.store
        s.bypassesWritePolicy = true
        defer { s.bypassesWritePolicy = false }
        try s.record(.alert(sampleAlert("A1", level: .red, area: 140121, headline: "清徐县暴雨红色预警")))
        try s.record(.alert(sampleAlert("A2", level: .blue, area: 140122, headline: "阳曲县暴雨蓝色预警", expiresMs: t0 + 1000)))
        try s.record(.fields(RecordRef(.unit, "U1"), RescueUnit(id: "U1", kind: .floodRescue, name: "清徐防汛抢险队", homeRegion: 140121,
                                                                 owner: 140100, strength: 30, contact: "0351-1").fields))
        try s.record(.fields(RecordRef(.unit, "U2"), RescueUnit(id: "U2", kind: .fireRescue, name: "Taiyuan Fire Station 2", homeRegion: 140100,
                                                                 owner: 140100, strength: 20, contact: "0351-2").fields))
        try s.setUnitStatus(unitID: "U1", to: .dispatched, alertID: "A1")
        try s.record(.fields(RecordRef(.item, "tent"), SupplyItem(id: "tent", names: Names(zh: "帐篷", en: "Tent"), category: .shelter,
                                                                  unitOfMeasure: Names(zh: "顶", en: "tent")).fields))
        for (depot, qty, min, expires) in [("D-QX", Int64(5), Int64(50), nil), ("D-TY", 500, 100, Optional(t0 / 1000 + 86_400))] {
            try s.record(.fields(RecordRef(.depot, depot), Depot(id: depot, name: depot == "D-QX" ? "清徐县储备库" : "太原市级库",
                                                                 level: .county, region: 140121, owner: 140100).fields))
            var fields = ["minimum": String(min)]
            if let expires { fields["expires"] = String(expires) }
            try s.record(.fields(RecordRef(.stockLine, StockLine.recordID(depot: depot, item: "tent")), fields))
            try s.moveStock(depot: depot, item: "tent", kind: .receive, quantity: qty, reason: "t")
        }
        try s.addNote("清徐 雨量站三号离线 Rain gauge offline", alertID: "A1")
        return t
    }

    func found(_ s: Store, _ text: String) throws -> [String] {
        try s.search(SearchQuery(text)).map { "\($0.kind.rawValue) \($0.id)" }
    }

    @Test func everyWordMustMatchOneRecordChineseAndEnglishAlike() throws {
        let t = try Self.desk()
        // Both sample alerts say 清徐县 in their area description.
        #expect(try found(t.store, "清徐") == ["alert A1", "alert A2", "unit U1", "depot D-QX", "note \(try noteID(t.store))"])
        #expect(try found(t.store, "红色 清徐") == ["alert A1"])
        #expect(try found(t.store, "暴雨 蓝色") == ["alert A2"])
        #expect(try found(t.store, "FIRE station") == ["unit U2"])
        #expect(try found(t.store, "gauge OFFLINE 清徐").count == 1)
        #expect(try found(t.store, "清徐 nothing").isEmpty)
    }

    @Test func stateWordsNarrowToLowOrExpiringStockAndActiveWork() throws {
        let t = try Self.desk()
        #expect(try found(t.store, "low") == ["stockLine D-QX|tent"])
        #expect(try found(t.store, "expiring 帐篷") == ["stockLine D-TY|tent"])
        #expect(try found(t.store, "active") == ["alert A1", "unit U1"])  // A2 expired; U2 is not out
        #expect(try found(t.store, "暴雨 active") == ["alert A1"])
        #expect(try found(t.store, "不足 清徐") == ["stockLine D-QX|tent"])
    }

    func noteID(_ s: Store) throws -> String {
        try #require(try s.dutyLog(DutyLogQuery()).last { $0.kind == .note }).event.id.description
    }
}
