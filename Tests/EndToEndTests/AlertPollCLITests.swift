import Foundation
import Testing
import TestSupport

/// `alerts poll` against a real HTTP server on loopback (`scripts/feed-test-server.py`: ETags, 304s, slow, cut-off
/// and redirected answers, and a log of every request with the body bytes it sent), never a mock.
@Suite struct AlertPollCLITests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/feed-test-server.py").path

    /// A running feed server: its port, the request log, and the process to kill.
    struct Server {
        let process: Process
        let port: Int
        let log: String
        var base = "http://127.0.0.1"
        func url(_ path: String) -> String { "\(base):\(port)/\(path)" }
        /// Every request so far, in order.
        func requests() -> [[String: Any]] {
            (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n")
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } ?? []
        }
        func stop() { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    static func server(root: String, log: String, options: [String] = []) throws -> Server {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, root, log] + options
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = Int(text.replacingOccurrences(of: "port ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(p.processIdentifier, SIGKILL)
            throw TestFailure("the feed server did not start (python3 is needed for this test): \(text)")
        }
        return Server(process: p, port: port, log: log)
    }

    struct TestFailure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    /// A web root with CAP messages and an Atom and an RSS index linking to them, and a store.
    static func setUp(_ dir: TemporaryDirectory) throws -> (root: String, db: String) {
        let root = dir.file("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, file) in [("a.xml", "cn-national-rainstorm-gb18030.xml"), ("b.xml", "exercise-shanxi.xml"),
                             ("c.xml", "shanxi-multi-area-signed.xml"), ("d.xml", "naad-ontario-bilingual.xml")] {
            try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent(file).path,
                                             toPath: (root as NSString).appendingPathComponent(name))
        }
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:t</id><updated>2026-07-14T02:31:00Z</updated>
            <entry><id>1</id><title>b</title><updated>2026-07-14T02:30:00Z</updated><link rel="self" href="nowhere.xml"/>
              <link rel="alternate" type="application/cap+xml" href="b.xml"/></entry>
            <entry><id>2</id><title>c</title><updated>2026-07-14T02:31:00Z</updated><link href="/c.xml"/></entry>
            </feed>
            """.write(toFile: (root as NSString).appendingPathComponent("index.atom"), atomically: true, encoding: .utf8)
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>t</title>
            <item><title>d</title><link>d.xml</link><pubDate>Sun, 12 Jul 2026 14:05:36 GMT</pubDate></item>
            </channel></rss>
            """.write(toFile: (root as NSString).appendingPathComponent("index.rss"), atomically: true, encoding: .utf8)
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "值班员"]).status == 0)
        return (root, db)
    }

    static func alertIDs(_ db: String) throws -> Set<String> {
        Set(AlertImportCLITests.json(try Binary.run(["alerts", "list", "--db", db, "--json"]).stdout).compactMap { $0["id"] as? String })
    }

    /// Changed, then unchanged: the second answer is a 304 with 0 body bytes to a request that carried the validator.
    @Test func aChangedFeedIsImportedAndAnUnchangedOneCostsOneRequestAndNoBody() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Self.setUp(dir)
        let server = try Self.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        // /seq/ serves a.xml first, then b.xml: the feed changes between the first and second poll, then stays.
        let feed = server.url("seq/a.xml,b.xml")
        let r = try Binary.run(["alerts", "poll", feed, "--count", "3", "--interval", "1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.alertIDs(db) == ["1401224160000020260712083000001", "SX-DRILL-2026-0712-01"])
        let log = server.requests()
        #expect(log.map { $0["status"] as? Int } == [200, 200, 304])
        #expect(log[1]["if_none_match"] as? String != nil, "the second request is conditional")
        #expect(log[2]["body_bytes"] as? Int == 0 && log[2]["if_none_match"] as? String != nil)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(feed): unchanged (304, 0 body bytes)"), "\(r.stdout)")
        #expect(lines.last?.hasPrefix("health \(feed): ok; last ok 20") == true, "\(r.stdout)")
    }

    /// An Atom and an RSS index: each entry's CAP message is fetched once and imported; the unchanged index then costs
    /// a 304 and no entry is fetched again.
    @Test func atomAndRSSIndexesAreFollowedToTheirCAPMessages() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Self.setUp(dir)
        let server = try Self.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let r = try Binary.run(["alerts", "poll", server.url("index.atom"), server.url("index.rss"), "--count", "2", "--interval", "1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.alertIDs(db) == ["SX-DRILL-2026-0712-01", "14100041600000202607141030001", "urn:oid:2.49.0.1.124.0913764416.2026"])
        let paths = server.requests().compactMap { $0["path"] as? String }
        for entry in ["/b.xml", "/c.xml", "/d.xml"] { #expect(paths.filter { $0 == entry }.count == 1, "\(entry): \(paths)") }
        #expect(!paths.contains("/nowhere.xml"), "a rel=self link is not an entry's message")
        let indexes = server.requests().filter { ($0["path"] as? String)?.hasPrefix("/index.") == true }
        #expect(indexes.map { $0["status"] as? Int } .sorted { ($0 ?? 0) < ($1 ?? 0) } == [200, 200, 304, 304])
    }

    /// A restart (a second `alerts poll` process) remembers each feed's validators and the entries it fetched: it
    /// costs one conditional request per feed, answered 304 with 0 body bytes, and no entry is fetched again.
    @Test func aRestartCostsOneConditionalRequestPerFeed() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Self.setUp(dir)
        let server = try Self.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let feeds = [server.url("index.atom"), server.url("index.rss"), server.url("a.xml")]
        #expect(try Binary.run(["alerts", "poll"] + feeds + ["--count", "1", "--db", db]).status == 0)
        let first = server.requests().count
        #expect(first == 6, "three feeds and three index entries: \(server.requests())")
        let r = try Binary.run(["alerts", "poll"] + feeds + ["--count", "1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let again = Array(server.requests().dropFirst(first))
        #expect(again.count == 3, "one request per feed: \(again)")
        for q in again {
            #expect(q["status"] as? Int == 304 && q["body_bytes"] as? Int == 0, "\(q)")
            #expect(q["if_none_match"] as? String != nil, "\(q)")
        }
        // A changed index after the restart fetches only its new entry, not the ones fetched before the restart.
        try String(contentsOfFile: (root as NSString).appendingPathComponent("index.rss"), encoding: .utf8)
            .replacingOccurrences(of: "</channel>", with: "<item><title>b</title><link>b.xml</link></item></channel>")
            .write(toFile: (root as NSString).appendingPathComponent("index.rss"), atomically: true, encoding: .utf8)
        let before = server.requests().count
        #expect(try Binary.run(["alerts", "poll", server.url("index.rss"), "--count", "1", "--db", db]).status == 0)
        let paths = server.requests().dropFirst(before).compactMap { $0["path"] as? String }
        #expect(paths == ["/index.rss", "/b.xml"], "\(paths)")
    }

    /// 404, a server slower than the timeout, a body cut short of its Content-Length: each fails on its own with a
    /// reason and a health line counting failures in a row, nothing half-read is imported, and the exit status is 1.
    /// A redirect is followed.
    @Test func failuresAreReportedPerFeedAndARedirectIsFollowed() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try Self.setUp(dir)
        let server = try Self.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let gone = server.url("gone.xml"), slow = server.url("slow/a.xml?delay=4"), cut = server.url("truncated/c.xml")
        let moved = server.url("redirect/b.xml")
        let r = try Binary.run(["alerts", "poll", gone, slow, cut, moved, "--count", "2", "--interval", "1", "--max-backoff", "2",
                                "--timeout", "1", "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(gone): HTTP 404"), "\(r.stderr)")
        #expect(r.stderr.contains("\(slow): timed out"), "\(r.stderr)")
        #expect(r.stderr.contains("\(cut): "), "\(r.stderr)")
        let health = r.stdout.split(separator: "\n").filter { $0.hasPrefix("health ") }.map(String.init)
        for feed in [gone, slow, cut] {
            #expect(health.contains { $0.hasPrefix("health \(feed): failing (2 in a row); last ok never; last error 20") }, "\(feed): \(health)")
        }
        #expect(health.contains { $0.hasPrefix("health \(moved): ok;") }, "\(health)")
        #expect(try Self.alertIDs(db) == ["SX-DRILL-2026-0712-01"], "only the redirected feed's message; the cut-off one is not imported")
        #expect(AlertImportCLITests.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout).isEmpty,
                "a failed transfer is a feed failure, not a refused message")
    }
}
