import CentralPostgres
import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// A central store restored with pg_dump / pg_restore knows it: the first open starts a new epoch (once, however
/// many servers open it), and nothing the dump held is lost.
@Suite struct RestoreTests {
    static func tool(_ name: String) throws -> String {
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted() ?? []
        for d in dirs.reversed() where FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(d)/bin/\(name)") {
            return "/usr/lib/postgresql/\(d)/bin/\(name)"
        }
        throw BackendTestError("\(name) is missing (apt-get install postgresql-client)")
    }

    static func run(_ exe: String, _ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BackendTestError("\(exe) failed: \(message)") }
    }

    /// Into a database that holds nothing: drops the empty store FreshCentral made there, restores `dump`.
    static func restore(_ dump: String, into copy: FreshCentral) throws {
        copy.backend.close()
        let admin = try PGConnection(copy.location)
        try admin.run("DROP SCHEMA public CASCADE")
        try admin.run("CREATE SCHEMA public")
        admin.close()
        try run(try tool("pg_restore"), ["-d", copy.location, dump])
    }

    /// Offices keep working after the dump; the centre is then restored from it. What they had pushed since
    /// (and the centre had confirmed) is back at the centre after their next sync, and reaches the other offices.
    @Test func nothingAnOfficeConfirmedIsLostWhenTheCentreIsRestoredFromAnOlderDump() throws {
        let original = try FreshCentral(.postgres), copy = try FreshCentral(.postgres)
        defer { withExtendedLifetime((original, copy)) {} }
        let clock = ManualClock()
        let qingxu = try TestStore(office: 140121, officeName: "清徐县", operatorName: "张伟", clock: clock)
        let taiyuan = try TestStore(office: 140100, officeName: "太原市", operatorName: "李娜", clock: clock)
        var server = ServerOptions()
        server.clock = clock
        func client(_ t: TestStore, _ code: RegionCode, _ f: FreshCentral) -> SyncClient {
            SyncClient(store: t.store) { LoopbackTransport(session: ServerSession(central: f.backend, office: code, options: server)) }
        }
        func unit(_ id: String) throws {
            clock.advance(milliseconds: 1_000)
            try qingxu.store.record(.fields(RecordRef(.unit, id), ["kind": "fireRescue", "name": "站\(id)", "region": "140121",
                                                                   "strength": "20", "contact": "0351"]))
        }
        for n in 1...5 { try unit("U-before-\(n)") }
        _ = try client(qingxu, 140121, original).syncOnce()
        let dump = original.directory.file("central.dump")
        try Self.run(try Self.tool("pg_dump"), ["-Fc", "-f", dump, "-d", original.location])
        for n in 1...5 { try unit("U-after-\(n)") }
        let confirmed = try client(qingxu, 140121, original).syncOnce()
        #expect(try confirmed.pushed == 5 && qingxu.store.outboxDepth() == 0, "the centre confirmed the later five")

        try Self.restore(dump, into: copy)
        let restored = try copy.connect()
        defer { restored.close() }
        #expect(restored.epoch != original.backend.epoch)
        #expect(try restored.eventCount() == 5, "the dump holds the first five only")
        let back = try SyncClient(store: qingxu.store) {
            LoopbackTransport(session: ServerSession(central: restored, office: 140121, options: server))
        }.syncOnce()
        #expect(back.epochChanged)
        #expect(try restored.eventCount() == 10, "Qingxu's confirmed work is back at the restored centre")
        let seen = try SyncClient(store: taiyuan.store) {
            LoopbackTransport(session: ServerSession(central: restored, office: 140100, options: server))
        }.syncOnce()
        #expect(seen.pulledNew == 10)
        let units = try taiyuan.store.units(UnitQuery()).map(\.id).filter { $0.hasPrefix("U-") }.sorted()
        #expect(units == (1...5).map { "U-after-\($0)" } + (1...5).map { "U-before-\($0)" })
    }

    @Test func aRestoredDumpStartsANewEpochOnceAndKeepsItsLog() throws {
        let original = try FreshCentral(.postgres)
        let copy = try FreshCentral(.postgres)
        defer { withExtendedLifetime((original, copy)) {} }
        try original.backend.apply(statusEvents(device: 3, office: 140100, seqs: 1...20), check: acceptAll)
        let before = original.backend.epoch
        #expect(try original.connect().epoch == before, "reopening the same database must keep its epoch")

        let dump = original.directory.file("central.dump")
        try Self.run(try Self.tool("pg_dump"), ["-Fc", "-f", dump, "-d", original.location])
        try Self.restore(dump, into: copy)

        let a = try copy.connect(), b = try copy.connect()
        defer { a.close(); b.close() }
        #expect(a.epoch != before, "the restored copy kept the original's epoch")
        #expect(a.epoch == b.epoch, "two servers opening the restored copy rotated the epoch twice")
        let log = try settledLog(a)
        #expect(try log.map(\.deviceSeq) == Array(1...20) && a.head() == log.last?.seq && a.appliedThrough(device: 3) == 20)
    }
}
