import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// `Store.importCAP`: every message of a document on its own, refusals quarantined with their bytes, chains the same
/// in every arrival order (issue 9, items 1, 2 and 5).
@Suite struct AlertImportTests {
    static func cap(_ id: String, sent: String, type: String = "Alert", status: String = "Actual", refs: [String] = [],
                    info: String? = nil, sender: String = "140000@yjgl.shanxi.gov.cn") -> String {
        let body = info.map { headline in """
            <info><language>zh-CN</language><event>暴雨</event><urgency>Immediate</urgency><severity>Severe</severity>
            <certainty>Likely</certainty><headline>\(headline)</headline>
            <area><areaDesc>清徐县</areaDesc><geocode><valueName>GB2260</valueName><value>140121</value></geocode></area></info>
            """ } ?? ""
        return """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(id)</identifier><sender>\(sender)</sender>
            <sent>\(sent)</sent><status>\(status)</status><msgType>\(type)</msgType><scope>Public</scope>
            \(refs.isEmpty ? "" : "<references>\(refs.joined(separator: " "))</references>")\(body)</alert>
            """
    }

    static func doc(_ alerts: String...) -> Data { Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed>\n" + alerts.joined(separator: "\n") + "\n</feed>\n").utf8) }

    static func eventCount(_ s: Store) throws -> Int64 { try s.withDatabase { db in try db.int("SELECT count(*) FROM events") ?? -1 } }

    @Test func oneBadMessageNeverStopsTheGoodOnesAndIsKeptWhole() throws {
        let t = try TestStore(office: 140000, officeName: "省厅")
        let data = Self.doc(Self.cap("G-1", sent: "2026-07-12T08:00:00+08:00", info: "一号"),
                            Self.cap("B-2", sent: "not a time", info: "坏"),
                            Self.cap("G-3", sent: "2026-07-12T09:00:00+08:00", info: "三号"))
        let results = try t.store.importCAP(data, source: "feed.xml")
        #expect(results.map(\.outcome) == [.imported, .quarantined, .imported])
        let bad = results[1]
        let text = String(decoding: data, as: UTF8.self)
        let line = text[..<text.range(of: "<identifier>B-2")!.lowerBound].filter { $0 == "\n" }.count + 1
        #expect(bad.refusalLine.hasPrefix("feed.xml:\(line):"), "\(bad.refusalLine)")
        #expect(bad.reason?.contains("<sent>") == true)
        #expect(try t.store.alert(id: "G-1")?.headline == "一号")
        #expect(try t.store.alert(id: "G-3")?.headline == "三号")
        let kept = try t.store.quarantinedAlerts()
        #expect(kept.count == 1)
        // The message's own bytes, exactly, and where they were: not the whole document per refused message.
        let own = Self.cap("B-2", sent: "not a time", info: "坏")
        #expect(kept.first?.raw == Data(own.utf8), "the message's bytes are kept exactly")
        #expect(kept.first?.offset == data.range(of: Data(own.utf8))?.lowerBound)
        #expect(kept.first?.identifier == "B-2")
        #expect(kept.first?.source == "feed.xml")
        // Again: duplicates, nothing written, the same quarantine entry (not a second one).
        let events = try Self.eventCount(t.store)
        let again = try t.store.importCAP(data, source: "feed.xml")
        #expect(again.map(\.outcome) == [.duplicate, .quarantined, .duplicate])
        #expect(try Self.eventCount(t.store) == events)
        #expect(try t.store.quarantineCount() == 1)
        #expect(again[1].quarantineID == kept.first?.id)
        #expect(try t.store.check().isEmpty)
    }

    /// A minified feed (every message on one line) whose CAP prefix is declared on the outer element: the parked
    /// Update is kept as its own element, declares the prefix itself, and joins its chain from those bytes alone.
    @Test func aParkedMessageOfAMinifiedFeedIsKeptAsItsOwnElementAndStillJoinsItsChain() throws {
        let t = try TestStore(office: 140000, officeName: "省厅")
        func prefixed(_ xml: String) -> String {
            xml.replacingOccurrences(of: "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", with: "<cap:alert>")
                .replacingOccurrences(of: "</alert>", with: "</cap:alert>").replacingOccurrences(of: "\n", with: "")
        }
        let original = Self.cap("O-1", sent: "2026-07-12T08:00:00+08:00", info: "原始")
        let update = Self.cap("U-2", sent: "2026-07-12T09:00:00+08:00", type: "Update",
                              refs: ["140000@yjgl.shanxi.gov.cn,O-1,2026-07-12T08:00:00+08:00"], info: "更新")
        let other = Self.cap("X-3", sent: "2026-07-12T08:30:00+08:00", info: "其他")
        let feed = "<feed xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\">" + prefixed(other) + prefixed(update) + "</feed>"
        let results = try t.store.importCAP(Data(feed.utf8), source: "min.xml")
        #expect(results.map(\.outcome) == [.imported, .quarantined])
        let kept = try #require(try t.store.quarantinedAlerts().first)
        let text = String(decoding: kept.raw, as: UTF8.self)
        #expect(text.hasPrefix("<cap:alert xmlns:cap=") && text.hasSuffix("</cap:alert>") && text.contains("U-2"), "\(text)")
        #expect(!text.contains("X-3") && !text.contains("<feed"))
        #expect(kept.raw.count < update.utf8.count + 64, "the message and a namespace declaration, nothing more")
        // The original arrives: the parked Update is read from its own bytes and joins the chain.
        let arrived = try t.store.importCAP(Self.doc(original), source: "late.xml")
        #expect(arrived.map(\.outcome) == [.imported, .updated], "\(arrived.map(\.reason))")
        #expect(try t.store.alert(id: "O-1")?.headline == "更新")
        #expect(try t.store.quarantineCount() == 0)
    }

    @Test func anUnreadableDocumentIsQuarantinedWithItsPositionAndCanBeDropped() throws {
        let t = try TestStore(office: 140000, officeName: "省厅")
        let data = Data("<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY a \"aaaa\">]>\n<alert>&a;</alert>".utf8)
        let results = try t.store.importCAP(data, source: "bomb.xml")
        #expect(results.count == 1)
        #expect(results.first?.outcome == .quarantined)
        #expect(results.first?.refusalLine.hasPrefix("bomb.xml:2:1: a DTD") == true)
        let id = try #require(results.first?.quarantineID)
        #expect(try t.store.quarantinedAlert(id: id)?.wholeDocument == true)
        let retried = try t.store.retryQuarantined(id: id)
        #expect(retried.first?.outcome == .quarantined)
        #expect(try t.store.quarantineCount() == 1, "still refused, still kept")
        #expect(try t.store.dropQuarantined(id: id))
        #expect(try t.store.quarantineCount() == 0)
        #expect(try !t.store.dropQuarantined(id: id))
    }

    /// An original, an update and a Cancel without <info> (CAP 1.2 allows it), in every arrival order: one chain,
    /// showing the update (the latest message with content), cancelled, nothing left in quarantine.
    @Test func aChainIsTheSameInEveryArrivalOrder() throws {
        let s = "140000@yjgl.shanxi.gov.cn"
        let original = Self.cap("C-1", sent: "2026-07-12T08:00:00+08:00", info: "原始")
        let update = Self.cap("C-1-u", sent: "2026-07-12T09:00:00+08:00", type: "Update",
                              refs: ["\(s),C-1,2026-07-12T08:00:00+08:00"], info: "升级")
        let cancel = Self.cap("C-1-c", sent: "2026-07-12T10:00:00+08:00", type: "Cancel",
                              refs: ["\(s),C-1,2026-07-12T08:00:00+08:00", "\(s),C-1-u,2026-07-12T09:00:00+08:00"])
        let docs = [original, update, cancel].map { Self.doc($0) }
        var seen = Set<String>()
        for order in permutations(Array(docs.indices)) {
            let t = try TestStore(office: 140000, officeName: "省厅")
            for i in order { _ = try t.store.importCAP(docs[i], source: "m\(i).xml") }
            let row = try #require(try t.store.alert(id: "C-1"), "order \(order)")
            #expect(row.headline == "升级", "order \(order)")
            #expect(row.state == .cancelled, "order \(order)")
            #expect(row.messages == 3, "order \(order)")
            #expect(try t.store.quarantineCount() == 0, "order \(order): parked messages were released")
            #expect(try t.store.alerts(AlertQuery()).count == 1, "order \(order)")
            #expect(try t.store.check().isEmpty)
            seen.insert("\(row.key)|\(row.headline)|\(row.level?.roman ?? "-")|\(row.state)|\(row.messages)|\(row.sent)")
            // A message seen before is a duplicate whatever its type.
            #expect(try t.store.importCAP(docs[order[0]], source: "again.xml").map(\.outcome) == [.duplicate])
        }
        #expect(seen.count == 1)
    }

    @Test func acksAreRecordedNotShownAndExercisesAreWatermarkedNotCountedLive() throws {
        let t = try TestStore(office: 140000, officeName: "省厅")
        let s = "140000@yjgl.shanxi.gov.cn"
        _ = try t.store.importCAP(Self.doc(Self.cap("A-1", sent: "2026-07-12T08:00:00+08:00", info: "真实")), source: "a")
        let ack = Self.doc(Self.cap("A-1-ack", sent: "2026-07-12T08:05:00+08:00", type: "Ack", refs: ["\(s),A-1,2026-07-12T08:00:00+08:00"]))
        #expect(try t.store.importCAP(ack, source: "ack").map(\.outcome) == [.imported])
        #expect(try t.store.alert(id: "A-1")?.headline == "真实", "an Ack changes nothing shown")
        #expect(try t.store.importCAP(ack, source: "ack").map(\.outcome) == [.duplicate])
        let exercise = Self.doc(Self.cap("E-1", sent: "2026-07-12T08:00:00+08:00", status: "Exercise", info: "演练地震"))
        let r = try t.store.importCAP(exercise, source: "e")
        #expect(r.first?.outcome == .imported)
        #expect(r.first?.reason?.contains("Exercise") == true)
        #expect(try t.store.alert(id: "E-1")?.headline == "[演练] 演练地震")
        #expect(try t.store.activeAlertCounts().values.reduce(0, +) == 1, "only the Actual alert counts live")
        #expect(try t.store.check() == [])
    }

    /// A message this office may not write (another office's alert) is quarantined with the authority's reason.
    @Test func aRefusedMessageIsQuarantinedWithTheAuthoritysReason() throws {
        let t = try TestStore(office: 140121, officeName: "清徐县")
        let data = Self.doc(Self.cap("F-1", sent: "2026-07-12T08:00:00+08:00", info: "越权"),
                            Self.cap("F-2", sent: "2026-07-12T08:00:00+08:00", info: "本县"))
        var elsewhere = String(decoding: data, as: UTF8.self)
        elsewhere = elsewhere.replacingOccurrences(of: "<value>140121</value></geocode></area></info></alert>\n<alert",
                                                   with: "<value>140200</value></geocode></area></info></alert>\n<alert")
        let results = try t.store.importCAP(Data(elsewhere.utf8), source: "x.xml")
        #expect(results.map(\.outcome) == [.quarantined, .imported])
        #expect(results[0].reason?.contains("140200") == true, "\(results[0].reason ?? "")")
        #expect(try t.store.quarantineCount() == 1)
    }

    /// A document imported streamed (as one above `Store.streamedImportBytes` is) gives the results, in the same order,
    /// and the same store as the whole-document path; one that is not well-formed at its very end imports nothing
    /// and is quarantined whole, as a small one is.
    @Test func aStreamedImportIsTheWholeDocumentImport() throws {
        let messages = (0..<40).map { n in
            Self.cap("S-\(n)", sent: String(format: "2026-07-12T08:%02d:00+08:00", n), info: "第\(n)号")
        } + [Self.cap("B-X", sent: "not a time", info: "坏")]
        let wellFormed = Self.doc(messages.joined(separator: "\n"))
        let whole = try TestStore(office: 140000, officeName: "省厅")
        let expected = try whole.store.importCAP(wellFormed, source: "feed.xml")
        let streamed = try TestStore(office: 140000, officeName: "省厅")
        var got: [AlertImportResult] = []
        try streamed.store.importCAP(wellFormed, source: "feed.xml", languages: CAPParser.defaultLanguages,
                                     streamingAbove: 1) { got.append($0) }
        #expect(got.count == 41)
        #expect(got.map(\.outcome) == expected.map(\.outcome))
        #expect(got.map(\.refusalLine) == expected.map(\.refusalLine))
        // Two stores stamp with their own devices and clocks: what the messages made of them must be the same.
        func alerts(_ s: Store) throws -> [String] {
            try s.withDatabase { db in
                try db.rows("""
                    SELECT m.id, m.alert, m.msg_type, a.headline, a.level, a.areas FROM alert_messages m
                    JOIN alerts a ON a.id = m.alert ORDER BY m.id
                    """) { r in (0..<r.columnCount).map { r.describe($0) }.joined(separator: "|") }
            }
        }
        #expect(try alerts(streamed.store).count == 40)
        #expect(try alerts(streamed.store) == alerts(whole.store))
        #expect(try streamed.store.quarantineCount() == 1)

        let cut = Data(wellFormed.dropLast(8))  // "</feed>\n" gone: the last element never closes
        let refused = try TestStore(office: 140000, officeName: "省厅")
        var results: [AlertImportResult] = []
        try refused.store.importCAP(cut, source: "cut.xml", languages: CAPParser.defaultLanguages,
                                    streamingAbove: 1) { results.append($0) }
        #expect(results.map(\.outcome) == [.quarantined])
        #expect(results.first?.reason?.contains("end of file") == true, "\(results.first?.reason ?? "")")
        #expect(try Self.eventCount(refused.store) == 0)
        #expect(try refused.store.quarantinedAlerts().first?.raw == cut)
    }
}
