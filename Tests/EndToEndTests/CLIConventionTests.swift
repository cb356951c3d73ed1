import Foundation
import Testing

/// General options may come before the command, as `--help` lists them.
@Suite struct CLIConventionTests {
    @Test func generalOptionsBeforeTheCommandMeanTheSameAsAfterIt() throws {
        let dir = TempDir()
        let db = dir.file("s.db")
        let created = try Binary.run(["--db", db, "init", "--office", "140121", "--operator", "张伟"])
        try #require(created.status == 0, "\(created.stderr)")
        let seeded = try Binary.run(["--db", db, "seed", "--demo", "--seed", "3"])
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let before = try Binary.run(["--db", db, "--json", "alerts", "list", "--level", "I,II"])
        let after = try Binary.run(["alerts", "list", "--level", "I,II", "--json", "--db", db])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(!CLITests.jsonLines(after.stdout).isEmpty, "the demo province has no level I–II alerts to compare")
        #expect(before.stdout == after.stdout)
        let missing = try Binary.run(["--db"])
        #expect(missing.status == 2 && missing.stderr.contains("--db needs a value"), "\(missing.stderr)")
    }
}
