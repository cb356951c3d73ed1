import Foundation
import Model
import Testing
import TestSupport

/// A writer killed with SIGKILL at random moments never leaves a broken store or a wrong queue.
@Suite(.serialized) struct CrashSafetyTests {
    /// The seed chooses when each kill lands (the writer's pace still depends on the machine).
    @Test(arguments: Seeds.list(default: [1]))
    func killNineAtRandomPointsLeavesAConsistentStoreAndExactQueue(seed: Seed) throws {
        let dir = TempDir()
        let db = dir.file("crash.db")
        let created = try Binary.run(["init", "--db", db, "--office", "140121", "--name", "清徐县应急管理局", "--operator", "测试"])
        try #require(created.status == 0, "\(created.stderr)")
        var g = SeededGenerator(seed: try seed.value)
        var lastPrinted = 0
        for round in 0..<25 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["_crash-writer", "--db", db]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = Pipe()
            try p.run()
            usleep(UInt32.random(in: 20_000...250_000, using: &g))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .split(separator: "\n").compactMap { Int($0) }
            if let last = printed.last { lastPrinted = last }

            let check = try Binary.run(["check", "--db", db])
            #expect(check.status == 0, "round \(round): check failed: \(check.stdout) \(check.stderr); \(seed)")
            let stats = try Binary.run(["stats", "--db", db, "--json"])
            let depth = field("queue_depth", stats.stdout), events = field("events", stats.stdout)
            // Every event this device made is in the queue (nothing acknowledged it), none twice, none lost:
            // what was printed was committed; at most one more commit may have landed before the kill.
            #expect(depth == events && depth >= 0, "round \(round): queue \(depth) vs events \(events); \(seed)")
            #expect(depth >= lastPrinted && depth <= lastPrinted + 1,
                    "round \(round): queue \(depth), last confirmed seq \(lastPrinted); \(seed)")
            lastPrinted = depth
        }
        #expect(lastPrinted > 0, "the writer never committed anything; \(seed)")
    }

    private func field(_ name: String, _ json: String) -> Int {
        guard let r = json.range(of: "\"\(name)\":") else { return -1 }
        return Int(json[r.upperBound...].prefix { $0.isNumber }) ?? -1
    }
}
