import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// A CAP chain imported at its issuer in any order (an Update or Cancel before its original is parked, then released)
/// reaches every office through the real sync path as the same chain (issue 9, item 4).
@Suite struct AlertChainSyncTests {
    static let sender = "140100@yjgl.shanxi.gov.cn"

    static func doc(_ id: String, sent: String, type: String, refs: [String] = [], headline: String?) -> Data {
        let info = headline.map { """
            <info><language>zh-CN</language><event>暴雨</event><urgency>Immediate</urgency><severity>Severe</severity>
            <certainty>Likely</certainty><headline>\($0)</headline>
            <area><areaDesc>清徐县</areaDesc><geocode><valueName>GB2260</valueName><value>140121</value></geocode></area></info>
            """ } ?? ""
        return Data("""
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(id)</identifier><sender>\(sender)</sender>
            <sent>\(sent)</sent><status>Actual</status><msgType>\(type)</msgType><scope>Public</scope>
            \(refs.isEmpty ? "" : "<references>\(refs.joined(separator: " "))</references>")\(info)</alert>
            """.utf8)
    }

    static let original = doc("SYNC-1", sent: "2026-07-12T08:00:00+08:00", type: "Alert", headline: "原始橙色")
    static let update = doc("SYNC-1-u", sent: "2026-07-12T09:00:00+08:00", type: "Update",
                            refs: ["\(sender),SYNC-1,2026-07-12T08:00:00+08:00"], headline: "升级红色")
    static let cancel = doc("SYNC-1-c", sent: "2026-07-12T10:00:00+08:00", type: "Cancel",
                            refs: ["\(sender),SYNC-1,2026-07-12T08:00:00+08:00", "\(sender),SYNC-1-u,2026-07-12T09:00:00+08:00"],
                            headline: nil)

    static func summary(_ store: Store) throws -> String {
        guard let r = try store.alert(id: "SYNC-1") else { return "missing" }
        return "\(r.key) \(r.headline) \(r.level.map { "\($0)" } ?? "-") \(r.state) m\(r.messages)"
    }

    static func orders<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[T]] in
            var rest = items
            let first = rest.remove(at: i)
            return orders(rest).map { [first] + $0 }
        }
    }

    @Test func everyImportOrderGivesEveryOfficeTheSameChain() throws {
        var seen = Set<String>()
        let docs = [Self.original, Self.update, Self.cancel]
        for order in Self.orders(Array(docs.indices)) {
            let centre = try TestCentre()
            let city = try TestOffice(140100, centre: centre)
            let province = try TestOffice(140000, centre: centre)
            let county = try TestOffice(140121, centre: centre)
            for (step, i) in order.enumerated() {
                city.clock.advance(milliseconds: 1_000)
                _ = try city.store.importCAP(docs[i], source: "m\(i).xml")
                try city.sync()
                // The county follows step by step, the province only at the end: two delivery schedules.
                if step % 2 == 0 { try county.sync() }
            }
            try county.sync()
            try province.sync()
            let here = try Self.summary(city.store)
            #expect(here.hasSuffix("升级红色 orange cancelled m3"), "order \(order): \(here)")
            #expect(try Self.summary(county.store) == here, "order \(order)")
            #expect(try Self.summary(province.store) == here, "order \(order)")
            #expect(try city.store.quarantineCount() == 0, "order \(order)")
            #expect(try city.store.outboxDepth() == 0, "order \(order): everything reached the centre")
            seen.insert(here)
        }
        #expect(seen.count == 1)
    }
}
