import Foundation
import Model
import Store

/// Polls HTTP(S) feeds into a store: a CAP document is imported as it is; an Atom/RSS index has each new entry's CAP
/// message fetched (or taken from the entry itself) and imported. Requests are conditional (`If-None-Match`/
/// `If-Modified-Since` from the last answer), so an unchanged feed costs one request and no body; a server that ignores
/// them and sends the same bytes again costs no re-import. A failing feed is retried with backoff and jitter
/// (`FeedBackoff`), or after the server's `Retry-After`. A feed that answers is asked again after its interval (the
/// floor) or after the wait its publisher asks for (`FeedCadence`: max-age, Expires, RSS ttl), whichever is longer. Each feed is polled on a thread of its own, so a slow or
/// stalled feed never holds up the others. Used by `alerts poll` and by the console's feed thread.
final class FeedPoller: @unchecked Sendable {
    private let urls: [URL]
    private let backoff: FeedBackoff
    private let fetcher: FeedFetcher
    /// Guards everything below; signalled when a round finishes.
    private let condition = NSCondition()
    private var health: [FeedHealth]
    private var memory: [FeedMemory?]
    /// Each feed's RSS `<ttl>` from the last body read (a 304 does not repeat it).
    private var ttl: [TimeInterval?]
    private var inFlight: Set<Int> = []
    private var finished: [Round] = []
    /// Index entries already imported (their memory keys); kept in the store too (`Store+FeedMemory.swift`).
    private var seen: Set<String> = []
    private var random = SystemRandomNumberGenerator()

    /// The longest a server's `Retry-After` is obeyed for.
    static let maxRetryAfter: TimeInterval = 86_400

    init(urls: [URL], backoff: FeedBackoff, timeout: TimeInterval, maxBytes: Int = CAPParser.maxBytes, now: Date = Date()) {
        self.urls = urls
        self.backoff = backoff
        fetcher = FeedFetcher(timeout: timeout, maxBytes: maxBytes)
        health = urls.map { FeedHealth(source: $0.absoluteString, nextTry: now) }
        memory = urls.map { _ in nil }
        ttl = urls.map { _ in nil }
    }

    /// What one poll of one feed did.
    struct Round {
        var feed: Int
        var status = 0
        var bodyBytes = 0
        var results: [AlertImportResult] = []
        var error: FeedFailure?
        /// A 200 whose body is the one read last time: nothing was imported.
        var sameBody = false
        var retryAfter: TimeInterval?
        /// What the answer's headers ask as a wait before the next request (`FeedCadence.headerWait`).
        var publisherWait: TimeInterval?
    }

    /// Every feed's health, as of now.
    var feeds: [FeedHealth] { condition.withLock { health } }

    /// No poll is under way (the store may be closed).
    var isIdle: Bool { condition.withLock { inFlight.isEmpty } }

    /// The earliest time a feed not being polled now is due.
    var nextDue: Date {
        condition.withLock { health.indices.filter { !inFlight.contains($0) }.map { health[$0].nextTry }.min() ?? .distantFuture }
    }

    /// Never tries feed `i` again (a poll with `--count` that has had its tries).
    func stop(_ i: Int) { condition.withLock { health[i].nextTry = .distantFuture } }

    /// Starts a poll of every feed due at `now` and not already being polled, each on its own thread, and returns the
    /// rounds finished since the last call (without waiting for the ones just started).
    func pollDue(into store: Store, now: Date = Date()) -> [Round] {
        condition.lock()
        defer { condition.unlock() }
        for i in health.indices where health[i].nextTry <= now && !inFlight.contains(i) {
            inFlight.insert(i)
            Thread.detachNewThread { [self] in
                let round = poll(i, into: store)
                finish(round)
            }
        }
        let done = finished
        finished = []
        return done
    }

    /// Waits until a round has finished or `date` has come.
    func waitForRounds(until date: Date) {
        condition.lock()
        defer { condition.unlock() }
        // Foundation on Linux traps on a date as far off as `distantFuture`: an hour at a time.
        while finished.isEmpty && condition.wait(until: min(date, Date().addingTimeInterval(3600))) && Date() < date {}
    }

    /// Records a round in its feed's health and schedules the feed's next try.
    private func finish(_ round: Round) {
        condition.lock()
        defer { condition.unlock() }
        let i = round.feed, at = Date()
        var delay: TimeInterval
        if let error = round.error {
            health[i].failures += 1
            health[i].lastError = error
            health[i].lastErrorAt = at
            delay = backoff.delay(failures: health[i].failures, unit: Double.random(in: 0..<1, using: &random))
            if let wait = round.retryAfter { delay = max(delay, min(wait, Self.maxRetryAfter)) }
        } else {
            health[i].failures = 0
            health[i].lastOK = at
            // The floor, or longer when the publisher asks for it (a 503's Retry-After is handled above).
            let asked = [round.publisherWait, ttl[i], round.retryAfter].compactMap { $0 }.max() ?? 0
            delay = max(backoff.delay(failures: 0, unit: 0), min(asked, Self.maxRetryAfter))
        }
        if health[i].nextTry != .distantFuture { health[i].nextTry = at.addingTimeInterval(delay) }
        health[i].etag = memory[i]?.etag
        health[i].lastModified = memory[i]?.lastModified
        inFlight.remove(i)
        finished.append(round)
        condition.broadcast()
    }

    private func poll(_ i: Int, into store: Store) -> Round {
        var round = Round(feed: i)
        let feed = urls[i].absoluteString
        var known = condition.withLock { memory[i] } ?? ((try? store.feedMemory(feed: feed)) ?? nil) ?? FeedMemory()
        let answer = fetcher.get(urls[i], etag: known.etag, lastModified: known.lastModified)
        round.status = answer.status
        round.bodyBytes = answer.body.count
        round.retryAfter = answer.retryAfter
        round.publisherWait = FeedCadence.headerWait(answer.headers, now: Date())
        defer { condition.withLock { memory[i] = known } }
        if let error = answer.error { round.error = error; return round }
        switch answer.status {
        case 304:
            return round
        case 200...299:
            break
        default:
            round.error = Self.statusFailure(answer)
            return round
        }
        let digest = Self.digest(answer.body)
        // New validators (a server may send a 200 without any: then only the digest tells an unchanged body).
        var next = FeedMemory(etag: answer.headers["etag"], lastModified: answer.headers["last-modified"], bodyDigest: digest)
        do {
            let channelTTL = FeedCadence.rssTTL(answer.body)
            condition.withLock { ttl[i] = channelTTL }
            if digest == known.bodyDigest {
                round.sameBody = true
            } else {
                switch FeedDocument.classify(answer.body, url: urls[i]) {
                case .notFeed(let what):
                    round.error = .notFeed(NotFeedKind(description: what), status: answer.status)
                    next = FeedMemory()
                case .cap:
                    round.results = try store.importCAP(answer.body, source: feed)
                case .index(let entries):
                    if !importEntries(entries, into: store, &round) { next = FeedMemory() }
                }
            }
            // Remembered only once what they validate is in the store (an entry that failed leaves none).
            // Written only when it changed: a feed that sends the same bytes every second would otherwise cost a
            // commit each time, and wake every console on the store into a full refresh.
            if next != known { try store.rememberFeed(feed, next) }
            known = next
        } catch {
            round.error = .storeRefused("\(error)")
        }
        return round
    }

    /// Fetches and imports every entry not imported before. False when an entry must be tried again next time (the
    /// index is then read again in full, not answered with a 304). The entries fetched are imported as groups
    /// (`EntryGroup`): one commit for their messages and one to remember them, not two per entry.
    private func importEntries(_ entries: [FeedEntry], into store: Store, _ round: inout Round) -> Bool {
        var complete = true
        var deadHosts: Set<String> = []
        var group = EntryGroup()
        var fresh: [FeedEntry] = []
        for entry in entries {
            let key = entry.memoryKey
            if condition.withLock({ seen.contains(key) }) { continue }
            do {
                if try store.feedEntryFetched(key) { condition.withLock { _ = seen.insert(key) }; continue }
                fresh.append(entry)
            } catch {
                round.error = .storeRefused("\(error)")
                complete = false
            }
        }
        // A few entries fetched at once (each request waits mostly on the network), handled in the index's order. A
        // server is asked for one entry until it has answered this round: one that does not answer costs one timeout.
        var next = 0
        var liveHosts: Set<String> = []
        while next < fresh.count {
            var batch: [FeedEntry] = []
            var probing: Set<String> = []
            while next < fresh.count && batch.count < Self.parallelFetches {
                let entry = fresh[next]
                if entry.inline == nil, let host = entry.url.host {
                    if deadHosts.contains(host) { next += 1; complete = false; continue }
                    if !liveHosts.contains(host) {
                        if probing.contains(host) { break }
                        probing.insert(host)
                    }
                }
                next += 1
                batch.append(entry)
            }
            for (entry, (outcome, bytes)) in zip(batch, fetchAll(batch)) {
                round.bodyBytes += bytes
                complete = record(outcome, entry, &group, &deadHosts, &round) && complete
                if let host = entry.url.host, !deadHosts.contains(host) { liveHosts.insert(host) }
            }
            if group.isDue && !commit(&group, into: store, &round) { complete = false }
        }
        if !commit(&group, into: store, &round) { complete = false }
        return complete
    }

    /// How many of an index's entries are fetched at once: enough to hide a round trip, few enough to stay polite.
    static let parallelFetches = 6

    /// Each entry's message (inline, or fetched on a thread of its own) and the body bytes it cost, in order.
    private func fetchAll(_ batch: [FeedEntry]) -> [(EntryOutcome, Int)] {
        /// The batch's results, filled by the fetching threads under `lock`.
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var outcomes: [(EntryOutcome, Int)?]
            init(_ n: Int) { outcomes = Array(repeating: nil, count: n) }
        }
        let results = Results(batch.count), done = DispatchGroup()
        for (i, entry) in batch.enumerated() {
            if let inline = entry.inline { results.outcomes[i] = (.cap(inline, entry.url), 0); continue }
            done.enter()
            Thread.detachNewThread { [self] in
                let result = fetchEntry(entry)
                results.lock.withLock { results.outcomes[i] = result }
                done.leave()
            }
        }
        done.wait()
        return results.lock.withLock { results.outcomes.map { $0 ?? (.retry(.cancelled, unreachable: false), 0) } }
    }

    /// What one entry's outcome does to the round: a message joins the group; gone is reported and remembered; a
    /// retry leaves the index incomplete (false).
    private func record(_ outcome: EntryOutcome, _ entry: FeedEntry, _ group: inout EntryGroup, _ deadHosts: inout Set<String>,
                        _ round: inout Round) -> Bool {
        let key = entry.memoryKey
        switch outcome {
        case .cap(let body, let url):
            group.add(key, CAPDocument(data: body, source: url.absoluteString))
        case .gone(let reason):
            // A message the index still lists but its server no longer has: reported once, not fetched again.
            round.error = round.error ?? reason
            group.add(key, nil)
        case .retry(let reason, let unreachable):
            round.error = reason
            // A server that does not answer at all would cost each of its remaining entries its own timeout:
            // they wait for the next round (entries on other servers go on).
            if unreachable, let host = entry.url.host { deadHosts.insert(host) }
            return false
        }
        return true
    }

    /// Index entries fetched and not yet imported: imported together once the first has waited `EntryGroup.wait`
    /// (so a message still reaches the store promptly while a long index is being fetched) or the index is done.
    private struct EntryGroup {
        /// How long the first entry of a group waits for others.
        static let wait: TimeInterval = 0.25
        var keys: [String] = []
        var documents: [CAPDocument] = []
        var started: TimeInterval = 0

        mutating func add(_ key: String, _ document: CAPDocument?) {
            if keys.isEmpty { started = ProcessInfo.processInfo.systemUptime }
            keys.append(key)
            if let document { documents.append(document) }
        }

        var isDue: Bool { !keys.isEmpty && ProcessInfo.processInfo.systemUptime - started >= Self.wait }
    }

    /// Imports a group's messages (`Store.importCAP(documents:)`, one commit per group) and then remembers its
    /// entries in one transaction: an entry is remembered only once its messages are committed (a crash in between
    /// costs a fetch again and a duplicate, never a lost message). False when the store refused.
    private func commit(_ group: inout EntryGroup, into store: Store, _ round: inout Round) -> Bool {
        defer { group = EntryGroup() }
        guard !group.keys.isEmpty else { return true }
        var documents = group.documents.makeIterator()
        do {
            try store.importCAP(documents: { documents.next() }) { round.results.append($0) }
            try store.rememberFeedEntries(group.keys)
            condition.withLock { seen.formUnion(group.keys) }
            return true
        } catch {
            round.error = .storeRefused("\(error)")
            return false
        }
    }

    private enum EntryOutcome {
        case cap(Data, URL)
        case gone(FeedFailure)
        /// Tried again next round; `unreachable` when the server did not answer at all (not an HTTP status).
        case retry(FeedFailure, unreachable: Bool)
    }

    /// An entry's CAP message: its links tried in order until one answers with something that is not an HTML page;
    /// and the body bytes that cost.
    private func fetchEntry(_ entry: FeedEntry) -> (EntryOutcome, Int) {
        var bytes = 0
        var outcome = EntryOutcome.retry(.entry(url: entry.url.absoluteString, .noLink), unreachable: false)
        for url in [entry.url] + entry.alternatives {
            let answer = fetcher.get(url, etag: nil, lastModified: nil)
            bytes += answer.body.count
            let name = url.absoluteString
            if let error = answer.error {
                // Too large will not get better; anything else (timed out, refused) may.
                let failure = FeedFailure.entry(url: name, error)
                outcome = error.isPermanent ? .gone(failure) : .retry(failure, unreachable: true)
            } else if answer.status == 404 || answer.status == 410 {
                outcome = .gone(.entry(url: name, Self.statusFailure(answer)))
            } else if !(200...299).contains(answer.status) {
                outcome = .retry(.entry(url: name, Self.statusFailure(answer)), unreachable: false)
            } else if case .notFeed(let what) = FeedDocument.classify(answer.body, url: url) {
                outcome = .gone(.entry(url: name, .notFeed(NotFeedKind(description: what), status: nil)))
            } else {
                return (.cap(answer.body, url), bytes)
            }
        }
        return (outcome, bytes)
    }

    /// A status that is not a success, with the server's `Retry-After` (rendered by the catalogs: `HTTP 503 (service
    /// unavailable; retry after 120 s)`).
    static func statusFailure(_ answer: FeedFetcher.Answer) -> FeedFailure {
        .http(status: answer.status, retryAfter: answer.retryAfter.map { Int($0.rounded()) })
    }

    /// 64-bit FNV-1a of the bytes and their count: tells a body from the last one (not a security measure).
    static func digest(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return String(h, radix: 16) + "-" + String(data.count)
    }
}
