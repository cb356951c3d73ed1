import Foundation
import Testing
@testable import Model

/// The alert payload carries the whole CAP message (issue 9) behind a version byte; the older byte form, which stored
/// files and older peers hold, still decodes and re-encodes to the same bytes.
@Suite struct AlertContentFormTests {
    static let sent = Date(timeIntervalSince1970: 1_783_820_000)

    /// The shipped form of an alert's shown fields, spelled out field by field.
    static func shownFields(level: UInt8) -> ByteWriter {
        var w = ByteWriter()
        w.byte(1)
        for s in ["ID-1", "气象台"] { w.string(s) }
        w.varint(1_783_820_000)
        for s in ["Actual", "Alert"] { w.string(s) }
        w.uvarint(0)
        for s in ["Met", "暴雨", "", "Expected", "Severe", "Likely", "暴雨橙色预警", "", ""] { w.string(s) }
        w.varint(0); w.varint(0)
        w.string("阳曲县")
        w.uvarint(1); w.varint(140122)
        w.uvarint(0)
        w.bool(false)
        w.byte(level)
        w.string("rainstorm")
        return w
    }

    static func alert(content: CAPContent?) -> Alert {
        Alert(identifier: "ID-1", sender: "气象台", sent: sent, category: .met, event: "暴雨", urgency: .expected,
              severity: .severe, certainty: .likely, headline: "暴雨橙色预警", areaDesc: "阳曲县", areas: [140122],
              level: .orange, hazard: .rainstorm, content: content)
    }

    @Test func theOlderFormStillDecodesAndKeepsItsBytes() throws {
        let old = Self.shownFields(level: 2).bytes
        let decoded = try EventCodec.decodePayload(old)
        #expect(decoded == .alert(Self.alert(content: nil)))
        #expect(EventCodec.encode(decoded) == old, "an alert without content is written exactly as before")
        guard case .alert(let a) = decoded else { Issue.record("not an alert"); return }
        #expect(a.infos.count == 1 && a.infos[0].areas[0].geocodes == [CAPValue("GB/T 2260", "140122")],
                "an older alert still answers with one block rebuilt from its shown fields")
    }

    @Test func theWholeMessageFormIsPinned() throws {
        let area = CAPArea(desc: "阳曲县", polygons: [[GeoPoint(lat: 1, lon: 2), GeoPoint(lat: 3, lon: 4), GeoPoint(lat: 1, lon: 2)]],
                           circles: [GeoCircle(center: GeoPoint(lat: 5, lon: 6), radiusKm: 7)],
                           geocodes: [CAPValue("GB/T 2260", "140122")])
        let info = CAPInfo(language: "zh-CN", categories: ["Met"], event: "暴雨", urgency: "Expected", severity: "Severe",
                           certainty: "Likely", eventCodes: [CAPValue("GB/T 35965.1", "11B03")], headline: "暴雨橙色预警",
                           parameters: [CAPValue("预警级别", "橙色")], areas: [area])
        let content = CAPContent(scope: "Public", note: "n", codes: ["c"], signed: true, infos: [info])

        var body = ByteWriter()
        for s in ["Public", "", "", "", "n"] { body.string(s) }
        body.uvarint(1); body.string("c")
        body.string("")
        body.bool(true)
        body.uvarint(1)
        body.string("zh-CN")
        body.uvarint(1); body.string("Met")
        body.string("暴雨")
        body.uvarint(0)
        for s in ["Expected", "Severe", "Likely", ""] { body.string(s) }
        body.uvarint(1); body.string("GB/T 35965.1"); body.string("11B03")
        body.varint(0); body.varint(0); body.varint(0)
        for s in ["", "暴雨橙色预警", "", "", "", ""] { body.string(s) }
        body.uvarint(1); body.string("预警级别"); body.string("橙色")
        body.uvarint(1)
        body.string("阳曲县")
        body.uvarint(1); body.uvarint(3)
        for d in [1.0, 2, 3, 4, 1, 2] { body.double(d) }
        body.uvarint(1)
        for d in [5.0, 6, 7] { body.double(d) }
        body.uvarint(1); body.string("GB/T 2260"); body.string("140122")
        body.string(""); body.string("")

        // The level byte's high bit says the content follows the hazard.
        var expected = Self.shownFields(level: 0x82)
        expected.byte(2)
        expected.uvarint(UInt64(body.bytes.count))
        expected.raw(body.bytes)
        let a = Self.alert(content: content)
        #expect(EventCodec.encode(.alert(a)) == expected.bytes)
        #expect(try EventCodec.decodePayload(expected.bytes) == .alert(a))
    }

    @Test func noLevelIsByteZeroAndANewerContentVersionIsRefusedClearly() throws {
        var none = Self.alert(content: nil)
        none.level = nil
        #expect(EventCodec.encode(.alert(none)) == Self.shownFields(level: 0).bytes)
        var newer = Self.shownFields(level: 0x82)
        newer.byte(3); newer.uvarint(0)
        #expect { try EventCodec.decodePayload(newer.bytes) } throws: { ($0 as? DecodeError)?.message.contains("version 3") == true }
    }

    /// A real message with two languages, three areas, polygons (one empty), a circle and a signature round-trips whole.
    @Test func aCorpusMessageRoundTripsWhole() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/CAP/shanxi-multi-area-signed.xml")
        let a = try CAPParser.parse(try Data(contentsOf: url), file: "m")[0]
        let content = try #require(a.content)
        #expect(content.infos.count == 2 && content.signed && content.infos[1].areas.count == 2)
        #expect(content.infos[1].areas[0].polygons.count == 2, "the empty polygon is not kept and replaces nothing")
        #expect(content.infos[1].areas[1].altitude == "400" && content.infos[1].responseTypes == ["Evacuate", "Monitor"])
        #expect(try EventCodec.decodePayload(EventCodec.encode(.alert(a))) == .alert(a))
    }
}

/// Feed scheduling and index reading, the parts of the poller that need no network (issue 9).
@Suite struct FeedScheduleTests {
    @Test func backoffDoublesPerFailureWithJitterAndACap() {
        let b = FeedBackoff(interval: 60, maximum: 900)
        #expect(b.delay(failures: 0, unit: 0.7) == 60, "a feed that answers is tried at its interval")
        #expect(b.delay(failures: 1, unit: 0) == 60 && b.delay(failures: 1, unit: 0.999) < 120)
        #expect(b.delay(failures: 2, unit: 0) == 120 && b.delay(failures: 3, unit: 0) == 240)
        #expect(b.delay(failures: 10, unit: 0) == 450 && b.delay(failures: 10, unit: 0.999) < 900, "capped, still jittered")
        #expect(b.delay(failures: 1_000, unit: 0.5) <= 900)
        let spread = Set((0..<10).map { b.delay(failures: 3, unit: Double($0) / 10) })
        #expect(spread.count == 10, "offices whose feed failed together do not all return together")
    }

    @Test func indexesGiveTheirEntriesCAPLinksAndCAPIsCAP() throws {
        let base = try #require(URL(string: "https://feeds.example/alerts/index.atom"))
        let atom = Data("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><updated>u1</updated><link rel="self" href="s"/>
            <link rel="alternate" type="text/html" href="page.html"/><link type="application/cap+xml" href="m1.xml"/></entry>
            <entry><link href="/abs/m2.xml"/></entry><entry><link href="ftp://x/m3"/></entry></feed>
            """.utf8)
        #expect(FeedDocument.classify(atom, url: base) == .index([
            FeedEntry(url: URL(string: "https://feeds.example/alerts/m1.xml")!, updated: "u1"),
            FeedEntry(url: URL(string: "https://feeds.example/abs/m2.xml")!, updated: ""),
        ]))
        let rss = Data("<rss><channel><item><link>http://h/m.xml</link><pubDate>p</pubDate></item></channel></rss>".utf8)
        #expect(FeedDocument.classify(rss, url: base) == .index([FeedEntry(url: URL(string: "http://h/m.xml")!, updated: "p")]))
        #expect(FeedDocument.classify(Data("<alert><identifier>x</identifier></alert>".utf8), url: base) == .cap)
        #expect(FeedDocument.classify(Data("not xml".utf8), url: base) == .cap, "the CAP parser then says what is wrong")
        let people = Data("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><link type="text/html" href="report_e.html?on61"/></entry>
            <entry><link rel="alternate" type="text/html" href="report_e.html?on62"/><id>tag:weather.gc.ca,2026:1</id></entry></feed>
            """.utf8)
        let outOfLine = Data("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><link type="text/html" href="p.html"/>
            <content type="application/cap+xml" src="c/1.cap"/></entry></feed>
            """.utf8)
        #expect(FeedDocument.classify(outOfLine, url: base) == .index([FeedEntry(url: URL(string: "https://feeds.example/alerts/c/1.cap")!, updated: "")]))
        #expect(FeedDocument.classify(people, url: base) == .notFeed("an index of 2 entries linking only to web pages, none to a CAP message"))
        #expect(FeedDocument.classify(Data("\u{FEFF}\n<!DOCTYPE html><html><body>503</body></html>".utf8), url: base)
                == .notFeed("an HTML page, not CAP, Atom or RSS"))
        #expect(FeedDocument.classify(Data("{\"type\": \"FeatureCollection\"}".utf8), url: base) == .notFeed("JSON, not CAP, Atom or RSS"))
    }
}

/// `alerts export` writes the message whole: every corpus message that builds reads back from its export as the same
/// alert, content included (the signature is recorded as present, not kept, so it is the one thing not written).
@Suite struct CAPWriterWholeTests {
    @Test func everyCorpusMessageRoundTripsThroughItsExport() throws {
        let dir = CAPCorpusTests.corpus
        var n = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasSuffix(".xml") }).sorted() {
            guard let results = try? CAPParser.parseMessages(try Data(contentsOf: dir.appendingPathComponent(file)), file: file) else { continue }
            for case .success(var alert) in results.map(\.result) {
                let back = try CAPParser.parse(Data(CAPWriter.document(alert).utf8), file: file + " exported")[0]
                alert.content?.signed = false
                #expect(back == alert, "\(file) \(alert.identifier)")
                n += 1
            }
        }
        #expect(n >= 13)
    }
}
