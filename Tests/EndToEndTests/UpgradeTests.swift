import Foundation
import Model
@testable import Store
import TestSupport
import Testing

/// A store written by an older release keeps working when the binary is upgraded: a read-only command
/// upgrades the schema once, says so on stderr, and then answers as usual.
@Suite struct UpgradeTests {
    @Test func aReadOnlyCommandUpgradesAnOlderStoreFirst() throws {
        let dir = TempDir()
        let db = dir.file("old.db")
        let old = try Store.create(path: db, office: 140000, officeName: "省厅", operatorName: "op", clock: ManualClock(),
                                   options: OpenOptions(migrations: Array(Migrations.all.prefix(5))))
        var events: [Event] = []
        try DemoProvince(seed: 2, scale: 1, now: Date()).generate { if events.count < 3000 { events.append($0) } }
        try old.ingest(events)
        let movements = events.filter { if case .stock = $0.payload { true } else { false } }.count
        #expect(movements > 0)
        old.close()

        let stats = try Binary.run(["stats", "--json", "--db", db])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stderr.contains("upgrading"))
        #expect(stats.stdout.contains("\"movements\":\(movements)"), "\(stats.stdout)")
        let again = try Binary.run(["check", "--db", db])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(!again.stderr.contains("upgrading"))
    }
}
