import CentralPostgres
import Foundation
import Model
@testable import Store
import Synchronization
import Testing
import TestSupport
@testable import Sync

/// Concurrent writers on their own connections, with random delays inside their transactions and random aborts;
/// a reader following the log by position (`seq > last`) must see every committed event exactly once, in
/// increasing positions, and nothing an aborted transaction wrote.
@Suite struct OrderedLogTests {
    @Test(arguments: Engine.allCases, Seeds.list(default: [11]))
    func aFollowingReaderSeesEveryCommittedEventExactlyOnce(_ engine: Engine, _ seed: Seed) throws {
        let s = try seed.value
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        // DUTYDESK_ORDERED_LOG=WRITERS,TRANSACTIONS scales it up (the proof: 32,3125 = 100,000 transactions).
        let scale = (ProcessInfo.processInfo.environment["DUTYDESK_ORDERED_LOG"] ?? "").split(separator: ",").compactMap { Int($0) }
        let writers = scale.count == 2 ? scale[0] : 8
        let transactions = scale.count == 2 ? scale[1] : (engine == .postgres ? 60 : 30)
        let committed = Mutex<Set<EventID>>([])
        let failures = Mutex<[String]>([])
        let done = Mutex(0)
        let group = DispatchGroup()
        for w in 0..<writers {
            let handed = Handed(try fresh.connect())
            group.enter()
            Thread {
                let conn = handed.backend
                defer { conn.close(); done.withLock { $0 += 1 }; group.leave() }
                var rng = SplitMix(seed: s &+ UInt64(w) &* 0x9E37)
                let device = DeviceID(1000 + w)
                var next: Int64 = 1
                for _ in 0..<transactions {
                    let n = Int64(1 + rng.next() % 5)
                    let batch = statusEvents(device: device, office: 140100, seqs: next...(next + n - 1), unit: "u\(w)")
                    let abort = rng.next() % 4 == 0
                    // Now and then a transaction stays open long enough for many others to commit past it.
                    let delay = useconds_t(rng.next() % 16 == 0 ? 40_000 : rng.next() % 3_000)
                    do {
                        _ = try conn.apply(batch) { e, l in
                            if e.id.seq == next + n - 1 {
                                usleep(delay)
                                if abort { throw BackendTestError("abort") }
                            }
                            return try acceptAll(e, l)
                        }
                        committed.withLock { for e in batch { $0.insert(e.id) } }
                        next += n
                    } catch let e as BackendTestError where e.description == "abort" {
                        continue
                    } catch {
                        failures.withLock { $0.append("writer \(w): \(error)") }
                        return
                    }
                }
            }.start()
        }
        let reader = try fresh.connect()
        defer { reader.close() }
        var seen: [EventID: Int] = [:]
        var last: Int64 = 0
        var order: [Int64] = []
        while true {
            let finished = done.withLock { $0 } == writers
            // Once the writers are done, `head` returns only when everything they committed is served.
            if finished { _ = try reader.head() }
            let page = try reader.log(after: last, limit: 500)
            for entry in page {
                seen[EventID(device: entry.device, seq: entry.deviceSeq), default: 0] += 1
                order.append(entry.seq)
                last = entry.seq
            }
            if finished && page.isEmpty { break }
            if page.isEmpty { usleep(200) }
        }
        group.wait()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 }) — \(seed)")
        let expected = committed.withLock { $0 }
        let missed = expected.subtracting(seen.keys), phantom = Set(seen.keys).subtracting(expected)
        #expect(missed.isEmpty, "the reader missed \(missed.count) committed events, e.g. \(missed.sorted().prefix(3)) — \(seed)")
        #expect(phantom.isEmpty, "the reader saw \(phantom.count) events no writer committed — \(seed)")
        #expect(seen.values.allSatisfy { $0 == 1 }, "an event was read twice — \(seed)")
        #expect(order == order.sorted(), "positions went backwards — \(seed)")
        #expect(!expected.isEmpty)
        print("ordered log on \(engine): \(writers) writers × \(transactions) transactions, \(expected.count) events committed, each read once — \(seed)")
    }
}

/// The watermark on PostgreSQL counts this database's transactions only: an older transaction in this database
/// holds back what readers are served until it ends; one in another database on the same server does not.
@Suite struct WatermarkTests {
    @Test func onlyThisDatabasesTransactionsHoldBackTheLog() throws {
        let fresh = try FreshCentral(.postgres)
        defer { withExtendedLifetime(fresh) {} }
        let c = fresh.backend
        let elsewhere = try PGConnection(try FreshCentral.serverURL())
        defer { elsewhere.close() }
        try elsewhere.run("BEGIN")
        _ = try elsewhere.int("SELECT pg_current_xact_id()::text::int8")
        try c.apply(statusEvents(device: 1, office: 140100, seqs: 1...3), check: acceptAll)
        #expect(try c.log(after: 0, limit: 10).count == 3, "a transaction in another database held back the log")

        let here = try PGConnection(fresh.location)
        defer { here.close() }
        try here.run("BEGIN")
        _ = try here.int("SELECT pg_current_xact_id()::text::int8")
        try c.apply(statusEvents(device: 1, office: 140100, seqs: 4...6), check: acceptAll)
        #expect(try c.log(after: 0, limit: 10).count == 3, "served past a transaction of this database that may still write below")
        try here.run("COMMIT")
        #expect(try c.log(after: 0, limit: 10).map(\.deviceSeq) == [1, 2, 3, 4, 5, 6])
        try elsewhere.run("ROLLBACK")
    }
}

/// A small deterministic generator (the test's seed decides every delay and abort).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
