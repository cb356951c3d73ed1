import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// The command line as a script or an operator uses it: real binary, real store files.
@Suite(.serialized) struct CLITests {
    static func demoStore(_ dir: TempDir) throws -> String {
        let db = dir.file("demo.db")
        let r = try Binary.run(["seed", "--demo", "--seed", "7", "--db", db])
        try #require(r.status == 0, "\(r.stderr)")
        return db
    }

    static func jsonLines(_ s: String) -> [[String: Any]] {
        s.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static func eventCount(_ db: String) throws -> Int {
        let stats = try Binary.run(["stats", "--db", db, "--json"])
        return (jsonLines(stats.stdout).first?["events"] as? Int) ?? -1
    }

    @Test func helpVersionAndUsageErrors() throws {
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("dutydesk "))
        #expect(try Binary.run(["--help"]).stdout.contains("alerts list"))
        let bad = try Binary.run(["frobnicate"])
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(try Binary.run(["alerts", "list", "--bogus"]).status == 2)
    }

    @Test func seedStatsCheckAndListsAsJSON() throws {
        let dir = TempDir()
        let db = try Self.demoStore(dir)
        let stats = try #require(Self.jsonLines(try Binary.run(["stats", "--db", db, "--json"]).stdout).first)
        #expect((stats["units"] as? Int) == 200)
        #expect((stats["items"] as? Int) == 60)
        #expect((stats["queue_depth"] as? Int) == 0, "seeded history is not ours to push")
        #expect(try Binary.run(["check", "--db", db]).stdout.contains("ok"))

        let alerts = Self.jsonLines(try Binary.run(["alerts", "list", "--db", db, "--level", "I,II", "--json"]).stdout)
        #expect(!alerts.isEmpty)
        #expect(alerts.allSatisfy { ["I", "II"].contains($0["level"] as? String ?? "") })
        let units = Self.jsonLines(try Binary.run(["units", "list", "--db", db, "--kind", "fireRescue", "--json"]).stdout)
        #expect(!units.isEmpty && units.allSatisfy { $0["kind"] as? String == "fireRescue" })
        let low = Self.jsonLines(try Binary.run(["stock", "list", "--db", db, "--low", "--json"]).stdout)
        #expect(!low.isEmpty && low.allSatisfy { ($0["below_minimum"] as? Bool) == true })
        let drills = Self.jsonLines(try Binary.run(["drills", "list", "--db", db, "--json"]).stdout)
        #expect(drills.count == 50)
    }

    @Test func actionsWriteOneEventAndRefuseBadInputWithoutWriting() throws {
        let dir = TempDir()
        let db = try Self.demoStore(dir)
        let line = try #require(Self.jsonLines(try Binary.run(["stock", "list", "--db", db, "--sort", "depot", "--limit", "1", "--json"]).stdout).first)
        let depot = try #require(line["depot"] as? String), item = try #require(line["item"] as? String)
        let qty = try #require(line["quantity"] as? Int)
        let before = try Self.eventCount(db)

        let tooMany = try Binary.run(["stock", "issue", depot, item, String(qty + 1), "--db", db])
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("\(qty)"), "the message says what is on hand: \(tooMany.stderr)")
        #expect(try Binary.run(["stock", "issue", depot, item, "abc", "--db", db]).status == 2)
        #expect(try Binary.run(["stock", "issue", depot, item, "-5", "--db", db]).status != 0)
        #expect(try Binary.run(["stock", "issue", "NO-SUCH-DEPOT", item, "1", "--db", db]).status == 1)
        #expect(try Binary.run(["alerts", "ack", "no-such-alert", "--db", db]).status == 1)
        #expect(try Binary.run(["units", "status", "no-such-unit", "available", "--db", db]).status == 1)
        #expect(try Self.eventCount(db) == before, "refused actions wrote nothing")

        let ok = try Binary.run(["stock", "issue", depot, item, "1", "--db", db, "--reason", "test"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let after = try #require(Self.jsonLines(try Binary.run(["stock", "list", "--db", db, "--depot", depot, "--item", item, "--json"]).stdout).first)
        #expect(after["quantity"] as? Int == qty - 1)
        let stats = try #require(Self.jsonLines(try Binary.run(["stats", "--db", db, "--json"]).stdout).first)
        #expect(stats["queue_depth"] as? Int == 1)
        #expect(stats["events"] as? Int == before + 1)

        // The demo desk has acknowledged every alert it holds: a new warning arrives, then is acknowledged once.
        let cap = dir.file("alert.xml")
        try """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>CLI-ACK-1</identifier><sender>阳曲县气象台</sender>
        <sent>\(ISO8601DateFormatter().string(from: Date()))</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
        <info><event>暴雨</event><urgency>Immediate</urgency><severity>Orange</severity><certainty>Likely</certainty>
        <headline>CLITEST阳曲县暴雨橙色预警</headline>
        <area><areaDesc>阳曲县</areaDesc><geocode><valueName>GB2260</valueName><value>140122</value></geocode></area></info></alert>
        """.write(toFile: cap, atomically: true, encoding: .utf8)
        let imported = try Binary.run(["alerts", "import", cap, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        let alert = try #require(Self.jsonLines(try Binary.run(["alerts", "list", "--db", db, "--text", "CLITEST", "--json"]).stdout).first)
        #expect(alert["acked_by_us"] as? Bool == false)
        let id = try #require(alert["id"] as? String)
        let events = try Self.eventCount(db)
        #expect(try Binary.run(["alerts", "ack", id, "--db", db]).status == 0)
        #expect(try Binary.run(["alerts", "ack", id, "--db", db]).status == 1, "a second ack by the same office is refused")
        #expect(try Self.eventCount(db) == events + 1, "one acknowledgment written, the refused one wrote nothing")
        let acked = try #require(Self.jsonLines(try Binary.run(["alerts", "list", "--db", db, "--text", "CLITEST", "--json"]).stdout).first)
        #expect(acked["acked_by_us"] as? Bool == true)
    }

    @Test(arguments: Seeds.list(default: [5]))
    func badFilesGiveOneClearLineAndAreNotModified(seed: Seed) throws {
        let dir = TempDir()
        var rng = SeededGenerator(seed: try seed.value)
        let cases: [(String, Data)] = [
            ("empty.db", Data()),
            ("random.db", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) })),
            ("text.db", Data("hello, not a database\n".utf8)),
        ]
        for (name, data) in cases {
            let path = dir.file(name)
            _ = FileManager.default.createFile(atPath: path, contents: data)
            let r = try Binary.run(["stats", "--db", path])
            #expect(r.status == 1, "\(name); \(seed)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(name): \(r.stderr)")
            #expect(FileManager.default.contents(atPath: path) == data, "\(name) was modified")
        }
        // A SQLite database that is not a DutyDesk store (made through the Store's own SQLite wrapper, so
        // the check never depends on a sqlite3 program being installed).
        let foreign = dir.file("foreign.db")
        let other = try Database(path: foreign, flags: [.readWrite, .create])
        try other.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        other.close()
        let foreignBytes = FileManager.default.contents(atPath: foreign)
        let r = try Binary.run(["stats", "--db", foreign])
        #expect(r.status == 1)
        #expect(r.stderr.lowercased().contains("not a dutydesk"), "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: foreign) == foreignBytes, "foreign.db was modified")
        // A truncated store.
        let db = try Self.demoStore(dir)
        let full = FileManager.default.contents(atPath: db)!
        let cut = dir.file("cut.db")
        _ = FileManager.default.createFile(atPath: cut, contents: full.prefix(full.count / 3))
        let checked = try Binary.run(["check", "--db", cut])
        #expect(checked.status != 0, "\(checked.stdout)")
    }
}
