import Foundation
import Model
import Store
import Testing

/// Many processes on one store (a console-shaped writer syncing in the background on a second connection, CLI
/// writers, CAP imports, `sync`), all killed with SIGKILL at seeded moments, run by the real binary's
/// `bench soak`. The test does not take the bench's word for it: it re-reads what the bench kept — the ledger
/// of confirmed actions, the office store and the central store — and checks each confirmed action is at the
/// office and exactly once at the centre, and that `dutydesk check` passes.
@Suite(.serialized) struct MultiProcessSoakTests {
    @Test func killNineAcrossEveryKindOfProcessLosesNoConfirmedAction() throws {
        let seed = ProcessInfo.processInfo.environment["DUTYDESK_SOAK_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...1_000_000)
        let dir = TempDir()
        let kept = dir.file("soak")
        let run = try Binary.run(["bench", "soak", "--trials", "6", "--seed", String(seed), "--keep", kept])
        #expect(run.status == 0, "seed \(seed) (rerun with DUTYDESK_SOAK_SEED=\(seed)): \(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("lost at the office  0") && run.stdout.contains("applied twice       0"),
                "seed \(seed): \(run.stdout)")

        let ledger = try String(contentsOfFile: kept + "/confirmed.txt", encoding: .utf8)
            .split(separator: "\n").map { line -> EventID? in
                guard let dash = line.lastIndex(of: "-"), let device = UInt64(line[..<dash], radix: 16),
                      let seq = Int64(line[line.index(after: dash)...]) else { return nil }
                return EventID(device: device, seq: seq)
            }
        #expect(!ledger.contains(nil), "seed \(seed): unreadable ledger line")
        let confirmed = ledger.compactMap { $0 }
        // Six trials of a writer alone confirm dozens of actions; a handful means the processes never ran.
        try #require(confirmed.count >= 30, "seed \(seed): only \(confirmed.count) confirmed actions")
        #expect(Set(confirmed.map(\.device)).count == 1, "every process writes as the store's one device")

        let check = try Binary.run(["check", "--db", kept + "/office.db"])
        #expect(check.status == 0, "seed \(seed): \(check.stdout) \(check.stderr)")

        let office = try Store.open(path: kept + "/office.db", readOnly: true)
        let present = try office.presentEvents(confirmed)
        let waiting = try office.outboxDepth()
        office.close()
        #expect(present.count == confirmed.count,
                "seed \(seed): missing at the office: \(confirmed.filter { !present.contains($0) }.prefix(10))")
        #expect(waiting == 0, "seed \(seed): the final sync left \(waiting) events queued")

        let centre = try CentralDatabase.open(path: kept + "/central.db")
        defer { centre.close() }
        var atCentre: [EventID: Int] = [:]
        var after: Int64 = 0
        while true {
            let page = try centre.log(after: after, limit: 10_000)
            guard let last = page.last else { break }
            for e in page { atCentre[EventID(device: e.device, seq: e.deviceSeq), default: 0] += 1 }
            after = last.seq
        }
        let missing = confirmed.filter { atCentre[$0] == nil }
        #expect(missing.isEmpty, "seed \(seed): missing at the centre: \(missing.prefix(10))")
        let twice = atCentre.filter { $0.value > 1 }
        #expect(twice.isEmpty, "seed \(seed): applied twice at the centre: \(twice.keys.prefix(10))")
        #expect(try centre.rejections().isEmpty, "seed \(seed): the centre rejected an office's own write")
    }
}
