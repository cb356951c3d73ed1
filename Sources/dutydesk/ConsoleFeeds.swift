import Foundation
import Console
import Model
import Store

/// The live feeds a console runs: `--feed URL` and `--spool DIR` on the command line, and the feeds file
/// (`$XDG_CONFIG_HOME/dutydesk/feeds.conf`: `feed URL` / `spool DIR` / `interval SECONDS` lines, `#` comments).
struct ConsoleFeedConfig {
    var urls: [URL] = []
    var spools: [String] = []
    /// The least seconds between polls of a feed that answers (`--feed-interval` or the file's `interval`; a publisher's
    /// max-age, Expires or RSS ttl can make it longer): a new message on a feed reaches the console within this plus
    /// its transfer. One second by default, for the issue's 2 s; an unchanged feed costs one conditional request (a
    /// 304, no body) each time.
    var interval = 1
    var isEmpty: Bool { urls.isEmpty && spools.isEmpty }

    static func load(feeds: [String], spools: [String], interval: Int? = nil,
                     file: String? = ConfigPaths.userDirectory("feeds.conf")) throws -> ConsoleFeedConfig {
        var config = ConsoleFeedConfig()
        config.urls = try feeds.map(AlertPollCommand.feedURL)
        config.spools = spools
        if let file, let text = try? String(contentsOfFile: file, encoding: .utf8) {
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
                guard !words.isEmpty else { continue }
                let column = (line.firstIndex { !$0.isWhitespace }.map { line.distance(from: line.startIndex, to: $0) } ?? 0) + 1
                guard words.count == 2 else {
                    throw CommandError("\(file):\(n + 1):\(column): want `feed URL` or `spool DIR`")
                }
                switch words[0] {
                case "feed":
                    guard let url = try? AlertPollCommand.feedURL(words[1]) else {
                        throw CommandError("\(file):\(n + 1):\(column): '\(words[1])' is not an http(s) URL")
                    }
                    config.urls.append(url)
                case "spool": config.spools.append(words[1])
                case "interval":
                    guard let seconds = Int(words[1]), (1...86_400).contains(seconds) else {
                        throw CommandError("\(file):\(n + 1):\(column): interval wants whole seconds from 1 to 86400, not '\(words[1])'")
                    }
                    config.interval = seconds
                default: throw CommandError("\(file):\(n + 1):\(column): unknown setting '\(words[0])' (feed, spool or interval)")
                }
            }
        }
        if let interval { config.interval = interval }
        // A feed or spool named twice (on the command line and in the file) runs once.
        config.urls = config.urls.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        config.spools = config.spools.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        for dir in config.spools { try AlertWatchCommand.prepare(dir) }
        return config
    }
}

/// Runs the feeds on a thread of their own, writing through their own store connection (so the console sees each
/// import through SQLite's data_version, as it sees sync's): polls the HTTP feeds when due and scans each spool
/// every second. `health` is what the status bar shows.
final class ConsoleFeedRunner: @unchecked Sendable {
    private let lock = NSLock()
    private var snapshot: [FeedHealth] = []
    private var stopped = false
    private let store: Store
    private let config: ConsoleFeedConfig
    private let poller: FeedPoller
    private var thread: Thread?

    init(storePath: String, config: ConsoleFeedConfig) throws {
        store = try Store.open(path: storePath)
        self.config = config
        poller = FeedPoller(urls: config.urls, backoff: FeedBackoff(interval: TimeInterval(config.interval), maximum: 3600), timeout: 30)
        snapshot = poller.feeds + config.spools.map { FeedHealth(source: $0, nextTry: Date()) }
    }

    var health: [FeedHealth] {
        lock.lock(); defer { lock.unlock() }
        return snapshot
    }

    func start() {
        let t = Thread { [self] in run() }
        t.name = "dutydesk-feeds"
        thread = t
        t.start()
    }

    /// Stops the thread; waits at most two seconds, so quitting never waits on a slow feed's request. A thread still
    /// inside a request keeps its connection (closing it under the thread would be worse); the process is ending, and
    /// everything it committed is already durable.
    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        let deadline = Date().addingTimeInterval(2)
        while thread?.isFinished == false, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if thread?.isFinished != false, poller.isIdle { store.close() }
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func run() {
        var spoolHealth = config.spools.map { FeedHealth(source: $0, nextTry: Date()) }
        var nextScan = Date()
        while !isStopped {
            // Starts the feeds that are due on threads of their own: a slow feed never holds up the spools.
            _ = poller.pollDue(into: store)
            for (i, dir) in config.spools.enumerated() where Date() >= nextScan {
                let now = Date()
                do {
                    try AlertWatchCommand.scan(dir, into: store) { _ in }
                    spoolHealth[i].failures = 0
                    spoolHealth[i].lastOK = now
                } catch {
                    spoolHealth[i].failures += 1
                    spoolHealth[i].lastError = .other("\(error)")
                    spoolHealth[i].lastErrorAt = now
                }
                spoolHealth[i].nextTry = now.addingTimeInterval(1)
            }
            if Date() >= nextScan { nextScan = Date().addingTimeInterval(1) }
            lock.lock(); snapshot = poller.feeds + spoolHealth; lock.unlock()
            // Wakes when a feed is due (not on the next whole second, which would add up to a second to its cadence),
            // when a poll finishes, or for the next spool scan: a second at most between scans keeps the issue's 2 s.
            poller.waitForRounds(until: min(nextScan, poller.nextDue))
        }
    }
}
