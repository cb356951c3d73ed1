import Foundation
import Testing

/// The console runs live feeds (issue 9): a message dropped in its spool reaches the alerts pane without a key
/// pressed, a refused one is counted in quarantine on the status bar, and a dead HTTP feed shows there as failing.
@Suite(.serialized) struct ConsoleFeedTests {
    /// A console on a fresh store following one feed on a loopback server (`www/a.xml`: exercise-shanxi.xml); the
    /// server is stopped when the value goes.
    final class FeedConsole {
        let dir = TempDir()
        let www: String
        let server: AlertPollCLITests.Server
        let tmux: Tmux

        /// `path` is the feed's path on the server; `extra` more console arguments; `lang` the console's LANG.
        init(feed path: String, lang: String, width: Int = 160, extra: (TempDir) -> [String] = { _ in [] }) throws {
            let db = dir.file("p.db")
            www = dir.file("www")
            try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "张伟"]).status == 0)
            try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent("exercise-shanxi.xml").path,
                                             toPath: www + "/a.xml")
            server = try AlertPollCLITests.server(root: www, log: dir.file("log"))
            tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", db, "--feed", server.url(path)] + extra(dir)),
                            width: width, height: 40, env: ["TERM": "xterm-256color", "LANG": lang, "HOME": dir.path,
                                                            "XDG_CONFIG_HOME": dir.file("config")])
        }

        /// Opens the feeds list with `command` (`feeds`, `订阅`) and returns the screen once `title` shows.
        func feedsList(_ command: String, title: String) throws -> String {
            try tmux.send(":")
            try tmux.send(command, literal: true)
            try tmux.send("Enter")
            return try tmux.waitFor("the feeds list", timeout: 10) { $0.contains(title) }
        }

        deinit { server.stop() }

        /// Closes the list, quits, and checks the console exited cleanly.
        func quit() throws {
            try tmux.send("Escape")
            try tmux.send("q")
            #expect(try tmux.waitForExit() == 0, "the console did not exit cleanly after q")
        }
    }

    @Test func aSpooledMessageAppearsAndQuarantineAndFeedHealthShowOnTheStatusBar() throws {
        let dir = TempDir()
        let db = dir.file("p.db"), spool = dir.file("spool")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "张伟"]).status == 0)
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        // Nothing listens on port 9 of loopback: the feed fails at once, every try.
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", db, "--spool", spool,
                                                         "--feed", "http://127.0.0.1:9/dead.atom"]),
                            width: 160, height: 40, env: ["TERM": "xterm-256color", "LANG": "en_US.UTF-8", "HOME": dir.path,
                                                          "XDG_CONFIG_HOME": dir.file("config")])
        try tmux.waitFor(text: "feeds failing 1/2: dead.atom", timeout: 20)

        let corpus = AlertImportCLITests.corpus
        // Dropped as a writer should: written under a .tmp name, then renamed in.
        for (name, file) in [("good.xml", "shanxi-multi-area-signed.xml"), ("bad.xml", "bad-nul.xml")] {
            let tmp = (spool as NSString).appendingPathComponent(name + ".tmp")
            try FileManager.default.copyItem(atPath: corpus.appendingPathComponent(file).path, toPath: tmp)
            try FileManager.default.moveItem(atPath: tmp, toPath: (spool as NSString).appendingPathComponent(name))
        }
        let screen = try tmux.waitFor("the spooled alert and the quarantine count", timeout: 20) {
            $0.contains("汾河洪水橙色预警") && $0.contains("quarantined 1")
        }
        #expect(screen.contains("feeds failing 1/2"), "\(screen)")
        #expect(FileManager.default.fileExists(atPath: (spool as NSString).appendingPathComponent("done/good.xml")))
        #expect(FileManager.default.fileExists(atPath: (spool as NSString).appendingPathComponent("quarantine/bad.xml")))
        // :feeds gives every feed's whole health line: state, last success, last error with its reason, next try.
        try tmux.send(":")
        try tmux.send("feeds", literal: true)
        try tmux.send("Enter")
        let list = try tmux.waitFor("the feeds list", timeout: 10) { $0.contains("Feeds: 2") }
        #expect(list.contains("http://127.0.0.1:9/dead.atom  failing (") && list.contains("· last ok never · last error "), "\(list)")
        #expect(list.contains("connection refused · next try "), "\(list)")
        #expect(list.contains("\(spool)  ok · last ok "), "\(list)")
        try tmux.send("Escape")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0, "the console did not exit cleanly after q")
    }

    /// A feed whose server is slow does not hold up the spool: a message dropped while the feed's request is still
    /// waiting for its answer reaches the alerts pane (the feeds are polled on threads of their own). In Chinese.
    @Test func aSlowFeedDoesNotHoldUpTheSpool() throws {
        let c = try FeedConsole(feed: "slow/a.xml?delay=25", lang: "zh_CN.UTF-8") { dir in
            try? FileManager.default.createDirectory(atPath: dir.file("spool"), withIntermediateDirectories: true)
            return ["--spool", dir.file("spool")]
        }
        let spool = c.dir.file("spool"), tmux = c.tmux, server = c.server
        try tmux.waitFor(text: "订阅正常 2", timeout: 20)
        let tmp = spool + "/good.xml.tmp"
        try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent("shanxi-multi-area-signed.xml").path,
                                         toPath: tmp)
        try FileManager.default.moveItem(atPath: tmp, toPath: spool + "/good.xml")
        try tmux.waitFor(text: "汾河洪水橙色预警", timeout: 15)
        #expect(server.requests().isEmpty, "the slow feed has not answered yet: \(server.requests())")
        let list = try c.feedsList("订阅", title: "订阅：2 个")
        #expect(list.contains("slow/a.xml?delay=25  正常 · 上次成功 无 · 上次错误 无 · 下次尝试 "), "\(list)")
        try c.quit()
    }

    /// The feeds file's `interval` sets how often a feed that answers is polled (the floor; the default is a second):
    /// a feed that changes between polls has its new message on the alerts pane at the next one, 3 s after the first.
    @Test func theFeedsFileSetsThePollInterval() throws {
        let dir = TempDir()
        let db = dir.file("p.db"), www = dir.file("www"), config = dir.file("config")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "张伟"]).status == 0)
        for d in [www, config + "/dutydesk"] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        for (name, file) in [("a.xml", "exercise-shanxi.xml"), ("c.xml", "shanxi-multi-area-signed.xml")] {
            try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent(file).path, toPath: www + "/" + name)
        }
        let server = try AlertPollCLITests.server(root: www, log: dir.file("log"))
        defer { server.stop() }
        try "feed \(server.url("seq/a.xml,c.xml"))\ninterval 3\n".write(toFile: config + "/dutydesk/feeds.conf", atomically: true, encoding: .utf8)
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", db]),
                            width: 160, height: 40, env: ["TERM": "xterm-256color", "LANG": "en_US.UTF-8", "HOME": dir.path,
                                                          "XDG_CONFIG_HOME": config])
        try tmux.waitFor(text: "汾河洪水橙色预警", timeout: 20)
        let times = server.requests().compactMap { $0["t"] as? Double }
        #expect(times.count >= 2 && times[1] - times[0] >= 2.9, "the second poll after the file's interval: \(times)")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0, "the console did not exit cleanly after q")
    }

    /// With no interval anywhere, a feed is polled about every second: a message the feed publishes after the
    /// console's first poll reaches the alerts pane promptly (the figure: scripts/feed-latency.sh).
    @Test func aFeedsNewMessageReachesThePaneWithNoIntervalGiven() throws {
        let c = try FeedConsole(feed: "a.xml", lang: "en_US.UTF-8")
        try c.tmux.waitFor(text: "feeds ok 1", timeout: 20)
        while c.server.requests().isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        let tmp = c.www + "/a.xml.tmp"
        try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent("shanxi-multi-area-signed.xml").path, toPath: tmp)
        try #require(rename(tmp, c.www + "/a.xml") == 0, "the new message renamed over the feed")
        let published = Date()
        try c.tmux.waitFor(text: "汾河洪水橙色预警", timeout: 30)
        print("console: a feed's new message on the pane \(Int(Date().timeIntervalSince(published) * 1000)) ms after it was published")
        try c.quit()
    }

    /// The feeds file is read like the other config files: a bad line stops the console before the terminal is
    /// touched, with `file:line:column: message`; a good one runs its feeds.
    @Test func theFeedsFileIsReadAndABadLineIsReportedAtItsPlace() throws {
        let dir = TempDir()
        let db = dir.file("p.db"), config = dir.file("config")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "张伟"]).status == 0)
        try FileManager.default.createDirectory(atPath: config + "/dutydesk", withIntermediateDirectories: true)
        let file = config + "/dutydesk/feeds.conf"
        try "# feeds of this desk\nfeed http://127.0.0.1:9/a.atom\n  mirror http://x/\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["console", "--db", db, "--plain"], env: ["XDG_CONFIG_HOME": config, "TERM": "dumb"], stdin: "quit\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(file):3:3: unknown setting 'mirror' (feed, spool or interval)"), "\(r.stderr)")
    }
}
