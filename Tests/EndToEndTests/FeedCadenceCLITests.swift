import Foundation
import Testing
import TestSupport

/// How often `alerts poll` asks a feed, against the real loopback server (`scripts/feed-test-server.py`): by default
/// about every second (a new message arrives promptly; an unchanged feed costs a 304 and no body), never more often
/// than a publisher's `Cache-Control: max-age` allows; and a round's index entries imported as one group.
@Suite struct FeedCadenceCLITests {
    /// `alerts poll` running in the background, its output going to a file.
    final class Poll {
        let process = Process()
        let out: String
        init(_ args: [String], out: String) throws {
            self.out = out
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["alerts", "poll"] + args
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = FileHandle.nullDevice
            try process.run()
        }
        var text: String { (try? String(contentsOfFile: out, encoding: .utf8)) ?? "" }
        /// Waits (polling every 10 ms) until the output contains `needle`; false after `timeout` seconds.
        func waitFor(_ needle: String, timeout: TimeInterval) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if text.contains(needle) { return true }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return false
        }
        func stop() { if process.isRunning { kill(process.processIdentifier, SIGKILL) }; process.waitUntilExit() }
    }

    /// No `--interval`: a message published after the first poll is imported at one of the next (printed: how long it
    /// took), and the polls in between were conditional requests answered 304 with no body.
    @Test func aNewMessageIsPickedUpPromptlyWithNoIntervalGiven() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try AlertPollCLITests.setUp(dir)
        let server = try AlertPollCLITests.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let feed = (root as NSString).appendingPathComponent("feed.xml")
        try FileManager.default.copyItem(atPath: root + "/a.xml", toPath: feed)
        let poll = try Poll([server.url("feed.xml"), "--db", db], out: dir.file("out"))
        defer { poll.stop() }
        try #require(poll.waitFor("health ", timeout: 30), "the first poll: \(poll.text)")
        // Two more polls answered 304 before the feed changes (the server's own clock, not a budget).
        let waitedUntil = Date().addingTimeInterval(60)
        while server.requests().count < 3 && Date() < waitedUntil { Thread.sleep(forTimeInterval: 0.05) }
        try #require(server.requests().count >= 3, "the feed is polled again without an --interval: \(server.requests())")
        try FileManager.default.removeItem(atPath: feed)
        try FileManager.default.copyItem(atPath: root + "/c.xml", toPath: feed)
        let published = Date()
        #expect(poll.waitFor("imported alert 14100041600000202607141030001", timeout: 30), "\(poll.text)")
        print("alerts poll: new message imported \(Int(Date().timeIntervalSince(published) * 1000)) ms after it was published")
        let log = server.requests()
        for q in log.dropFirst().dropLast() {
            #expect(q["status"] as? Int == 304 && q["body_bytes"] as? Int == 0 && q["if_none_match"] as? String != nil, "\(q)")
        }
    }

    /// A server that answers `Cache-Control: max-age=5` (or an `Expires` 6 s after its `Date`) is asked no more than
    /// once per 5 s (gaps read from the server's log), although the default cadence is a second.
    @Test(arguments: ["cache=max-age%3D5", "expires=6"])
    func aPublishersFreshnessIsObeyed(query: String) throws {
        let dir = TemporaryDirectory()
        let (root, db) = try AlertPollCLITests.setUp(dir)
        let server = try AlertPollCLITests.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let r = try Binary.run(["alerts", "poll", server.url("a.xml?" + query), "--count", "3", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let times = server.requests().compactMap { $0["t"] as? Double }
        #expect(times.count == 3, "\(server.requests())")
        for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 4.9, "asked again after \(b - a) s: \(times)") }
        print("\(query): \(times.count) requests, gaps \(zip(times, times.dropFirst()).map { String(format: "%.2f s", $1 - $0) })")
    }

    /// An RSS channel's `<ttl>` (minutes) is a publisher's wait too: in the 3 s after the first poll the channel is
    /// not asked again (at the default cadence it would be asked about three times).
    @Test func anRSSTTLIsObeyed() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try AlertPollCLITests.setUp(dir)
        try "<rss version=\"2.0\"><channel><title>t</title><ttl>1</ttl><item><link>b.xml</link></item></channel></rss>"
            .write(toFile: root + "/ttl.rss", atomically: true, encoding: .utf8)
        let server = try AlertPollCLITests.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let poll = try Poll([server.url("ttl.rss"), "--db", db], out: dir.file("out"))
        defer { poll.stop() }
        try #require(poll.waitFor("health ", timeout: 30), "the first poll: \(poll.text)")
        #expect(poll.text.contains("next try"), "\(poll.text)")
        Thread.sleep(forTimeInterval: 3)
        let asked = server.requests().filter { $0["path"] as? String == "/ttl.rss" }
        #expect(asked.count == 1, "\(asked)")
    }

    /// An index's entries fetched in one round are imported as a group and remembered together (one remembering
    /// transaction per group, so they share its time stamp), not one import and one remembering per entry.
    @Test func aRoundsEntriesAreImportedAsOneGroup() throws {
        let dir = TemporaryDirectory()
        let (root, db) = try AlertPollCLITests.setUp(dir)
        let template = try String(contentsOfFile: root + "/c.xml", encoding: .utf8)
        let n = 60
        var entries = ""
        for i in 1...n {
            try template.replacingOccurrences(of: "14100041600000202607141030001", with: "GROUP-\(i)")
                .write(toFile: root + "/g\(i).xml", atomically: true, encoding: .utf8)
            entries += "<entry><id>g\(i)</id><title>g</title><updated>2026-07-14T02:30:00Z</updated><link href=\"g\(i).xml\"/></entry>\n"
        }
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:g</id><updated>2026-07-14T02:31:00Z</updated>
            \(entries)</feed>
            """.write(toFile: root + "/group.atom", atomically: true, encoding: .utf8)
        let server = try AlertPollCLITests.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let r = try Binary.run(["alerts", "poll", server.url("group.atom"), "--count", "1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("imported alert GROUP-") }.count == n, "\(r.stdout)")
        let q = Process()
        q.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        q.arguments = ["sqlite3", db, "SELECT count(*), count(DISTINCT fetched_ms) FROM feed_entries"]
        let out = Pipe()
        q.standardOutput = out
        try q.run()
        let counts = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").compactMap { Int($0) }
        q.waitUntilExit()
        #expect(counts.first == n, "\(counts)")
        // A group waits at most 0.25 s for more entries: a slow machine makes a few groups, never one per entry.
        #expect((counts.last ?? n) <= n / 10, "remembering transactions for \(n) entries: \(counts)")
    }
}
