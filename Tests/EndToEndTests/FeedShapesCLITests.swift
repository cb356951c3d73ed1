import Foundation
import Testing
import TestSupport

/// `alerts poll` against the index shapes real publishers send and the HTTP answers real servers give, on the real
/// loopback server of `AlertPollCLITests` (`scripts/feed-test-server.py`), never a mock.
@Suite struct FeedShapesCLITests {
    typealias Poll = AlertPollCLITests

    static func copy(_ corpus: String, to name: String, in root: String) throws {
        try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent(corpus).path,
                                         toPath: (root as NSString).appendingPathComponent(name))
    }

    /// A corpus message without its XML declaration, to embed in an index.
    static func bare(_ corpus: String) throws -> String {
        let text = try String(contentsOf: AlertImportCLITests.corpus.appendingPathComponent(corpus), encoding: .utf8)
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return text }
        return String(text[end.upperBound...])
    }

    static func write(_ text: String, _ name: String, in root: String) throws {
        try text.write(toFile: (root as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Indexes as NWS, MeteoAlarm and Chinese publishers send them: the CAP URL only in `<id>` beside an HTML link,
    /// a `related` CAP-typed link, the same message listed twice, `xml:base` and `&amp;` in links, a GBK-encoded RSS
    /// with an enclosure under a name with a space and Chinese characters, a CDATA link, and messages embedded in the
    /// entry itself (inline XML in an Atom `<content>`, CDATA in an RSS `<description>`). Every message is imported
    /// once, no HTML page is fetched, nothing is quarantined.
    @Test func indexShapesAsPublishersSendThem() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Poll.setUp(dir)
        let server = try Poll.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        try Self.copy("meteoalarm-at-wind-yellow.xml", to: "e.xml", in: root)
        try Self.copy("mowas-police-iso8859.xml", to: "f.xml", in: root)
        try Self.copy("oasis-thunderstorm.xml", to: "预警 g.xml", in: root)
        try Self.copy("nws-cap11-tornado-vtec.xml", to: "h.xml", in: root)
        let base = server.url("")
        try Self.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2" xml:lang="en-US">
            <id>\(base)alerts/active.atom</id><title>Current watches, warnings, and advisories</title><updated>2026-04-03T13:12:00Z</updated>
            <entry><id>\(base)h.xml</id><updated>2026-04-03T13:12:00Z</updated><title>Flood Warning</title>
              <author><name>w-nws.webmaster@noaa.gov</name></author><link rel="alternate" type="text/html" href="page.html"/>
              <summary>...FLOOD WARNING...</summary><cap:event>Flood Warning</cap:event><cap:status>Actual</cap:status>
              <cap:geocode><valueName>UGC</valueName><value>OHC041</value></cap:geocode></entry>
            </feed>
            """, "nws.atom", in: root)
        try Self.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
            <entry><cap:identifier>2.49.0.0.40.0.AT.260712083000.4417</cap:identifier><updated>2026-07-12T06:30:00Z</updated>
              <link rel="alternate" type="text/html" href="page.html"/><link rel="related" type="application/cap+xml" href="e.xml"/>
              <cap:areaDesc>Wien</cap:areaDesc><cap:severity>Moderate</cap:severity></entry>
            <entry><updated>2026-07-12T06:30:00Z</updated><link rel="related" type="application/cap+xml" href="\(base)e.xml"/></entry>
            </feed>
            """, "meteoalarm.atom", in: root)
        try Self.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="\(base)sub/dir/">
            <entry><updated>u</updated><link href="../../f.xml?x=1&amp;y=2"/></entry>
            <entry><updated>u</updated><id>tag:bom.gov.au,2026:1</id>
              <content type="application/cap+xml">\(try Self.bare("au-cap-au-bushfire.xml"))</content></entry>
            </feed>
            """, "based.atom", in: root)
        let rss = """
            <?xml version="1.0" encoding="GBK"?>
            <rss version="2.0"><channel><title>山西省预警信息</title>
            <item><title>雷电黄色预警</title><link>\(base)page.html</link><guid isPermaLink="false">sx-1</guid>
              <enclosure url="预警 g.xml" type="application/cap+xml" length="100"/></item>
            <item><title>暴雨橙色预警</title><link><![CDATA[\(base)a.xml]]></link></item>
            <item><title>降雨</title><guid isPermaLink="false">ec-1</guid>
              <description><![CDATA[<?xml version='1.0' encoding='UTF-8' standalone='no'?>\(try Self.bare("ec-cap-cp-french-first-rainfall.xml"))]]></description></item>
            </channel></rss>
            """
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GBK"]
        let input = Pipe(), output = Pipe()
        iconv.standardInput = input; iconv.standardOutput = output
        try iconv.run()
        input.fileHandleForWriting.write(Data(rss.utf8)); try input.fileHandleForWriting.close()
        let gbk = output.fileHandleForReading.readDataToEndOfFile()
        iconv.waitUntilExit()
        try gbk.write(to: URL(fileURLWithPath: (root as NSString).appendingPathComponent("cn.rss")))
        #expect(gbk.count < rss.utf8.count, "the RSS really is GBK")

        let feeds = ["nws.atom", "meteoalarm.atom", "based.atom", "cn.rss"].map(server.url)
        let r = try Binary.run(["alerts", "poll"] + feeds + ["--count", "1", "--db", db])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        for id in ["NOAA-NWS-ALERTS-OK125A2B6C0F4C.TornadoWarning.125A2B6C1B40OK.OUNTOROUN.3f1c2e0d9a8b", "2.49.0.0.40.0.AT.260712083000.4417",
                   "DE-NW-BN-SE030-20260712-30-001",
                   "https://www.emergency.vic.gov.au/public/osom/CAP-AU/2026/01/14/bushfire-123456.xml", "KSTO1055887203",
                   "1401224160000020260712083000001", "urn:oid:2.49.0.1.124.3041727315.2026"] {
            #expect(r.stdout.split(separator: "\n").filter { $0.contains(id) && !$0.contains("duplicate") }.count == 1, "\(id): \(r.stdout)")
        }
        let paths = server.requests().compactMap { $0["path"] as? String }
        #expect(!paths.contains { $0.contains("page.html") }, "an HTML link is never taken for the message: \(paths)")
        #expect(paths.filter { $0 == "/e.xml" }.count == 1, "listed twice, fetched once: \(paths)")
        #expect(paths.contains("/f.xml?x=1&y=2"), "xml:base and &amp; resolved: \(paths)")
        #expect(paths.contains("/%E9%A2%84%E8%AD%A6%20g.xml"), "a name with a space and Chinese characters: \(paths)")
        #expect(paths.count == 4 + 5, "four indexes and five linked messages (two came inline): \(paths)")
        #expect(AlertImportCLITests.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout).isEmpty)
    }

    /// A web server's folder listing of CAP files (Environment Canada's Datamart, DWD's open data: Apache's "Index of"):
    /// each `.cap` file linked is fetched once; sorting links, the parent folder and other files are not.
    @Test func aFolderListingOfCAPFilesIsAnIndex() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Poll.setUp(dir)
        let server = try Poll.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let folder = (root as NSString).appendingPathComponent("alerts/cap/20261202/CWTO/14")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.copy("ec-cap-cp-french-first-rainfall.xml", to: "alerts/cap/20261202/CWTO/14/T_WOCN11_C_CWTO_202612021401_1.cap", in: root)
        try Self.write("""
            <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
            <html><head><title>Index of /alerts/cap/20261202/CWTO/14</title></head><body><h1>Index of /alerts/cap/20261202/CWTO/14</h1>
            <table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th></tr>
            <tr><td><a href="/alerts/cap/20261202/CWTO/">Parent Directory</a></td></tr>
            <tr><td><a href="T_WOCN11_C_CWTO_202612021401_1.cap">T_WOCN11_C_CWTO_202612021401_1.cap</a></td><td>2026-12-02 14:01</td></tr>
            <tr><td><a href='/d.xml'>d.xml</a></td></tr><tr><td><a href="readme.txt">readme.txt</a></td></tr>
            </table></body></html>
            """, "alerts/cap/20261202/CWTO/14/index.html", in: root)
        let r = try Binary.run(["alerts", "poll", server.url("alerts/cap/20261202/CWTO/14/index.html"), "--count", "2", "--interval", "1", "--db", db])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(try Poll.alertIDs(db) == ["urn:oid:2.49.0.1.124.3041727315.2026", "urn:oid:2.49.0.1.124.0913764416.2026"])
        let log = server.requests().map { "\($0["path"] as? String ?? "") \($0["status"] as? Int ?? 0)" }
        #expect(log == ["/alerts/cap/20261202/CWTO/14/index.html 200", "/alerts/cap/20261202/CWTO/14/T_WOCN11_C_CWTO_202612021401_1.cap 200",
                        "/d.xml 200", "/alerts/cap/20261202/CWTO/14/index.html 304"], "\(log)")
    }

    /// An index of 500 entries polled, then (after a restart) 3 more added: the restart fetches the index and only the
    /// 3 new messages, and the next poll is one conditional request answered 304 with 0 body bytes.
    @Test func aLongIndexFetchesOnlyItsNewEntriesAcrossRestartsAnd304s() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Poll.setUp(dir)
        let server = try Poll.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let template = try String(contentsOfFile: (root as NSString).appendingPathComponent("b.xml"), encoding: .utf8)
        func entries(_ range: ClosedRange<Int>) throws -> String {
            try range.map { n in
                try template.replacingOccurrences(of: "SX-DRILL-2026-0712-01", with: "SX-DRILL-\(n)")
                    .write(toFile: (root as NSString).appendingPathComponent("m\(n).xml"), atomically: true, encoding: .utf8)
                return "<item><link>m\(n).xml</link><pubDate>Sun, 12 Jul 2026 01:00:00 GMT</pubDate></item>"
            }.joined(separator: "\n")
        }
        let index = (root as NSString).appendingPathComponent("long.rss")
        try "<rss version=\"2.0\"><channel>\(try entries(1...497))</channel></rss>".write(toFile: index, atomically: true, encoding: .utf8)
        let feed = server.url("long.rss")
        #expect(try Binary.run(["alerts", "poll", feed, "--count", "1", "--db", db]).status == 0)
        #expect(server.requests().count == 498)
        try "<rss version=\"2.0\"><channel>\(try entries(1...500))</channel></rss>".write(toFile: index, atomically: true, encoding: .utf8)
        let r = try Binary.run(["alerts", "poll", feed, "--count", "2", "--interval", "1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let again = Array(server.requests().dropFirst(498))
        // The entries are fetched a few at once: in any order between the index's two requests.
        let paths = again.compactMap { $0["path"] as? String }
        #expect(paths.first == "/long.rss" && paths.last == "/long.rss" && paths.count == 5, "\(again)")
        #expect(paths.dropFirst().dropLast().sorted() == ["/m498.xml", "/m499.xml", "/m500.xml"], "\(again)")
        #expect(again.last?["status"] as? Int == 304 && again.last?["body_bytes"] as? Int == 0)
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("imported alert SX-DRILL-") }.count == 3, "\(r.stdout)")
    }

    /// Servers as they are: compressed, chunked, redirected every way and in a loop, an HTML or empty 200, 503/429
    /// with Retry-After (seconds and a date), 410, a body that stalls halfway, bodies over the size limit (announced
    /// and not), a self-signed certificate, IPv6 loopback. Each feed gets its own line, the good ones are imported,
    /// the process ends (nothing hangs), and a feed told to wait is not tried before the server said.
    @Test func httpAnswersAsRealServersGiveThem() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Poll.setUp(dir)
        let server = try Poll.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let cert = dir.file("cert.pem"), key = dir.file("key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                             "-subj", "/CN=localhost"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl is needed to make the self-signed certificate")
        var tls = try Poll.server(root: root, log: dir.file("log-tls"), options: ["--tls", cert, key])
        tls.base = "https://localhost"
        defer { tls.stop() }
        var v6 = try Poll.server(root: root, log: dir.file("log-v6"), options: ["--v6"])
        v6.base = "http://localhost"
        defer { v6.stop() }
        let good = ["gzip/b.xml", "deflate/c.xml", "chunked/d.xml", "r301/a.xml", "r307/b.xml", "r308/r301/r302/c.xml"].map(server.url) + [v6.url("d.xml")]
        let bad: [(String, String)] = [
            (server.url("loop/a.xml"), "too many redirects"),
            (server.url("html/a.xml"), "an HTML page, not CAP, Atom or RSS (HTTP 200)"),
            (server.url("empty/a.xml"), "an empty body, not CAP, Atom or RSS (HTTP 200)"),
            (server.url("status/503/a.xml?retry=300"), "HTTP 503 (service unavailable; retry after 300 s)"),
            (server.url("status/429/a.xml?retry=date%2B600"), "HTTP 429 (too many requests; retry after"),
            (server.url("status/410/a.xml"), "HTTP 410 (gone)"),
            (server.url("stall/c.xml"), "timed out"),
            (server.url("huge/x?bytes=300000"), "too large: more than 100000 bytes"),
            (server.url("huge/x?bytes=300000&length=1"), "too large: the server announces 300000 bytes; the limit is 100000"),
            (tls.url("a.xml"), "SSL certificate problem"),
        ]
        let r = try Binary.run(["alerts", "poll"] + good + bad.map(\.0) + ["--count", "1", "--timeout", "2", "--max-bytes", "100000", "--db", db])
        #expect(r.status == 1)
        for (url, reason) in bad {
            #expect(r.stderr.split(separator: "\n").contains { $0.hasPrefix("\(url): \(reason)") }, "\(url): \(r.stderr)")
        }
        let health = r.stdout.split(separator: "\n").filter { $0.hasPrefix("health ") }.map(String.init)
        for url in good { #expect(health.contains { $0.hasPrefix("health \(url): ok;") }, "\(url): \(r.stdout)\n\(r.stderr)") }
        #expect(try Poll.alertIDs(db) == ["1401224160000020260712083000001", "SX-DRILL-2026-0712-01", "14100041600000202607141030001",
                                          "urn:oid:2.49.0.1.124.0913764416.2026"])
        // Retry-After: the next try is no sooner than the server asked (300 s; the backoff alone would be 60–120 s).
        let busy = try #require(health.first { $0.contains("status/503/") })
        let times = busy.matches(of: /20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ/).compactMap { ISO8601DateFormatter().date(from: String($0.output)) }
        #expect(times.count == 2 && times[1].timeIntervalSince(times[0]) >= 299, "\(busy)")
    }

    /// A server that ignores conditional requests sends the same body again: nothing is re-imported and the line says
    /// so; Last-Modified alone, a weak ETag and a 304 without validators all keep the feed conditional.
    @Test func validatorsAsServersSendThem() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Poll.setUp(dir)
        let server = try Poll.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let feeds = ["ignore/b.xml", "lmonly/c.xml", "weak/d.xml", "bare304/a.xml"].map(server.url)
        let r = try Binary.run(["alerts", "poll"] + feeds + ["--count", "3", "--interval", "1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == "\(feeds[0]): unchanged (200, the same 798 bytes as last time; nothing imported)" }.count == 2, "\(r.stdout)")
        #expect(!lines.contains { $0.hasPrefix("duplicate") }, "the same body is not imported again: \(r.stdout)")
        let log = server.requests()
        for feed in feeds.dropFirst() {
            let path = String(feed.dropFirst(server.url("").count - 1))
            let mine = log.filter { $0["path"] as? String == path }
            #expect(mine.map { $0["status"] as? Int } == [200, 304, 304], "\(path): \(mine)")
        }
        #expect(log.contains { ($0["if_none_match"] as? String)?.hasPrefix("W/\"") == true }, "a weak ETag is sent back as it came")
        #expect(log.contains { $0["path"] as? String == "/lmonly/c.xml" && $0["if_modified_since"] as? String != nil && $0["status"] as? Int == 304 })
    }

    /// An index whose message server does not answer: one timeout per round for that server, not one per entry, and
    /// the entries on other servers are still fetched; the unanswered ones are tried again next round.
    @Test func aDeadMessageServerCostsOneTimeoutPerRound() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Poll.setUp(dir)
        let server = try Poll.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        // "localhost" and "127.0.0.1" are two hosts to the poller, one server here.
        let slow = (1...3).map { "<item><link>http://localhost:\(server.port)/slow/b.xml?delay=3&amp;n=\($0)</link></item>" }
        try Self.write("<rss><channel>\(slow.joined())<item><link>\(server.url("c.xml"))</link></item></channel></rss>", "dead.rss", in: root)
        let r = try Binary.run(["alerts", "poll", server.url("dead.rss"), "--count", "1", "--timeout", "1", "--db", db])
        #expect(r.status == 1)
        #expect(r.stdout.contains("imported alert 14100041600000202607141030001"), "\(r.stdout)")
        Thread.sleep(forTimeInterval: 3.5)  // the slow answers are logged once their delay is over
        let paths = server.requests().compactMap { $0["path"] as? String }
        #expect(paths.filter { $0.hasPrefix("/slow/") }.count == 1, "\(paths)")
    }

    /// Each feed is polled on its own: a slow feed listed first does not hold up a fast one listed after it.
    @Test func aSlowFeedDoesNotHoldUpTheOthers() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Poll.setUp(dir)
        let server = try Poll.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let slow = server.url("slow/a.xml?delay=3"), fast = server.url("b.xml")
        let r = try Binary.run(["alerts", "poll", slow, fast, "--count", "1", "--timeout", "10", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let f = try #require(lines.firstIndex { $0.hasPrefix("\(fast): ") }), s = try #require(lines.firstIndex { $0.hasPrefix("\(slow): ") })
        #expect(f < s, "\(r.stdout)")
    }
}
