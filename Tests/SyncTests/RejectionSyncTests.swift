import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// The office and the centre enforce one write policy; what the centre still rejects (a store that skipped the
/// office-side check) is undone at the office, counted, and does not come back with a re-bootstrap; a transfer
/// between two offices converges through sync as a request and its acceptance.
@Suite struct RejectionSyncTests {
    private func quantity(_ s: Store, _ depot: String) throws -> Int64? {
        var q = StockQuery(); q.depot = depot
        return try s.stock(q).first?.line.quantity
    }

    @Test func theOfficeRefusesWithTheCentresOwnReason() throws {
        let (_, _, city, _) = try ProtocolTests.province()
        let forbidden: [EventPayload] = [
            .stock(StockMovement(depot: "D140121", item: item, delta: -30, kind: .issue)),
            .unitStatus(unitID: "U0121-001", status: .training, alertID: nil),
            .fields(RecordRef(.depot, "D140121"), ["name": "改名"]),
            .alert(Alert(identifier: "W-1", sender: "x", sent: Date(timeIntervalSince1970: 1_780_000_000), headline: "全省",
                         areas: [140000], level: .yellow, hazard: .rainstorm)),
        ]
        var local: [String] = []
        for p in forbidden {
            do {
                try city.store.record(p)
                Issue.record("the office accepted \(p.tag)")
            } catch let e as StoreError {
                #expect(e.code == .refused)
                local.append(e.description)
            }
        }
        #expect(try city.store.outboxDepth() == 0)
        let pushed = try forbidden.map { try city.make($0) }
        let r = try city.sync()
        #expect(r.rejected.map(\.id) == pushed.map(\.id))
        #expect(r.rejected.map(\.reason) == local, "the office and the centre must give the same reason")
    }

    @Test func aRejectedEventIsUndoneCountedAndStaysUndoneAfterAReBootstrap() throws {
        let (centre, _, city, county) = try ProtocolTests.province()
        let before = try city.store.stateLines()
        let foreign = try city.make(.stock(StockMovement(depot: "D140121", item: item, delta: -30, kind: .issue, reason: "越权")))
        let status = try city.make(.unitStatus(unitID: "U0121-001", status: .training, alertID: nil))
        #expect(try quantity(city.store, "D140121") == 10, "applied locally before the centre answers")
        let r = try city.sync()
        #expect(Set(r.rejected.map(\.id)) == [foreign.id, status.id])
        #expect(r.undone == 2)
        #expect(try city.store.stateLines() == before)
        #expect(try city.store.check().isEmpty)
        #expect(try city.store.stats().rejected == 2)
        #expect(try city.store.rejectionCounts().unacknowledged == 2)
        #expect(try city.store.outboxDepth() == 0)
        // The centre never had it; the county never sees it.
        #expect(try centre.db.stockTotals()["D140121|\(item)"] == 40)
        try county.sync()
        #expect(try quantity(county.store, "D140121") == 40)

        // Re-bootstrap: forget the sync position, so the next sync reads the whole scope again as a snapshot.
        for key in [SyncState.epochKey, SyncState.cursorKey, SyncState.snapshotKey] { try city.store.setMeta(key, nil) }
        let again = try city.sync()
        #expect(again.snapshotChunks > 0)
        #expect(again.rejected.isEmpty)
        #expect(try city.store.stateLines() == before)
        #expect(try city.store.check().isEmpty)
        #expect(try city.store.stats().rejected == 2)
        // A new laptop for the same office bootstraps to the same view.
        let laptop = try TestOffice(140100, centre: centre)
        try laptop.sync()
        #expect(try laptop.store.stateLines() == before)
    }

    @Test func aTransferBetweenTwoOfficesConvergesAsARequestAndItsAcceptance() throws {
        let (centre, _, city, county) = try ProtocolTests.province()
        let sent = try city.store.transferStock(from: "D140100", to: "D140121", item: item, quantity: 30, reason: "支援")
        #expect(sent.count == 1)
        let r = try city.sync()
        #expect(r.rejected.isEmpty && r.pushed == 1)
        #expect(try centre.db.stockTotals() == ["D140100|\(item)": 70, "D140121|\(item)": 40])
        try county.sync()
        let pending = try county.store.transfers(pendingOnly: true)
        #expect(pending.count == 1 && pending.first?.destinationOwner == 140121)
        let id = try #require(pending.first?.id)
        try county.store.acceptTransfer(id: id)
        let r2 = try county.sync()
        #expect(r2.rejected.isEmpty && r2.pushed == 1)
        try city.sync()
        #expect(try centre.db.stockTotals() == ["D140100|\(item)": 70, "D140121|\(item)": 70])
        for o in [city, county] {
            #expect(try o.store.transfers(pendingOnly: true).isEmpty)
            #expect(try quantity(o.store, "D140121") == 70)
            #expect(try o.store.check().isEmpty)
        }
        #expect(try quantity(city.store, "D140100") == 70)
    }
}
