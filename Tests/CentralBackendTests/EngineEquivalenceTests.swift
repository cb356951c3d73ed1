import CentralPostgres
import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// The demo province applied to SQLite and to PostgreSQL gives the same log, the same folds and the same
/// snapshot choices, entry for entry.
@Suite struct EngineEquivalenceTests {
    @Test func theDemoProvinceFoldsIdenticallyOnBothEngines() throws {
        let lite = try FreshCentral(.sqlite), pg = try FreshCentral(.postgres)
        defer { withExtendedLifetime((lite, pg)) {} }
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let a = try CentralStore.importDemo(into: lite.backend, seed: 7, scale: 1, now: now)
        let b = try CentralStore.importDemo(into: pg.backend, seed: 7, scale: 1, now: now)
        #expect(a == b && a > 1_000)
        // Positions differ (dense on SQLite, by transaction on PostgreSQL); entries are compared in log order and
        // the fold tables by the events their positions name.
        let x = try settledLog(lite.backend), y = try settledLog(pg.backend)
        #expect(x.count == y.count)
        let same = zip(x, y).allSatisfy { $0.device == $1.device && $0.deviceSeq == $1.deviceSeq
            && $0.kind == $1.kind && $0.scope == $1.scope && $0.encoded == $1.encoded }
        #expect(same, "the two logs differ")
        func events(_ c: FreshCentral, _ seqs: Set<Int64>) throws -> Set<EventID> {
            Set(try settledLog(c.backend).filter { seqs.contains($0.seq) }.map { EventID(device: $0.device, seq: $0.deviceSeq) })
        }
        #expect(try lite.backend.stockTotals() == pg.backend.stockTotals())
        #expect(try events(lite, lite.backend.winningEntries()) == events(pg, pg.backend.winningEntries()))
        #expect(try events(lite, lite.backend.subsumedStockEntries()) == events(pg, pg.backend.subsumedStockEntries()))
        // Read through the scope indexes, every office level gets exactly what the whole log gives it.
        let all = try settledLog(pg.backend)
        for office in [140000, 140100, 140121, 140121100, 140200, 141000] as [RegionCode] {
            let scope = ReadScope(office: office)
            let indexed = try pg.backend.log(after: 0, through: nil, limit: 1_000_000, readableBy: office)
            #expect(indexed.filter { scope.canSee($0.scope) }.map(\.seq) == all.filter { scope.canSee($0.scope) }.map(\.seq),
                    "office \(office) reads other entries through the indexes")
            #expect(indexed.count <= all.count)
        }
        #expect(try lite.backend.pruneLog(through: .max) == pg.backend.pruneLog(through: .max))
        let ids = { (c: FreshCentral) in try settledLog(c.backend).map { EventID(device: $0.device, seq: $0.deviceSeq) } }
        #expect(try ids(lite) == ids(pg))
    }

    /// Stock with counts, from three devices of one office whose clocks cross (counts arrive after movements
    /// stamped later, and before ones stamped earlier), in uneven batches: SQLite folds event by event,
    /// PostgreSQL a line per batch; the lines, and the entries their counts subsume, are the same.
    @Test func stockCountsFoldIdenticallyOnBothEngines() throws {
        let lite = try FreshCentral(.sqlite), pg = try FreshCentral(.postgres)
        defer { withExtendedLifetime((lite, pg)) {} }
        var streams = (0..<3).map { MixedWorkload.events(count: 1_200, device: DeviceID(77 + $0), office: 140100, seed: UInt64($0 + 3)) }
        var rng = SplitMix(seed: 9)
        var counts = 0
        while streams.contains(where: { !$0.isEmpty }) {
            let d = Int(rng.next() % 3)
            let n = min(streams[d].count, 1 + Int(rng.next() % 300))
            guard n > 0 else { continue }
            let batch = Array(streams[d].prefix(n))
            streams[d].removeFirst(n)
            counts += batch.filter { if case .stock(let m) = $0.payload { m.isCount } else { false } }.count
            try lite.backend.apply(batch, check: acceptAll)
            try pg.backend.apply(batch, check: acceptAll)
        }
        #expect(counts > 50)
        #expect(try lite.backend.stockTotals() == pg.backend.stockTotals())
        func events(_ c: FreshCentral) throws -> Set<EventID> {
            let seqs = try c.backend.subsumedStockEntries()
            return Set(try settledLog(c.backend).filter { seqs.contains($0.seq) }.map { EventID(device: $0.device, seq: $0.deviceSeq) })
        }
        let subsumed = try events(lite)
        #expect(!subsumed.isEmpty)
        #expect(try subsumed == events(pg))
    }

    /// A schema-1 store (positions from a counter row) is brought to the current schema on open: the counter goes,
    /// the scope indexes come, its entries stay, and a new epoch sends every office back to re-read.
    @Test func aSchemaOneStoreIsUpgradedOnOpenWithANewEpoch() throws {
        let pg = try FreshCentral(.postgres)
        defer { withExtendedLifetime(pg) {} }
        try pg.backend.apply(statusEvents(device: 4, office: 140100, seqs: 1...3), check: acceptAll)
        let before = pg.backend.epoch
        pg.backend.close()
        let admin = try PGConnection(pg.location)
        defer { admin.close() }
        try admin.run("UPDATE central_meta SET value = '1' WHERE key = 'schema'")
        try admin.run("CREATE TABLE log_counter(id int8 PRIMARY KEY CHECK (id = 1), pos int8 NOT NULL)")
        for index in ["log_county", "log_city", "log_owner", "log_shared"] { try admin.run("DROP INDEX \(index)") }
        let upgraded = try CentralPostgres.open(pg.location)
        defer { upgraded.close() }
        #expect(upgraded.epoch != before)
        #expect(try admin.text("SELECT value FROM central_meta WHERE key = 'schema'") == String(CentralPostgres.schemaVersion))
        #expect(try admin.int("SELECT count(*)::int8 FROM pg_tables WHERE tablename = 'log_counter'") == 0)
        #expect(try admin.int("SELECT count(*)::int8 FROM pg_indexes WHERE tablename = 'log' AND indexname IN ('log_county', 'log_city', 'log_owner', 'log_shared')") == 4)
        #expect(try settledLog(upgraded).map(\.deviceSeq) == [1, 2, 3])
        #expect(try CentralPostgres.open(pg.location).epoch == upgraded.epoch, "a second open upgraded again")
    }

    @Test func initRefusesAStoreThatExistsAndOpenRefusesANewerSchema() throws {
        let pg = try FreshCentral(.postgres)
        defer { withExtendedLifetime(pg) {} }
        #expect(throws: StoreError.self) { try CentralPostgres.create(pg.location) }
        let admin = try PGConnection(pg.location)
        try admin.run("UPDATE central_meta SET value = '99' WHERE key = 'schema'")
        admin.close()
        let e = #expect(throws: StoreError.self) { try CentralPostgres.open(pg.location) }
        #expect(e?.code == .newerSchema)
        #expect(throws: StoreError.self) { try CentralPostgres.open("postgresql://u:secret@/x?host=/nonexistent") }
        do { _ = try CentralPostgres.open("postgresql://u:secret@/x?host=/nonexistent") } catch {
            #expect(!"\(error)".contains("secret"))
        }
    }
}
