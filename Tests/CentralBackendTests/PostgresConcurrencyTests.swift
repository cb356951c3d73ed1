import CentralPostgres
import Foundation
import Model
@testable import Store
import Synchronization
import Testing
import TestSupport
@testable import Sync

/// What concurrent writers on PostgreSQL could do to each other that one writer at a time cannot: a reader of
/// another role reading the watermark, a deadlock undone by the server, and write rules reading what another
/// batch is creating.
@Suite struct PostgresConcurrencyTests {
    /// Two non-superuser roles without pg_read_all_stats (the setup docs/central.md describes for more than one
    /// role): a reader of one role must not serve past a transaction of the other that is still running.
    @Test func aReaderOfAnotherRoleDoesNotServePastARunningWriter() throws {
        let server = try FreshCentral.serverURL()
        let admin = try PGConnection(server)
        defer { admin.close() }
        let tag = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let (roleA, roleB, name) = ("dd_wa_" + tag, "dd_wb_" + tag, "dd_roles_" + tag)
        try admin.run("CREATE ROLE \(roleA) LOGIN NOSUPERUSER")
        try admin.run("CREATE ROLE \(roleB) LOGIN NOSUPERUSER")
        try admin.run("CREATE DATABASE \(name) OWNER \(roleA)")
        defer {
            _ = try? admin.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            _ = try? admin.run("DROP ROLE IF EXISTS \(roleA)")
            _ = try? admin.run("DROP ROLE IF EXISTS \(roleB)")
        }
        func url(_ role: String) throws -> String {
            guard var c = URLComponents(string: server) else { throw BackendTestError("DUTYDESK_PG_URL is not a URL") }
            c.path = "/" + name
            c.queryItems = (c.queryItems ?? []).filter { $0.name != "user" } + [URLQueryItem(name: "user", value: role)]
            return c.string!
        }
        let writerA = try CentralPostgres.create(try url(roleA))
        let grant = try PGConnection(try url(roleA))
        try grant.run("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(roleB)")
        grant.close()
        let writerB = try CentralStore.open(try url(roleB))
        let readerB = try CentralStore.open(try url(roleB))
        defer { writerB.close(); readerB.close() }
        // The precondition: B may not read A's sessions (their queries are hidden from it).
        let peek = try PGConnection(try url(roleB))
        defer { peek.close() }

        let inside = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let handed = Handed(writerA)
        let failure = Mutex<String?>(nil)
        Thread {
            defer { handed.backend.close(); done.signal() }
            do {
                _ = try handed.backend.apply(statusEvents(device: 1, office: 140100, seqs: 1...1)) { e, l in
                    inside.signal()
                    release.wait()
                    return try acceptAll(e, l)
                }
            } catch { failure.withLock { $0 = "\(error)" } }
        }.start()
        inside.wait()
        let hidden = try peek.text("SELECT query FROM pg_stat_activity WHERE usename = $1 AND backend_xid IS NOT NULL", roleA)
        #expect(hidden == "<insufficient privilege>", "role B sees A's session in full: the test proves nothing")
        // B commits an entry after A took its transaction id: it must wait for A to be served.
        _ = try writerB.apply(statusEvents(device: 2, office: 140100, seqs: 1...1), check: acceptAll)
        let early = try readerB.log(after: 0, limit: 100)
        #expect(early.isEmpty, "served \(early.map(\.device)) while role A's older transaction still runs")
        release.signal()
        done.wait()
        #expect(failure.withLock { $0 } == nil, "\(failure.withLock { $0 } ?? "")")
        let all = try settledLog(readerB)
        #expect(all.map(\.device) == [1, 2], "the log as served to role B: \(all.map(\.device))")
    }

    /// A batch the server picks as a deadlock's victim (40P01) runs again: every event applied once, none twice.
    /// The deadlock is real: another transaction holds the unit-status row the batch must write, then asks for
    /// the device row the batch holds.
    @Test func aBatchUndoneByADeadlockRunsAgainAndLosesNothing() throws {
        let fresh = try FreshCentral(.postgres)
        defer { withExtendedLifetime(fresh) {} }
        _ = try fresh.backend.apply(statusEvents(device: 1, office: 140100, seqs: 1...1), check: acceptAll)
        let other = try PGConnection(fresh.location)
        let watch = try PGConnection(fresh.location)
        defer { other.close(); watch.close() }
        try other.run("BEGIN")
        try other.run("SET LOCAL deadlock_timeout = '60s'")  // the batch's backend finds the deadlock and yields
        _ = try other.int("SELECT 1::int8 FROM unit_status WHERE unit = 'u1' FOR UPDATE")

        let handed = Handed(try fresh.connect())
        let checks = Atomic<Int>(0)
        let result = Mutex<Result<CentralApplyOutcome, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            defer { handed.backend.close(); done.signal() }
            let r = Result { try handed.backend.apply(statusEvents(device: 1, office: 140100, seqs: 2...3)) { e, l in
                checks.add(1, ordering: .relaxed)
                return try acceptAll(e, l)
            } }
            result.withLock { $0 = r }
        }.start()
        // Wait until the batch waits for the unit-status row, then close the circle.
        var waits = 0
        for _ in 0..<2_000 where waits == 0 {
            waits = Int(try watch.int("""
                SELECT count(*)::int8 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND query LIKE '%unit_status%'
                """) ?? 0)
            if waits == 0 { usleep(5_000) }
        }
        #expect(waits == 1)
        _ = try other.int("SELECT device FROM devices WHERE device = 1 FOR UPDATE")
        try other.run("COMMIT")
        done.wait()
        let outcome = try #require(try result.withLock { $0 }?.get())
        #expect(outcome.applied[1] == 3 && outcome.appended == 2)
        #expect(checks.load(ordering: .relaxed) == 4, "checked \(checks.load(ordering: .relaxed)) times: the batch did not run twice")
        let log = try settledLog(fresh.backend)
        #expect(log.map(\.deviceSeq) == [1, 2, 3])
        #expect(try fresh.backend.appliedThrough(device: 1) == 3)
        #expect(try fresh.backend.winningEntries() == [log[2].seq])
    }
}

/// Write rules reading what a concurrent batch creates: two devices of one office each create a unit and set the
/// status of the unit the other creates, at the same moment. In any serial order exactly one status finds its
/// unit; read without a lock, each batch could miss the other's unit and both be refused.
@Suite struct ConcurrentRulesTests {
    @Test(arguments: Engine.allCases)
    func twoBatchesCreatingWhatEachOtherReadsTakeTurns(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let clock = ManualClock()
        let writers = [Handed(try fresh.connect()), Handed(try fresh.connect())]
        defer { for w in writers { w.backend.close() } }
        for round in 0..<4 {
            let units = ["a\(round)", "b\(round)"]
            let refused = Mutex<[String]>([])
            let failures = Mutex<[String]>([])
            let start = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            for w in 0..<2 {
                group.enter()
                let handed = writers[w]
                Thread {
                    defer { group.leave() }
                    let device = DeviceID(10 + w)
                    let seq = Int64(2 * round + 1)
                    func event(_ s: Int64, _ payload: EventPayload) -> Event {
                        Event(id: EventID(device: device, seq: s), office: 140100, operator: "op",
                              hlc: HLC(wall: 1_700_000_000_000 + s, counter: 0, node: device), payload: payload)
                    }
                    let batch = [event(seq, .fields(RecordRef(.unit, units[w]), ["name": units[w], "region": "140100"])),
                                 event(seq + 1, .unitStatus(unitID: units[1 - w], status: .standby, alertID: nil))]
                    var policy = WritePolicy(office: 140100, clock: clock, maxDriftMilliseconds: .max / 2)
                    start.wait()
                    do {
                        let out = try handed.backend.apply(batch) { e, l in
                            let verdict = try policy.verdict(e, l)
                            if case .unitStatus = e.payload { usleep(100_000) }  // the other batch reads meanwhile
                            return verdict
                        }
                        refused.withLock { $0 += out.rejected.map(\.1) }
                    } catch { failures.withLock { $0.append("\(error)") } }
                }.start()
            }
            start.signal(); start.signal()
            group.wait()
            #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
            let reasons = refused.withLock { $0 }
            #expect(reasons.count == 1, "round \(round) on \(engine): \(reasons.count) statuses refused: \(reasons)")
        }
    }
}
