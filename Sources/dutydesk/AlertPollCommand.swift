import Foundation
import Model
import Store

/// `dutydesk alerts poll URL… [--count N] [--interval S] [--max-backoff S] [--timeout S] [--max-bytes N]`: follows
/// HTTP(S) feeds —
/// a CAP document, or an Atom/RSS index whose entries link to CAP messages — with conditional requests, backoff with
/// jitter on failure, and a health line per feed after each try (`FeedPoller`).
enum AlertPollCommand {
    static func run(_ args: inout Arguments) throws {
        let count = try args.int("--count", range: 1...Int.max) ?? Int.max
        let interval = try args.int("--interval", range: 1...86_400) ?? 1
        let maxBackoff = try args.int("--max-backoff", range: 1...604_800) ?? 3600
        let timeout = try args.int("--timeout", range: 1...3600) ?? 30
        let maxBytes = try args.int("--max-bytes", range: 1...CAPParser.maxBytes) ?? CAPParser.maxBytes
        let store = try StoreLocation.open(&args, finishing: false)
        defer { store.close() }
        var urls: [URL] = []
        while let u = args.optionalPositional() {
            let url = try feedURL(u)
            if !urls.contains(url) { urls.append(url) }  // the same feed twice would import each message twice over
        }
        guard !urls.isEmpty else { throw UsageError(.pollNeedsURLs) }
        try args.finish()
        let poller = FeedPoller(urls: urls, backoff: FeedBackoff(interval: TimeInterval(interval), maximum: TimeInterval(maxBackoff)),
                                timeout: TimeInterval(timeout), maxBytes: maxBytes)
        var tries = Array(repeating: 0, count: urls.count)
        var anyRefused = false
        while tries.contains(where: { $0 < count }) {
            let rounds = poller.pollDue(into: store)
            if rounds.isEmpty { poller.waitForRounds(until: poller.nextDue) }
            for round in rounds {
                let url = clean(urls[round.feed].absoluteString)
                round.results.forEach { AlertImportCommand.report($0, json: false) }
                if round.results.contains(where: { $0.outcome == .quarantined }) { anyRefused = true }
                if let error = round.error {
                    anyRefused = true
                    printError(clean(say(.pollError, url, say(error))))
                } else if round.status == 304 {
                    print(say(.pollUnchanged, url))
                } else if round.sameBody {
                    print(say(.pollSameBody, url, round.status, round.bodyBytes))
                } else {
                    print(say(.pollFetched, url, round.bodyBytes, round.results.count, plural(round.results.count)))
                }
                // The health line says when the feed would be tried next (a server's Retry-After shows there).
                print("health " + clean(say(poller.feeds[round.feed])))
                tries[round.feed] += 1
                if tries[round.feed] >= count { poller.stop(round.feed) }
            }
            fflush(nil)
        }
        if anyRefused { throw CommandError(.pollFailed) }
    }

    /// An http(s) URL, or a usage error naming what was given.
    static func feedURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw UsageError(.notHTTP, text)
        }
        return url
    }
}
