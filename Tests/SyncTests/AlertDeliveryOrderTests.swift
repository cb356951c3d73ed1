import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// Every office reaches the same chain whatever order sync delivers its messages in (issue 9, item 4): the city's
/// desks each import one message of a chain (two Updates and an info-less Cancel of one original) and push them in
/// every one of the 6 orders; the county takes each as it comes, the province all at once, another county desk half way.
@Suite struct AlertDeliveryOrderTests {
    static let sender = AlertChainSyncTests.sender
    static let root = "\(sender),ORDER-1,2026-07-12T08:00:00+08:00"
    static let original = AlertChainSyncTests.doc("ORDER-1", sent: "2026-07-12T08:00:00+08:00", type: "Alert", headline: "原始橙色")
    static let later = [
        AlertChainSyncTests.doc("ORDER-1-u1", sent: "2026-07-12T09:00:00+08:00", type: "Update", refs: [root], headline: "第一次更新"),
        AlertChainSyncTests.doc("ORDER-1-u2", sent: "2026-07-12T09:30:00+08:00", type: "Update", refs: [root], headline: "第二次更新"),
        AlertChainSyncTests.doc("ORDER-1-c", sent: "2026-07-12T10:00:00+08:00", type: "Cancel", refs: [root], headline: nil),
    ]

    /// What an office shows of the chain, and every message it holds (each under its own triplet).
    static func chain(_ store: Store) throws -> String {
        guard let (row, messages) = try store.alertChain(id: "ORDER-1") else { return "missing" }
        let ids = messages.map { "\($0.msgType.rawValue):\($0.identifier)" }.joined(separator: ",")
        return "\(row.key) \(row.headline) \(row.level.map { "\($0)" } ?? "-") \(row.state) m\(row.messages) [\(ids)]"
    }

    @Test func everyDeliveryOrderGivesEveryOfficeTheSameChain() throws {
        var outcomes = Set<String>()
        for order in AlertChainSyncTests.orders(Array(Self.later.indices)) {
            let centre = try TestCentre()
            // Four desks (devices) of the city: the first issues the original, each other one message of the chain.
            let desks = try (0...Self.later.count).map { _ in try TestOffice(140100, centre: centre) }
            let county = try TestOffice(140121, centre: centre)
            let province = try TestOffice(140000, centre: centre)
            // A second desk of the county, which syncs only half way and at the end.
            let district = try TestOffice(140121, centre: centre)
            _ = try desks[0].store.importCAP(Self.original, source: "o.xml")
            try desks[0].sync()
            for (i, doc) in Self.later.enumerated() {
                try desks[i + 1].sync()
                desks[i + 1].clock.advance(milliseconds: 1_000)
                let r = try desks[i + 1].store.importCAP(doc, source: "m\(i).xml")
                #expect(r.map(\.outcome) == [.updated], "order \(order): message \(i) recorded at its desk")
            }
            // The county and the province already hold the original; then the messages reach the centre in `order`.
            try county.sync()
            for (step, i) in order.enumerated() {
                try desks[i + 1].sync()
                try county.sync()
                if step == 1 { try district.sync() }
            }
            try province.sync()
            try district.sync()
            for desk in desks { try desk.sync() }
            let here = try Self.chain(county.store)
            #expect(here.contains(" 第二次更新 orange cancelled m4 "), "order \(order): \(here)")
            for (name, office) in [("province", province), ("county desk 2", district)] + desks.enumerated().map({ ("desk \($0)", $1) }) {
                #expect(try Self.chain(office.store) == here, "order \(order): \(name)")
            }
            #expect(try county.store.quarantineCount() == 0 && province.store.rejectionCounts().total == 0, "order \(order)")
            outcomes.insert(here)
        }
        #expect(outcomes.count == 1, "\(outcomes)")
    }
}

/// A message parked for its original (an Update the county's own feed brought first) is released when the original
/// arrives by sync, not only by import: the county's quarantine empties and its chain is the city's.
@Suite struct ParkedReleaseSyncTests {
    @Test func aParkedUpdateIsReleasedWhenItsOriginalArrivesBySync() throws {
        let centre = try TestCentre()
        let city = try TestOffice(140100, centre: centre)
        let county = try TestOffice(140121, centre: centre)
        let update = AlertDeliveryOrderTests.later[0]
        let parked = try county.store.importCAP(update, source: "feed.xml")
        #expect(parked.first?.reason?.hasPrefix("parked") == true)
        #expect(try county.store.quarantineCount() == 1)
        _ = try city.store.importCAP(AlertDeliveryOrderTests.original, source: "o.xml")
        city.clock.advance(milliseconds: 1_000)
        _ = try city.store.importCAP(update, source: "u.xml")
        try city.sync()
        try county.sync()
        #expect(try county.store.quarantineCount() == 0, "the parked copy is a duplicate of what sync brought: cleared")
        #expect(try AlertDeliveryOrderTests.chain(county.store) == AlertDeliveryOrderTests.chain(city.store))
        #expect(try county.store.outboxDepth() == 0, "nothing of the county's own was recorded")
    }
}
