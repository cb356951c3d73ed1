import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// An alert chain (an original and the updates that reference it by CAP triplet) shows its message with the latest
/// `sent`, whatever order the messages arrive in; a message is stored once under its triplet (issue 8, item 3).
@Suite struct AlertChainTests {
    static let original = sampleAlert("QX-1", level: .yellow, sentMs: t0, headline: "原始")
    static let update1 = sampleAlert("QX-1-u1", level: .orange, sentMs: t0 + 3_600_000, msgType: .update,
                                     references: [original.messageID.reference], headline: "升级橙色")
    static let update2 = sampleAlert("QX-1-u2", level: .red, sentMs: t0 + 7_200_000, msgType: .update,
                                     references: [original.messageID.reference, update1.messageID.reference],
                                     headline: "升级红色")

    @Test func theShownMessageIsTheLatestSentInEveryArrivalOrder() throws {
        var county = EventFactory(office: 140121)
        // Stamped against their sent order (the second update's clock is the earliest): `sent` decides, not the HLC.
        let events = [
            county.make(t0 + 9_000_000, .alert(Self.original)),
            county.make(t0 + 10_000_000, .alert(Self.update1)),
            county.make(t0 + 8_000_000, .alert(Self.update2)),
        ]
        let orders = permutations(events)
        #expect(orders.count == 6)
        var dumps = Set<String>()
        for order in orders {
            let t = try TestStore(office: 140000, officeName: "省厅")
            try t.store.ingest(order, batchSize: 1)
            let row = try #require(try t.store.alert(id: "QX-1"), "order \(order.map(\.id.seq))")
            #expect(row.headline == "升级红色", "order \(order.map(\.id.seq))")
            #expect(row.level == .red)
            #expect(row.messages == 3)
            #expect(row.key == Self.original.messageID.key)
            #expect(row.sent == date(t0))
            #expect(try t.store.check().isEmpty)
            dumps.insert(try stateDump(t.store))
            // All in one batch too.
            dumps.insert(try foldedState(order).dump)
        }
        #expect(dumps.count == 1)
    }

    /// The same triplet again (a duplicate event, or another office's copy) is not folded a second time.
    @Test func aMessageIsStoredOnceUnderItsTriplet() throws {
        var county = EventFactory(office: 140121), other = EventFactory(office: 140122)
        var copy = Self.original
        copy.headline = "覆盖"; copy.level = .red
        let t = try TestStore(office: 140000, officeName: "省厅")
        try t.store.ingest([county.make(t0, .alert(Self.original)), other.make(t0 + 1_000, .alert(copy))])
        let row = try #require(try t.store.alert(id: "QX-1"))
        #expect(row.headline == "原始")
        #expect(row.messages == 1)
        #expect(try t.store.check().isEmpty)
    }

    /// Typing or importing at the office: a short id resolves to the stored key; an Update another office owns is
    /// refused with the reason; the issuer's own update is accepted and its bare reference becomes a CAP reference.
    @Test func theOfficeResolvesIdsAndRefusesAnotherOfficesUpdate() throws {
        let county = try TestStore(office: 140121, officeName: "清徐县")
        try county.store.importAlerts([Self.original])
        var bare = Self.update1
        bare.references = ["QX-1"]
        let e = try county.store.importAlerts([bare]).recorded[0]
        guard case .alert(let stored) = e.payload else { Issue.record("not an alert"); return }
        #expect(stored.references == [Self.original.messageID.reference])
        // An update citing only the previous update also cites the original, so it files under the same alert everywhere.
        var onlyPrevious = Self.update2
        onlyPrevious.references = [Self.update1.messageID.reference]
        let e2 = try county.store.importAlerts([onlyPrevious]).recorded[0]
        guard case .alert(let stored2) = e2.payload else { Issue.record("not an alert"); return }
        #expect(stored2.references == [Self.original.messageID.reference, Self.update1.messageID.reference])
        #expect(stored2.alertKey == Self.original.messageID.key)
        #expect(try county.store.alert(id: "QX-1")?.messages == 3)
        let ack = try county.store.acknowledge(alertID: "QX-1")
        guard case .acknowledge(let key) = ack.payload else { Issue.record("not an ack"); return }
        #expect(key == Self.original.messageID.key)
        // A sibling county holding the alert may not update it.
        let sibling = try TestStore(office: 140122, officeName: "阳曲县")
        try sibling.store.ingest(try county.store.withDatabase { db in
            try db.rows("SELECT device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events ORDER BY id") {
                try Folder.event($0, from: 0)
            }
        })
        var theirs = Self.update2
        theirs.identifier = "QX-1-u3"; theirs.sender = "140122@yjgl.shanxi.gov.cn"
        #expect(throws: StoreError.self) { try sibling.store.importAlerts([theirs]) }
        #expect(try sibling.store.outboxDepth() == 0)
        // Importing the same file again at the issuer is a no-op, not a refusal.
        #expect(try county.store.importAlerts([Self.original]).skipped == 1)
    }

    /// Events of releases before the triplet identity cite alerts by bare identifier; folded in log order (as the
    /// upgrade replays them) they still find their alert.
    @Test func anOlderReleasesBareIdentifiersFindTheirAlert() throws {
        var county = EventFactory(office: 140121), city = EventFactory(office: 140100)
        var update = Self.update1
        update.references = ["QX-1"]
        let t = try TestStore(office: 140000, officeName: "省厅")
        try t.store.ingest([
            county.make(t0, .alert(Self.original)),
            city.make(t0 + 1_000, .acknowledge(alertID: "QX-1")),
            county.make(t0 + 2_000, .alert(update)),
            county.make(t0 + 3_000, .unitStatus(unitID: "U1", status: .dispatched, alertID: "QX-1")),
        ], batchSize: 1)
        let row = try #require(try t.store.alert(id: "QX-1"))
        #expect(row.key == Self.original.messageID.key)
        #expect(row.messages == 2)
        #expect(row.headline == "升级橙色")
        #expect(row.acknowledgments == 1)
        #expect(row.respondingUnits == 1)
        #expect(try t.store.check().isEmpty)
    }

    @Test func keysAndReferencesRoundTrip() throws {
        let id = CAPMessageID(sender: "a,b c%", identifier: "晋气象-1", sent: Date(timeIntervalSince1970: 1_780_000_000.7))
        #expect(id.key == "晋气象-1,a%2Cb%20c%25,2026-05-28T20:26:40+00:00")
        #expect(CAPMessageID(key: id.key) == id)
        #expect(CAPMessageID(reference: id.reference) == id)
        // Another offset for the same instant is the same message.
        #expect(CAPMessageID(reference: "a%2Cb%20c%25,晋气象-1,2026-05-29T04:26:40+08:00") == id)
        #expect(CAPMessageID(reference: "bare-identifier") == nil)
        #expect(CAPMessageID.identifier(ofKey: id.key) == "晋气象-1")
        // The hand-written time format and parse agree with Foundation's, across centuries, leap days and offsets.
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -2_208_988_800...4_102_444_800, using: &rng)  // 1900…2100
            let d = Date(timeIntervalSince1970: TimeInterval(seconds))
            let m = CAPMessageID(sender: "s", identifier: "i", sent: d)
            #expect(m.reference == "s,i," + f.string(from: d).replacingOccurrences(of: "Z", with: "+00:00"), "seed 8, \(seconds)")
            #expect(CAPMessageID(reference: m.reference)?.sent == d, "seed 8, \(seconds)")
        }
        #expect(CAPMessageID(reference: "s,i,2024-02-29T23:59:59-05:30")?.sent == f.date(from: "2024-03-01T05:29:59Z"))
        let xml = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>u1</identifier><sender>s@x</sender>
            <sent>2026-05-29T04:30:00+08:00</sent><status>Actual</status><msgType>Update</msgType><scope>Public</scope>
            <references>s@x,o1,2026-05-29T04:26:40+08:00 s@x,o2,2026-05-28T20:28:00-00:00</references>
            <info><event>暴雨</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
            <headline>h</headline><area><areaDesc>清徐县</areaDesc><geocode><valueName>GB</valueName><value>140121</value></geocode></area></info></alert>
            """
        let a = try #require(try CAPParser.parse(Data(xml.utf8), file: "t.xml").first)
        #expect(a.references == ["s@x,o1,2026-05-28T20:26:40+00:00", "s@x,o2,2026-05-28T20:28:00+00:00"])
        #expect(a.alertKey == "o1,s@x,2026-05-28T20:26:40+00:00")
    }
}
