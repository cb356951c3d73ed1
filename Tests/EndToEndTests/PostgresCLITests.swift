import CentralPostgres
import Foundation
import Testing
import TestSupport

/// The central store on PostgreSQL from the command line: the real binary against the throwaway server
/// scripts/test starts (DUTYDESK_PG_URL); without it these tests fail, never skip.
@Suite(.serialized) struct PostgresCLITests {
    /// A new database on the test server: its URL, the socket directory, its name.
    static func database() throws -> (url: String, host: String, name: String) {
        guard let server = ProcessInfo.processInfo.environment["DUTYDESK_PG_URL"], !server.isEmpty,
              var c = URLComponents(string: server) else {
            throw PGTestError(description: "DUTYDESK_PG_URL is not set: run scripts/test, which starts a throwaway PostgreSQL server")
        }
        let admin = try PGConnection(server)
        defer { admin.close() }
        let name = "cli_" + String(UInt64.random(in: 1...UInt64.max), radix: 16)
        try admin.run("CREATE DATABASE \(name)")
        c.path = "/" + name
        let host = c.queryItems?.first { $0.name == "host" }?.value ?? ""
        return (c.string!, host, name)
    }

    @Test func initSyncAndStatsOnPostgresWithThePasswordKeptOffTheCommandLine() throws {
        let db = try Self.database()
        let dir = TemporaryDirectory(prefix: "dutydesk-pgcli")
        let created = try Binary.run(["central", "init", db.url])
        #expect(created.status == 0, "\(created.stderr)")
        let again = try Binary.run(["central", "init", db.url])
        #expect(again.status != 0 && again.stderr.contains("already holds a central store"))

        let office = dir.file("office.db")
        #expect(try Binary.run(["init", "--db", office, "--office", "140100", "--name", "太原", "--operator", "op"]).status == 0)
        let sync = try Binary.run(["sync", "--db", office, "--remote", db.url])
        #expect(sync.status == 0 && sync.stdout.contains("pushed"), "\(sync.stderr)")
        // The remembered remote is the URL, served as is.
        #expect(try Binary.run(["sync", "--db", office]).status == 0)

        // Only PG* variables: `postgres:` takes everything from the environment, as libpq does.
        let stats = try Binary.run(["central", "stats", "postgres:"],
                                   env: ["PGHOST": db.host, "PGUSER": "postgres", "PGDATABASE": db.name])
        #expect(stats.status == 0 && stats.stdout.contains("PostgreSQL central store") && stats.stdout.contains("office 140100"),
                "\(stats.stderr)")

        let secret = "s3cr3t-pw"
        var c = URLComponents(string: db.url)!
        c.user = "postgres"
        c.password = secret
        for args in [["sync", "--db", office, "--remote", c.string!], ["central", "stats", c.string!],
                     ["serve-sync", "--store", c.string!, "--office", "140100"]] {
            let r = try Binary.run(args)
            #expect(r.status != 0, "\(args[0]) accepted a URL with a password")
            #expect(!(r.stdout + r.stderr).contains(secret), "\(args[0]) printed the password")
        }
    }
}

struct PGTestError: Error, CustomStringConvertible { let description: String }
