import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// SIGKILL at random moments: the reopened store always passes `check`, and the outbox holds exactly the
/// committed events. The writer is this test binary re-executed with `crashWriterChild` selected.
@Suite(.serialized) struct CrashTests {
    static let childDatabase = "DUTYDESK_CRASH_CHILD_DB"

    /// The child side: records forever, printing each committed seq (unbuffered) after its commit returns.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[CrashTests.childDatabase] != nil))
    func crashWriterChild() throws {
        let path = ProcessInfo.processInfo.environment[CrashTests.childDatabase]!
        let store = try Store.open(path: path)
        let out = FileHandle.standardOutput
        out.write(Data("READY\n".utf8))
        var n = 0
        while true {
            n += 1
            let events: [Event]
            switch n % 4 {
            case 0: events = try store.transferStock(from: "D1", to: "D2", item: "I1", quantity: 1, reason: "crash")
            case 1: events = [try store.moveStock(depot: "D1", item: "I1", kind: .receive, quantity: 3, reason: "crash")]
            case 2: events = [try store.record(.acknowledge(alertID: "crash-\(n)"))]
            default: events = [try store.record(.fields(RecordRef(.unit, "U\(n % 7)"), ["kind": "drone", "name": "无人机\(n)"]))]
            }
            out.write(Data("SEQ \(events.last!.id.seq)\n".utf8))
        }
    }

    /// The seed chooses when each kill lands; the child's progress still depends on the machine, so a rerun from
    /// the seed replays the same kill schedule, not necessarily the same interrupted instruction.
    @Test(arguments: Seeds.list(default: [1]))
    func killNineAtRandomPointsLeavesAConsistentStoreAndAnExactQueue(seed: Seed) throws {
        #if os(Linux)
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let t = try TestStore()
        var province = EventFactory(office: 140000), city = EventFactory(office: 140100)
        // Depots of the store's own office (140100): its write policy lets it move their stock.
        try t.store.ingest([
            city.make(t0, .fields(RecordRef(.depot, "D1"), ["name": "一号库", "level": "city", "region": "140100"])),
            city.make(t0, .fields(RecordRef(.depot, "D2"), ["name": "二号库", "level": "city", "region": "140100"])),
            province.make(t0, .fields(RecordRef(.item, "I1"), ["name": "帐篷", "category": "shelter", "uom": "顶"])),
        ])
        t.store.close()
        var rng = SeededGenerator(seed: try seed.value)
        var confirmed: Int64 = 0
        var rounds = 0
        for round in 0..<30 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["--testing-library", "swift-testing", "--filter", "CrashTests/crashWriterChild"]
            var env = ProcessInfo.processInfo.environment
            env[CrashTests.childDatabase] = t.path
            p.environment = env
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            try p.run()
            var output = Data()
            let reader = pipe.fileHandleForReading
            while !String(decoding: output, as: UTF8.self).contains("READY\n") {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                output.append(chunk)
            }
            #expect(String(decoding: output, as: UTF8.self).contains("READY"), "round \(round): the writer did not start; \(seed)")
            usleep(UInt32.random(in: 0...60_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            output.append(reader.readDataToEndOfFile())
            let printed = String(decoding: output, as: UTF8.self).split(separator: "\n")
                .compactMap { $0.hasPrefix("SEQ ") ? Int64($0.dropFirst(4)) : nil }
            if let last = printed.last { confirmed = last }

            let store = try Store.open(path: t.path, clock: t.clock)
            defer { store.close() }
            #expect(try store.check() == [], "round \(round); \(seed)")
            let queued = try store.pendingEvents(limit: 1_000_000).map(\.id.seq)
            // Exactly the committed events: everything confirmed, at most one unconfirmed commit (≤ 2 events) more.
            #expect(queued == Array(1...max(1, Int64(queued.count))).prefix(queued.count).map { $0 }, "round \(round): gaps; \(seed)")
            #expect(Int64(queued.count) >= confirmed && Int64(queued.count) <= confirmed + 2,
                    "round \(round): queue \(queued.count), last confirmed seq \(confirmed); \(seed)")
            #expect(try store.stats().events == queued.count + 3, "round \(round); \(seed)")
            confirmed = Int64(queued.count)
            rounds += 1
        }
        #expect(rounds == 30)
        #expect(confirmed > 30, "the writer hardly committed anything; \(seed)")
        #endif
    }
}
