import Foundation
import Testing

/// Through the real binary: a copied store file is re-registered by `sync` (and says so), nothing is lost and
/// `check` passes on both copies; `central new-epoch` is the operator's word after restoring the centre.
@Suite(.serialized) struct IdentityCLITests {
    static func drills(_ db: String) throws -> [String] {
        let r = try Binary.run(["drills", "list", "--json", "--db", db])
        try #require(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init).sorted()
    }

    @Test func aCopiedStoreIsReRegisteredBySyncAndBothCopiesConverge() throws {
        let dir = TempDir()
        let central = dir.file("central.db"), a = dir.file("a.db"), b = dir.file("b.db")
        try #require(try Binary.run(["central", "init", central]).status == 0)
        try #require(try Binary.run(["init", "--office", "140121", "--name", "清徐县", "--operator", "值班员", "--db", a]).status == 0)
        try #require(try Binary.run(["drills", "schedule", "--title", "before the copy", "--date", "2026-12-20", "--db", a]).status == 0)
        try #require(try Binary.run(["sync", "--db", a, "--remote", central]).status == 0)
        // No process has the file open: the copy is the whole store.
        try FileManager.default.copyItem(atPath: a, toPath: b)
        try #require(try Binary.run(["drills", "schedule", "--title", "original", "--date", "2026-12-21", "--db", a]).status == 0)
        try #require(try Binary.run(["drills", "schedule", "--title", "clone", "--date", "2026-12-22", "--db", b]).status == 0)
        let first = try Binary.run(["sync", "--db", a])
        #expect(first.status == 0 && !first.stdout.contains("copy"), "\(first.stdout) \(first.stderr)")
        let second = try Binary.run(["sync", "--db", b])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("this store was a copy of device"), "\(second.stdout)")
        #expect(second.stdout.contains("re-sent 1 event"), "\(second.stdout)")
        for db in [a, b, a] { #expect(try Binary.run(["sync", "--db", db]).status == 0) }
        let onA = try Self.drills(a), onB = try Self.drills(b)
        #expect(onA.count == 3, "\(onA)")
        #expect(onA == onB)
        for db in [a, b] {
            let check = try Binary.run(["check", "--db", db])
            #expect(check.status == 0, "\(db): \(check.stdout) \(check.stderr)")
        }
    }

    @Test func anOperatorStartsANewEpochAndOfficesReReadTheirScope() throws {
        let dir = TempDir()
        let central = dir.file("central.db"), a = dir.file("a.db")
        try #require(try Binary.run(["central", "init", central]).status == 0)
        try #require(try Binary.run(["init", "--office", "140121", "--name", "清徐县", "--operator", "值班员", "--db", a]).status == 0)
        try #require(try Binary.run(["sync", "--db", a, "--remote", central]).status == 0)
        let missing = try Binary.run(["central", "new-epoch", central])
        #expect(missing.status == 2 && missing.stderr.contains("--reason"), "\(missing.stderr)")
        let r = try Binary.run(["central", "new-epoch", central, "--reason", "restored from last night's backup"])
        #expect(r.status == 0 && r.stdout.contains("new epoch"), "\(r.stdout) \(r.stderr)")
        let s = try Binary.run(["sync", "--db", a])
        #expect(s.status == 0 && s.stdout.contains("central store was restored"), "\(s.stdout) \(s.stderr)")
        #expect(try !Binary.run(["sync", "--db", a]).stdout.contains("restored"))
    }
}
