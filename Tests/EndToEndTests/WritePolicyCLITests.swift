import Foundation
import Model
@testable import Store
import Testing

/// The write policy as an operator meets it on the command line: a forbidden action exits 1 with one line and
/// writes nothing; a transfer to another office waits in transit until that office accepts it; an event the
/// centre rejects makes `sync` print its id and reason and exit non-zero, and `stats`, `check` and
/// `rejections` count it.
@Suite(.serialized) struct WritePolicyCLITests {
    private func ok(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try Binary.run(args)
        #expect(r.status == 0, "\(args.joined(separator: " ")): \(r.stdout) \(r.stderr)", sourceLocation: sourceLocation)
        return r.stdout
    }

    private func json(_ s: String) -> [[String: Any]] { CLITests.jsonLines(s) }

    /// Province (the item), city Taiyuan with 100 torches at D-CITY, county Qingxu with D-COUNTY, all synced.
    private func province(_ dir: TempDir) throws -> (central: String, city: String, county: String) {
        let central = dir.file("central.db"), prov = dir.file("prov.db"), city = dir.file("city.db"), county = dir.file("county.db")
        _ = try ok(["central", "init", central])
        for (db, code) in [(prov, "140000"), (city, "140100"), (county, "140121")] {
            _ = try ok(["init", "--db", db, "--office", code, "--operator", "op"])
        }
        // No command creates depots or items yet: written through the store as each office's own action.
        let p = try Store.open(path: prov)
        try p.record(.fields(RecordRef(.item, "torch"), ["name": "手电", "nameEN": "torch", "category": "rescueEquipment",
                                                         "uom": "个", "uomEN": "pcs"]))
        p.close()
        for (db, depot, code) in [(city, "D-CITY", 140100), (county, "D-COUNTY", 140121)] {
            let s = try Store.open(path: db)
            try s.record(.fields(RecordRef(.depot, depot), Depot(id: depot, name: depot, level: .county, region: code, owner: code).fields))
            s.close()
        }
        for db in [prov, city, county, city] { _ = try ok(["sync", "--db", db, "--remote", central]) }
        _ = try ok(["stock", "receive", "D-CITY", "torch", "100", "--db", city])
        return (central, city, county)
    }

    @Test func aForbiddenActionExitsOneWithOneLineAndWritesNothing() throws {
        let dir = TempDir()
        let (_, city, _) = try province(dir)
        let before = try CLITests.eventCount(city)
        let r = try Binary.run(["stock", "issue", "D-COUNTY", "torch", "1", "--db", city])
        #expect(r.status == 1)
        #expect(r.stderr == "dutydesk: office 140100 may not write stock of depot D-COUNTY (owned by 140121)\n")
        #expect(r.stdout.isEmpty)
        #expect(try CLITests.eventCount(city) == before)
    }

    @Test func aTransferBetweenOfficesIsAcceptedByTheOtherOffice() throws {
        let dir = TempDir()
        let (central, city, county) = try province(dir)
        let sent = try ok(["stock", "transfer", "D-CITY", "D-COUNTY", "torch", "30", "--db", city])
        #expect(sent.contains("in transit"))
        let pendingAtCity = json(try ok(["stock", "transfers", "--pending", "--json", "--db", city]))
        try #require(pendingAtCity.count == 1)
        let id = try #require(pendingAtCity[0]["id"] as? String)
        #expect(pendingAtCity[0]["for_us"] as? Bool == false)
        _ = try ok(["sync", "--db", city, "--remote", central])
        _ = try ok(["sync", "--db", county, "--remote", central])
        let pendingAtCounty = json(try ok(["stock", "transfers", "--pending", "--json", "--db", county]))
        #expect(pendingAtCounty.map { $0["id"] as? String } == [id])
        #expect(pendingAtCounty.first?["for_us"] as? Bool == true)
        let refused = try Binary.run(["stock", "accept", id, "--db", city])
        #expect(refused.status == 1 && refused.stderr.contains("only that office may accept it"))
        _ = try ok(["stock", "accept", id, "--db", county])
        _ = try ok(["sync", "--db", county, "--remote", central])
        _ = try ok(["sync", "--db", city, "--remote", central])
        for db in [city, county] {
            #expect(json(try ok(["stock", "transfers", "--pending", "--json", "--db", db])).isEmpty)
            #expect(json(try ok(["stock", "list", "--depot", "D-COUNTY", "--json", "--db", db])).first?["quantity"] as? Int == 30)
        }
        #expect(json(try ok(["stock", "list", "--depot", "D-CITY", "--json", "--db", city])).first?["quantity"] as? Int == 70)
    }

    @Test func aRejectedEventIsPrintedUndoneAndCounted() throws {
        let dir = TempDir()
        let (central, city, _) = try province(dir)
        // A store of an older release (no office-side policy) wrote this; the centre refuses it.
        let s = try Store.open(path: city)
        s.bypassesWritePolicy = true
        let forbidden = try s.record(.stock(StockMovement(depot: "D-COUNTY", item: "torch", delta: -1, kind: .issue)))
        s.close()
        let r = try Binary.run(["sync", "--db", city, "--remote", central])
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("rejected \(forbidden.id): office 140100 may not write stock of depot D-COUNTY (owned by 140121)"))
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("rejected 1 event"))
        let stats = json(try ok(["stats", "--json", "--db", city])).first ?? [:]
        #expect(stats["rejected"] as? Int == 1 && stats["rejected_unseen"] as? Int == 1)
        let check = try ok(["check", "--db", city])
        #expect(check.contains("1 rejected event undone (1 not yet acknowledged)") && check.contains("ok"))
        #expect(json(try ok(["stock", "list", "--depot", "D-COUNTY", "--json", "--db", city])).map { $0["quantity"] as? Int } == [0])
        #expect(try ok(["rejections", "--ack", "--db", city]).contains("acknowledged 1"))
        #expect(json(try ok(["stats", "--json", "--db", city])).first?["rejected_unseen"] as? Int == 0)
        _ = try ok(["sync", "--db", city, "--remote", central])
    }
}
