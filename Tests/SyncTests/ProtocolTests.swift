import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

@Suite struct ProtocolTests {
    /// Province 140000 (items), city Taiyuan 140100 (a depot), county Qingxu 140121 (a unit and a depot).
    static func province() throws -> (TestCentre, TestOffice, TestOffice, TestOffice) {
        let centre = try TestCentre()
        let province = try TestOffice(140000, centre: centre)
        let city = try TestOffice(140100, centre: centre)
        let county = try TestOffice(140121, centre: centre)
        try province.make(.fields(RecordRef(.item, item), ["name": "帐篷", "nameEN": "Tent", "category": "shelter", "uom": "顶", "uomEN": "tent"]))
        try city.depot("D140100")
        try city.stock("D140100", item, 100)
        try county.depot("D140121")
        try county.unit("U0121-001")
        try county.stock("D140121", item, 40)
        for o in [province, city, county] { try o.sync() }
        for o in [province, city, county] { try o.sync() }
        return (centre, province, city, county)
    }

    @Test func officesSeeTheirJurisdiction() throws {
        let (centre, province, city, county) = try Self.province()
        #expect(try centre.db.stockTotals() == ["D140100|\(item)": 100, "D140121|\(item)": 40])
        // The city sees its county's unit and depot; the county does not see the city's depot.
        #expect(try city.store.units(UnitQuery()).map(\.id) == ["U0121-001"])
        #expect(Set(try city.store.depots().map(\.id)) == ["D140100", "D140121"])
        #expect(try county.store.depots().map(\.id) == ["D140121"])
        #expect(try county.store.items().map(\.id) == [item])
        #expect(Set(try province.store.depots().map(\.id)) == ["D140100", "D140121"])
        for o in [province, city, county] { #expect(try o.store.outboxDepth() == 0) }
    }

    @Test func anIdleCycleIsOneSmallRoundTrip() throws {
        let (_, _, city, _) = try Self.province()
        let r = try city.sync()
        #expect(r.roundTrips == 1)
        #expect(r.pushed == 0 && r.pulled == 0)
        #expect(r.bytesSent <= 200, "idle request \(r.bytesSent) bytes")
        #expect(r.bytesReceived <= 200, "idle answer \(r.bytesReceived) bytes")
    }

    @Test func pushingAnotherOfficesStockRejectsExactlyThatEvent() throws {
        let (centre, _, city, county) = try Self.province()
        let before = try centre.db.stockTotals()
        try county.stock("D140121", item, -5)
        let foreign = try county.make(.stock(StockMovement(depot: "D140100", item: item, delta: -30, kind: .issue, reason: "越权")))
        try county.make(.unitStatus(unitID: "U0121-001", status: .training, alertID: nil))
        let r = try county.sync()
        #expect(r.rejected == [Rejection(id: foreign.id,
                                         reason: "office 140121 may not write stock of depot D140100 (owned by 140100)")])
        #expect(r.pushed == 3)
        #expect(try county.store.outboxDepth() == 0)
        var expected = before
        expected["D140121|\(item)"]! -= 5
        #expect(try centre.db.stockTotals() == expected)
        #expect(try centre.db.rejections().map(\.id) == [foreign.id])
        // The city never receives the refused movement.
        try city.sync()
        var q = StockQuery(); q.depot = "D140100"
        #expect(try city.store.stock(q).first?.line.quantity == 100)
        // Resending (a lost answer) acknowledges again and repeats the reason.
        let again = try centre.db.apply([foreign]) { _, _ in .reject("unreachable") }
        #expect(again.rejected.map(\.1) == ["office 140121 may not write stock of depot D140100 (owned by 140100)"])
    }

    @Test func cancellingAnAlertIsForItsIssuerOrASuperior() throws {
        let (_, province, city, county) = try Self.province()
        let alert = Alert(identifier: "140121-1", sender: "x", sent: Date(timeIntervalSince1970: 1_780_000_000),
                          headline: "清徐县暴雨蓝色预警", areas: [140121], level: .blue, hazard: .rainstorm)
        try county.make(.alert(alert))
        try county.sync()
        var cancel = alert
        cancel.identifier = "140121-1-x"; cancel.msgType = .cancel; cancel.references = ["140121-1"]
        // The city above the issuer may cancel it; a county may not issue for the whole city.
        try city.sync()
        try city.make(.alert(cancel))
        let r = try city.sync()
        #expect(r.rejected.isEmpty)
        #expect(r.pushed == 1)
        let raise = Alert(identifier: "140100-9", sender: "x", sent: Date(timeIntervalSince1970: 1_780_000_000),
                          headline: "全市", areas: [140100], level: .yellow, hazard: .rainstorm)
        let outside = try county.make(.alert(raise))
        let r2 = try county.sync()
        #expect(r2.rejected.map(\.id) == [outside.id])
        try province.sync()
        #expect(try province.store.alert(id: "140121-1")?.state == .cancelled)
    }

    @Test func aClockFarAheadIsRestampedAndQuarantinedWithoutWedging() throws {
        let (centre, _, city, county) = try Self.province()
        county.clock.advance(by: 3 * 3600)   // three hours ahead of everyone else
        let ahead = try county.make(.unitStatus(unitID: "U0121-001", status: .standby, alertID: nil))
        let r = try county.sync()
        #expect(r.quarantined == [ahead.id])
        #expect(r.rejected.isEmpty && r.waiting == 0)
        let q = try centre.db.quarantined()
        #expect(q.map(\.id) == [ahead.id])
        #expect(q.first?.original == ahead.hlc)
        #expect(q.first.map { $0.restamped < ahead.hlc } == true)
        try city.sync()
        #expect(try city.store.units(UnitQuery()).first?.status == .standby)
    }

    @Test func aCentreRestoredFromAnOlderCopyGetsTheLostEventsAgain() throws {
        let (centre, _, city, county) = try Self.province()
        let backup = centre.directory.file("backup.db")
        try centre.whileClosed { path in try FileManager.default.copyItem(atPath: path, toPath: backup) }
        // Their sessions held the closed connection (using it again is undefined behaviour in SQLite): reconnect.
        for o in [city, county] { o.client.close() }
        let oldEpoch = centre.db.epoch
        // After the backup: more work reaches the centre and the other office.
        for i in 1...30 { try county.stock("D140121", item, Int64(i)) }
        try county.sync()
        try city.sync()
        let expected = try centre.db.stockTotals()
        #expect(expected["D140121|\(item)"] == Int64(40 + 465))
        // Disaster: the centre's file is replaced by the older copy.
        try centre.whileClosed { path in
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try FileManager.default.copyItem(atPath: backup, toPath: path)
        }
        for o in [city, county] { o.client.close() }
        #expect(try centre.db.stockTotals()["D140121|\(item)"] == 40)
        let r = try county.sync()
        #expect(r.epochChanged)
        #expect(centre.db.epoch != oldEpoch)
        #expect(try centre.db.stockTotals() == expected)
        #expect(try county.store.outboxDepth() == 0)
        // The other office notices the new epoch too, re-reads its scope, and ends in the same state.
        let cityBefore = try city.store.stateLines()
        let r2 = try city.sync()
        #expect(r2.epochChanged)
        #expect(try city.store.stateLines() == cityBefore)
        #expect(try centre.db.eventCount() == 6 + 30)
    }

    @Test func aDroppedBootstrapResumesAtTheChunkItLost() throws {
        let centre = try TestCentre()
        let city = try TestOffice(140100, centre: centre)
        try city.depot("D140100")
        for i in 0..<1_200 { try city.stock("D140100", item, Int64(i % 7 + 1)) }
        try city.sync()
        // A new laptop for the same office, small chunks, a link that dies after three answer frames.
        var options = SyncOptions(); options.pullBatch = 100
        let link = FrameBudget(frames: 3)
        let laptop = try TestOffice(140100, centre: centre, options: options) { LimitedTransport(session: $0, budget: link) }
        #expect(throws: SyncError.self) { try laptop.sync() }
        #expect(try laptop.store.meta(SyncState.snapshotKey) != nil)
        link.frames = .max
        let r = try laptop.sync()
        let total = 13  // 1,201 events in chunks of 100
        #expect(r.snapshotChunks == total - 3, "resumed after the 3 chunks that arrived")
        #expect(try laptop.store.stateLines() == city.store.stateLines())
        #expect(try laptop.store.meta(SyncState.snapshotKey) == nil)
    }
}

/// How many answer frames a link still delivers.
final class FrameBudget: @unchecked Sendable { var frames: Int; init(frames: Int) { self.frames = frames } }

/// A loopback that stops delivering answers once its budget is spent (the link dropped).
final class LimitedTransport: SyncTransport {
    let inner: LoopbackTransport
    let budget: FrameBudget
    init(session: ServerSession, budget: FrameBudget) { inner = LoopbackTransport(session: session); self.budget = budget }
    func send(_ frame: [UInt8]) throws { try inner.send(frame) }
    func receive() throws -> [UInt8] {
        guard budget.frames > 0 else { throw SyncError.connection("link dropped") }
        budget.frames -= 1
        return try inner.receive()
    }
    func close() { inner.close() }
}
