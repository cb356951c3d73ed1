import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// An office's store file reopened with its own in-process client (the office's first connection closed, so
/// the file could be copied whole without touching it under an open connection).
final class Laptop {
    let store: Store
    let client: SyncClient
    init(path: String, office: RegionCode, centre: TestCentre, clock: ManualClock) throws {
        store = try Store.open(path: path, clock: clock)
        client = SyncClient(store: store) { LoopbackTransport(session: centre.session(office: office)) }
    }
    deinit { store.close() }

    func stock(_ delta: Int64, _ reason: String = "测试") throws {
        try store.record(.stock(StockMovement(depot: "D140121", item: item, delta: delta, kind: delta < 0 ? .issue : .receive, reason: reason)))
    }
}

@Suite struct IdentityTests {
    /// Closes the office's store (checkpointing it), copies the file to `name` and reopens both: the original
    /// laptop and its copy.
    static func twins(_ office: TestOffice, centre: TestCentre, name: String) throws -> (Laptop, Laptop) {
        office.client.close()
        office.store.close()
        let copy = office.test.directory.file(name)
        try FileManager.default.copyItem(atPath: office.store.path, toPath: copy)
        return (try Laptop(path: office.store.path, office: office.code, centre: centre, clock: office.clock),
                try Laptop(path: copy, office: office.code, centre: centre, clock: office.clock))
    }

    @Test func aClonedLaptopIsReRegisteredAndNothingIsLost() throws {
        let (centre, _, city, county) = try ProtocolTests.province()
        let (original, clone) = try Self.twins(county, centre: centre, name: "clone.db")
        let device = original.store.identity.device
        #expect(clone.store.identity.device == device)
        // Both write, offline; the original syncs first.
        try original.stock(7)
        try original.store.record(.unitStatus(unitID: "U0121-001", status: .training, alertID: nil))
        try clone.stock(11, "克隆")
        try clone.stock(-2, "克隆")
        let first = try original.client.syncOnce()
        #expect(first.pushed == 2 && first.reregistered.isEmpty)
        let second = try clone.client.syncOnce()
        let r = try #require(second.reregistered.first, "\(second)")
        #expect(r.oldDevice == device && r.newDevice != device && r.reissued == 2 && r.from == 4)
        #expect(second.description.contains("this store was a copy of device \(String(device, radix: 16)); re-registered as \(String(r.newDevice, radix: 16)), re-sent 2 events"),
                "\(second)")
        #expect(second.rejected.isEmpty && second.waiting == 0)
        #expect(clone.store.identity.device == r.newDevice)
        // Every change is at the centre exactly once.
        #expect(try centre.db.stockTotals()["D140121|\(item)"] == 40 + 7 + 11 - 2)
        #expect(try centre.db.deviceOffice(r.newDevice) == 140121)
        // Both copies keep syncing, and converge with each other.
        try clone.stock(1, "克隆")
        try original.stock(100)
        for _ in 0..<2 {
            #expect(try clone.client.syncOnce().reregistered.isEmpty)
            #expect(try original.client.syncOnce().reregistered.isEmpty)
            try city.sync()
        }
        #expect(try centre.db.stockTotals()["D140121|\(item)"] == 40 + 7 + 11 - 2 + 1 + 100)
        #expect(try clone.store.stateLines() == original.store.stateLines())
        #expect(try clone.store.check() == [])
        #expect(try original.store.check() == [])
        #expect(try clone.store.outboxDepth() == 0 && original.store.outboxDepth() == 0)
    }

    @Test func aLaptopRestoredFromItsOwnBackupIsReRegisteredAndGetsItsLaterWorkBack() throws {
        let (centre, _, _, county) = try ProtocolTests.province()
        try county.stock("D140121", item, 1)  // waiting in the backup's outbox, synced later by the original
        let (original, backup) = try Self.twins(county, centre: centre, name: "backup.db")
        // The original goes on: the pending event and five more reach the centre.
        for i in 2...6 { try original.stock(Int64(i)) }
        _ = try original.client.syncOnce()
        #expect(try centre.db.stockTotals()["D140121|\(item)"] == 40 + 21)
        // The disk dies; the laptop is restored from the backup and the officer records one more movement.
        try backup.stock(1_000, "恢复后")
        let r = try backup.client.syncOnce()
        let re = try #require(r.reregistered.first, "\(r)")
        #expect(re.reissued == 1 && re.from == 5)  // 1…3: setup; 4: the +1 pending in the backup, which the centre has as is
        #expect(try centre.db.stockTotals()["D140121|\(item)"] == 40 + 21 + 1_000)
        // The restored laptop gets back what it did after the backup (now another device's events to it).
        #expect(try backup.store.stock(StockQuery()).first { $0.line.depot == "D140121" }?.line.quantity == 40 + 21 + 1_000)
        #expect(try backup.store.check() == [])
        #expect(try backup.store.outboxDepth() == 0)
    }

    @Test func aDeviceOfAnotherOfficeIsRefusedAndNothingMoves() throws {
        let (centre, _, city, county) = try ProtocolTests.province()
        let before = try EpochTests.fingerprint(centre)
        let cityDevice = city.store.identity.device
        let cityApplied = try centre.db.appliedThrough(device: cityDevice)
        // The county sets its store's device to the city's (seen in pulled events) and pushes.
        county.client.close()
        try county.store.setMeta("store.device", String(cityDevice))
        let forged = try county.test.reopen()
        defer { forged.close() }
        #expect(forged.identity.device == cityDevice)
        try forged.record(.stock(StockMovement(depot: "D140121", item: item, delta: 5, kind: .receive, reason: "冒用")))
        let client = SyncClient(store: forged) { LoopbackTransport(session: centre.session(office: 140121)) }
        let error = #expect(throws: SyncError.self) { try client.syncOnce() }
        #expect(error?.kind == .refused)
        #expect(error?.description.contains("is registered to office 140100; this connection is office 140121") == true,
                "\(String(describing: error))")
        #expect(try EpochTests.fingerprint(centre) == before)
        #expect(try centre.db.appliedThrough(device: cityDevice) == cityApplied)
        // The city's own next event still goes through.
        try city.depot("D140100B")
        #expect(try city.sync().pushed == 1)
    }

    @Test func aSequenceNumberSeenWithOtherContentIsAConflictNeverADuplicate() throws {
        let (centre, _, _, county) = try ProtocolTests.province()
        let pushed = try county.store.pendingEvents(limit: 10)
        #expect(pushed.isEmpty)
        let device = county.store.identity.device
        let high = try county.store.ownDeviceHigh()
        // Event `high` again, with other content, straight on the wire.
        var other = Event(id: EventID(device: device, seq: high), office: 140121, operator: "x", hlc: HLC(wall: 1, counter: 0, node: device),
                          payload: .stock(StockMovement(depot: "D140121", item: item, delta: 999, kind: .receive, reason: "重放")))
        let before = try EpochTests.fingerprint(centre)
        var req = try EpochTests.request(county, centre: centre)
        req.events = [other]
        let (answers, error) = try RawClient(session: centre.session(office: 140121)).send(req)
        #expect(error == nil)
        #expect(answers.first?.conflict == high)
        #expect(answers.first?.applied[device] == high - 1)
        #expect(answers.first?.pull == nil)
        #expect(try EpochTests.fingerprint(centre) == before)
        // The same seq with the same content is a duplicate, acknowledged as before.
        let logged = try centre.db.log(after: 0, limit: 100_000).first { $0.device == device && $0.deviceSeq == high }
        other = try #require(logged).event()
        req.events = [other]
        let (again, _) = try RawClient(session: centre.session(office: 140121)).send(req)
        #expect(again.first?.conflict == nil && again.first?.applied[device] == high)
        #expect(try EpochTests.fingerprint(centre) == before)
    }
}
