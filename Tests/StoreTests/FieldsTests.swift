import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Record fields are written many to a statement; any number of them, and each still follows its own clock.
@Suite struct FieldsTests {
    @Test func anEventWithThousandsOfFieldsFoldsEveryField() throws {
        let t = try TestStore(office: 140000)
        var office = EventFactory(office: 140100)
        var fields = Depot(id: "D-1", name: "太原市级库", level: .city, region: 140100, owner: 140100).fields
        for i in 0..<7000 { fields["note\(i)"] = "v\(i)" }
        try t.store.ingest([office.make(t0, .fields(RecordRef(.depot, "D-1"), fields))])
        let stored = try t.store.withDatabase { db in
            try db.int("SELECT count(*) FROM record_fields WHERE kind = 'depot' AND id = 'D-1' AND field NOT LIKE '\\_%' ESCAPE '\\'")
        }
        #expect(stored == Int64(fields.count))
        #expect(try t.store.check() == [])
    }

    @Test func inOneStatementEachFieldKeepsItsLatestWriter() throws {
        let t = try TestStore(office: 140000)
        var a = EventFactory(office: 140100), b = EventFactory(office: 140121)
        let ref = RecordRef(.depot, "D-1")
        let base = Depot(id: "D-1", name: "旧名", level: .county, region: 140121, owner: 140121).fields
        // b's later write of `name` wins; a's later write of `level` wins; both arrive in one batch.
        try t.store.ingest([
            a.make(t0 + 10, .fields(ref, base.merging(["level": "city"]) { $1 })),
            b.make(t0 + 20, .fields(ref, ["name": "新名"])),
            b.make(t0 + 5, .fields(ref, ["level": "township", "name": "最旧"])),
        ])
        let depot = try #require(try t.store.withDatabase { db in
            try db.rows("SELECT name, level FROM depots WHERE id = 'D-1'") { ($0.text(0), $0.text(1)) }.first
        })
        #expect(depot.0 == "新名")
        #expect(depot.1 == "city")
    }
}
