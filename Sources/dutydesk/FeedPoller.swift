import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Model
import Store

/// Polls HTTP(S) feeds into a store: a CAP document is imported as it is; an Atom/RSS index has each new entry's CAP
/// message fetched and imported. Requests are conditional (`If-None-Match`/`If-Modified-Since` from the last answer),
/// so an unchanged feed costs one request and no body; a failing feed is retried with backoff and jitter
/// (`FeedBackoff`). Used by `alerts poll` and by the console's feed thread.
final class FeedPoller {
    private(set) var feeds: [FeedHealth]
    private let urls: [URL]
    private let backoff: FeedBackoff
    private let timeout: TimeInterval
    private let session: URLSession
    /// Index entries already imported (URL and its `updated` text): an index that changed fetches only new entries.
    /// Kept in the store too (`Store+FeedMemory.swift`), with each feed's validators, so a restart does not refetch.
    private var seen: Set<String> = []
    /// Feeds whose stored validators have been read (once, at their first poll).
    private var recalled: Set<Int> = []
    private var random = SystemRandomNumberGenerator()

    init(urls: [URL], backoff: FeedBackoff, timeout: TimeInterval, now: Date = Date()) {
        self.urls = urls
        self.backoff = backoff
        self.timeout = timeout
        self.feeds = urls.map { FeedHealth(source: $0.absoluteString, nextTry: now) }
        let config = URLSessionConfiguration.ephemeral
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        config.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: config)
    }

    /// What one poll of one feed did.
    struct Round {
        var feed: Int
        var status: Int
        var bodyBytes: Int
        var results: [AlertImportResult] = []
        var error: String?
    }

    /// The earliest time a feed is due.
    var nextDue: Date { feeds.map(\.nextTry).min() ?? .distantFuture }

    /// Never tries feed `i` again (a poll with `--count` that has had its tries).
    func stop(_ i: Int) { feeds[i].nextTry = .distantFuture }

    /// Polls every feed due at `now`, imports what changed, and schedules each feed's next try.
    func pollDue(into store: Store, now: Date = Date()) -> [Round] {
        var rounds: [Round] = []
        for i in feeds.indices where feeds[i].nextTry <= now {
            var round = poll(i, into: store)
            let at = Date()
            if let error = round.error {
                feeds[i].failures += 1
                feeds[i].lastError = error
                feeds[i].lastErrorAt = at
            } else {
                feeds[i].failures = 0
                feeds[i].lastOK = at
            }
            feeds[i].nextTry = at.addingTimeInterval(backoff.delay(failures: feeds[i].failures, unit: Double.random(in: 0..<1, using: &random)))
            round.feed = i
            rounds.append(round)
        }
        return rounds
    }

    private func poll(_ i: Int, into store: Store) -> Round {
        var round = Round(feed: i, status: 0, bodyBytes: 0)
        let feed = urls[i].absoluteString
        if recalled.insert(i).inserted, let memory = try? store.feedMemory(feed: feed) {
            feeds[i].etag = memory.etag
            feeds[i].lastModified = memory.lastModified
        }
        let answer = get(urls[i], etag: feeds[i].etag, lastModified: feeds[i].lastModified)
        round.status = answer.status
        round.bodyBytes = answer.body.count
        if let error = answer.error { round.error = error; return round }
        switch answer.status {
        case 304:
            return round
        case 200:
            feeds[i].etag = answer.headers["etag"]
            feeds[i].lastModified = answer.headers["last-modified"]
        default:
            round.error = "HTTP \(answer.status)"
            return round
        }
        do {
            switch FeedDocument.classify(answer.body, url: urls[i]) {
            case .cap:
                round.results = try store.importCAP(answer.body, source: urls[i].absoluteString)
            case .index(let entries):
                for entry in entries {
                    let key = entry.url.absoluteString + "|" + entry.updated
                    if seen.contains(key) { continue }
                    if try store.feedEntryFetched(key) { seen.insert(key); continue }
                    let message = get(entry.url, etag: nil, lastModified: nil)
                    guard message.error == nil, message.status == 200 else {
                        // The index stays unread for this entry: it is fetched again next time.
                        round.error = "\(entry.url.absoluteString): \(message.error ?? "HTTP \(message.status)")"
                        feeds[i].etag = nil; feeds[i].lastModified = nil
                        continue
                    }
                    round.bodyBytes += message.body.count
                    round.results += try store.importCAP(message.body, source: entry.url.absoluteString)
                    seen.insert(key)
                    try store.rememberFeedEntry(key)
                }
            }
            // Remembered only once what they validate is in the store (an entry that failed cleared them above).
            try store.rememberFeed(feed, FeedMemory(etag: feeds[i].etag, lastModified: feeds[i].lastModified))
        } catch {
            round.error = "the store refused the import: \(error)"
        }
        return round
    }

    /// A transport failure in words (URLSession on Linux says only "NSURLErrorDomain error -1001").
    static func describe(_ error: any Error) -> String {
        guard let e = error as? URLError else { return error.localizedDescription }
        switch e.code {
        case .timedOut: return "timed out"
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "connection lost"
        case .notConnectedToInternet: return "no network"
        case .httpTooManyRedirects: return "too many redirects"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate: return "TLS failed: \(e.localizedDescription)"
        default: return e.localizedDescription
        }
    }

    struct Answer {
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
        var error: String?
    }

    /// One GET (conditional when validators are given), waited for synchronously; redirects are followed. A body
    /// shorter than its Content-Length is a failure, never a document.
    private func get(_ url: URL, etag: String?, lastModified: String?) -> Answer {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        final class Box: @unchecked Sendable { var answer = Answer() }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            if let error { box.answer.error = FeedPoller.describe(error) }
            if let http = response as? HTTPURLResponse {
                box.answer.status = http.statusCode
                for (k, v) in http.allHeaderFields { box.answer.headers["\(k)".lowercased()] = "\(v)" }
            }
            box.answer.body = data ?? Data()
            done.signal()
        }.resume()
        done.wait()
        var answer = box.answer
        if answer.error == nil, answer.status == 200, let length = answer.headers["content-length"].flatMap(Int.init),
           answer.body.count < length {
            answer.error = "truncated: \(answer.body.count) of \(length) bytes"
        }
        if answer.error != nil { answer.body = Data() }
        return answer
    }
}
