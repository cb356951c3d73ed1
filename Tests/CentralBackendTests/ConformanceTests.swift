import CentralPostgres
import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// The same behaviour from every central engine: what sync relies on, asserted on SQLite and on a real PostgreSQL.
@Suite struct ConformanceTests {
    @Test(arguments: Engine.allCases)
    func applyIsIdempotentByDeviceAndSequenceAndKeepsGapsAndConflictsOut(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let c = fresh.backend
        let first = try c.apply(statusEvents(device: 7, office: 140100, seqs: 1...5), check: acceptAll)
        #expect(first.appended == 5 && first.applied[7] == 5)
        let positions = try settledLog(c).map(\.seq)
        #expect(positions.count == 5 && positions == positions.sorted() && Set(positions).count == 5)
        #expect(try c.head() == positions.last)
        let again = try c.apply(statusEvents(device: 7, office: 140100, seqs: 1...5), check: acceptAll)
        #expect(again.appended == 0 && again.applied[7] == 5 && again.conflicts.isEmpty)
        let gap = try c.apply(statusEvents(device: 7, office: 140100, seqs: 7...7), check: acceptAll)
        #expect(gap.appended == 0 && gap.gaps[7] == 6)
        var changed = statusEvents(device: 7, office: 140100, seqs: 3...3)
        changed[0].payload = .unitStatus(unitID: "u1", status: .dispatched, alertID: nil)
        let copy = try c.apply(changed, check: acceptAll)
        #expect(copy.conflicts[7] == 3 && copy.appended == 0)
        let entries = try settledLog(c)
        #expect(entries.map(\.seq) == positions && entries.map(\.deviceSeq) == [1, 2, 3, 4, 5])
        #expect(try c.tag(at: positions[2]) == CentralDatabase.tag(device: 7, seq: 3))
        #expect(try c.appliedThrough(device: 7) == 5 && c.appliedThrough(device: 8) == 0)
    }

    @Test(arguments: Engine.allCases)
    func rejectionsAndQuarantineAreKeptAndAnsweredAgain(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let c = fresh.backend
        let events = statusEvents(device: 9, office: 140200, seqs: 1...3)
        let restamp = HLC(wall: 1_600_000_000_000, counter: 1, node: 9)
        let out = try c.apply(events) { e, _ in
            switch e.id.seq {
            case 1: .reject("not yours")
            case 2: .accept(CentralScope(kind: .region, region: 140200, owner: 140200), restamp: restamp, note: "ahead")
            default: .accept(CentralScope(kind: .everyone, owner: 140200))
            }
        }
        #expect(out.applied[9] == 3 && out.appended == 2 && out.rejected.map(\.1) == ["not yours"])
        #expect(out.restamps[EventID(device: 9, seq: 2)] == restamp)
        #expect(try c.rejections().map(\.reason) == ["not yours"])
        #expect(try c.quarantined().map(\.restamped) == [restamp])
        #expect(try settledLog(c).first?.event().hlc == restamp)
        #expect(try settledLog(c).last?.scope.kind == .everyone)
        let replay = try c.apply(events, check: acceptAll)
        #expect(replay.rejected.map(\.1) == ["not yours"] && replay.appended == 0)
    }

    @Test(arguments: Engine.allCases)
    func devicesBindToTheirFirstOfficeAcrossConnections(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let other = try fresh.connect()
        defer { other.close() }
        #expect(try fresh.backend.deviceOffice(42) == nil)
        #expect(try fresh.backend.register(device: 42, office: 140100) == 140100)
        #expect(try other.register(device: 42, office: 140200) == 140100)
        #expect(try other.deviceOffice(42) == 140100)
    }

    @Test(arguments: Engine.allCases)
    func epochsRotateForEveryConnectionAndPruningMovesTheHorizon(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let c = fresh.backend
        let before = c.epoch
        let new = try c.rotateEpoch(reason: "test restore")
        #expect(new != before && c.epoch == new)
        let other = try fresh.connect()
        #expect(other.epoch == new)
        other.close()
        try c.apply(statusEvents(device: 5, office: 140100, seqs: 1...10), check: acceptAll)
        let positions = try settledLog(c).map(\.seq)
        try #require(positions.count == 10)
        #expect(try c.winningEntries() == [positions[9]])
        #expect(try c.position(keepingLast: 3) == positions[6], "`central prune --keep 3` keeps the last three")
        let deleted = try c.pruneLog(through: positions[9])
        #expect(deleted == 9 && c.horizon == positions[8])
        #expect(try settledLog(c).map(\.seq) == [positions[9]])
        // A pruned store keeps numbering after its head: nothing reuses a number a client may hold.
        try c.apply(statusEvents(device: 5, office: 140100, seqs: 11...11), check: acceptAll)
        let after = try settledLog(c).map(\.seq)
        #expect(try after.count == 2 && after[0] == positions[9] && after[1] > positions[9] && c.head() == after[1])
    }

    @Test(arguments: Engine.allCases)
    func statsNameEveryOfficeWithItsLastContactAndLogSize(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let c = fresh.backend
        _ = try c.register(device: 1, office: 140100)
        _ = try c.register(device: 2, office: 140200)
        try c.apply(statusEvents(device: 1, office: 140100, seqs: 1...4), now: Date(timeIntervalSince1970: 1_800_000_000), check: acceptAll)
        let s = try c.stats()
        let last = try settledLog(c).last?.seq
        #expect(s.logEntries == 4 && s.head == last && s.logBytes > 0)
        #expect(s.offices.map(\.office) == [140100, 140200])
        #expect(s.offices.first?.lastContact == 1_800_000_000 && s.offices.first?.entries == 4)
        #expect(s.offices.last?.lastContact == nil && s.offices.last?.devices == 1)
    }

    /// Offices sync through the real server session on each engine: scopes decide who reads what, a bootstrap
    /// arrives in small checksummed chunks, the write rules refuse another office's record.
    @Test(arguments: Engine.allCases)
    func officesSyncThroughTheEngineWithScopesChunksAndRules(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let clock = ManualClock()
        func office(_ code: RegionCode) throws -> (TestStore, SyncClient) {
            let t = try TestStore(office: code, officeName: "office \(code)", operatorName: "op", clock: clock)
            var options = SyncOptions()
            options.pullBatch = 2
            var server = ServerOptions()
            server.clock = clock
            let central = fresh.backend
            return (t, SyncClient(store: t.store, options: options) {
                LoopbackTransport(session: ServerSession(central: central, office: code, options: server))
            })
        }
        let (taiyuan, tyClient) = try office(140100)
        let (datong, dtClient) = try office(140200)
        let (province, pvClient) = try office(140000)
        func unit(_ store: Store, _ id: String, _ region: RegionCode) throws {
            clock.advance(milliseconds: 1_000)
            try store.record(.fields(RecordRef(.unit, id), ["kind": "fireRescue", "name": "站\(id)", "region": String(region),
                                                            "strength": "20", "contact": "0351"]))
        }
        for i in 0..<3 { try unit(taiyuan.store, "ty\(i)", 140100) }
        try unit(datong.store, "dt0", 140200)
        _ = try tyClient.syncOnce()
        _ = try dtClient.syncOnce()
        _ = try pvClient.syncOnce()
        _ = try dtClient.syncOnce()
        let seenByProvince = Set(try province.store.units(UnitQuery()).map(\.id))
        #expect(seenByProvince == ["ty0", "ty1", "ty2", "dt0"])
        #expect(Set(try datong.store.units(UnitQuery()).map(\.id)) == ["dt0"])
        // Datong writing Taiyuan's unit: refused at the centre, whatever the engine.
        clock.advance(milliseconds: 1_000)
        datong.store.bypassesWritePolicy = true
        try datong.store.record(.fields(RecordRef(.unit, "ty0"), ["name": "forged"]))
        datong.store.bypassesWritePolicy = false
        let report = try dtClient.syncOnce()
        #expect(report.rejected.count == 1)
        _ = try tyClient.syncOnce()
        #expect(try taiyuan.store.units(UnitQuery()).first { $0.id == "ty0" }?.name == "站ty0")
        #expect(try fresh.backend.rejections().count == 1)
    }
}
