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

    @Test func aRestoredDumpStartsANewEpochOnceAndKeepsItsLog() throws {
        let original = try FreshCentral(.postgres)
        let copy = try FreshCentral(.postgres)
        defer { withExtendedLifetime((original, copy)) {} }
        try original.backend.apply(statusEvents(device: 3, office: 140100, seqs: 1...20), check: acceptAll)
        let before = original.backend.epoch
        #expect(try original.connect().epoch == before, "reopening the same database must keep its epoch")

        let dump = original.directory.file("central.dump")
        try Self.run(try Self.tool("pg_dump"), ["-Fc", "-f", dump, "-d", original.location])
        // Into a database that holds nothing: drop the empty store FreshCentral made there.
        copy.backend.close()
        let admin = try PGConnection(copy.location)
        try admin.run("DROP SCHEMA public CASCADE")
        try admin.run("CREATE SCHEMA public")
        admin.close()
        try Self.run(try Self.tool("pg_restore"), ["-d", copy.location, dump])

        let a = try copy.connect(), b = try copy.connect()
        defer { a.close(); b.close() }
        #expect(a.epoch != before, "the restored copy kept the original's epoch")
        #expect(a.epoch == b.epoch, "two servers opening the restored copy rotated the epoch twice")
        let log = try settledLog(a)
        #expect(try log.map(\.deviceSeq) == Array(1...20) && a.head() == log.last?.seq && a.appliedThrough(device: 3) == 20)
    }
}
