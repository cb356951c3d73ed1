import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Depots for an alert's item, nearest first by the region tree, only lines above their minimum.
@Suite struct NearestStockTests {
    @Test func theSameCountyComesFirstThenItsCityThenTheProvinceThenElsewhere() throws {
        let t = try TestStore(office: 140000, clock: ManualClock(milliseconds: t0))
        let s = t.store
        s.bypassesWritePolicy = true
        defer { s.bypassesWritePolicy = false }
        try s.record(.alert(sampleAlert("A1", level: .red, area: 140121)))  // 清徐县, 太原市
        try s.record(.fields(RecordRef(.item, "tent"), SupplyItem(id: "tent", names: Names(zh: "帐篷", en: "Tent"), category: .shelter,
                                                                  unitOfMeasure: Names(zh: "顶", en: "tent")).fields))
        let depots: [(String, DepotLevel, RegionCode, Int64, Int64)] = [
            ("D-HEBEI", .provincial, 130000, 900, 0),  // another province
            ("D-SX", .provincial, 140000, 500, 100),
            ("D-DT", .city, 140200, 900, 100),       // 大同: same province, another city
            ("D-TY", .city, 140100, 300, 100),       // 太原: the county's city
            ("D-QX", .county, 140121, 60, 50),       // 清徐: the county itself
            ("D-YQ", .county, 140122, 40, 50),       // below minimum: left out
        ]
        for (id, level, region, qty, min) in depots {
            try s.record(.fields(RecordRef(.depot, id), Depot(id: id, name: id, level: level, region: region, owner: region).fields))
            try s.record(.fields(RecordRef(.stockLine, StockLine.recordID(depot: id, item: "tent")), ["minimum": String(min)]))
            try s.moveStock(depot: id, item: "tent", kind: .receive, quantity: qty, reason: "test")
        }
        let near = try s.nearestStock(alert: "A1", item: "tent")
        #expect(near.map(\.row.depot.id) == ["D-QX", "D-TY", "D-DT", "D-SX", "D-HEBEI"])
        #expect(near.map(\.distance) == [.sameCounty, .sameCity, .sameProvince, .sameProvince, .neighbour])
        #expect(near.map(\.spare) == [10, 200, 800, 400, 900])
        #expect(throws: StoreError.self) { try s.nearestStock(alert: "A1", item: "nope") }
        #expect(throws: StoreError.self) { try s.nearestStock(alert: "nope", item: "tent") }
    }
}
