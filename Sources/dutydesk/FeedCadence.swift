import Foundation

/// How long a publisher asks a poller to wait before asking again, from what it sent: `Cache-Control: max-age=N`
/// (less the response's `Age`), `no-cache`/`no-store` (revalidate every time: no wait beyond our own floor),
/// `Expires` (measured from the server's `Date`, so a skewed local clock does not shift it), and an RSS channel's
/// `<ttl>` (minutes). The poller waits the longest of these and its own interval (the floor).
enum FeedCadence {
    /// The wait the response headers ask for, or nil when they say nothing about freshness.
    static func headerWait(_ headers: [String: String], now: Date) -> TimeInterval? {
        if let control = headers["cache-control"] {
            let directives = control.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if directives.contains(where: { $0 == "no-cache" || $0 == "no-store" || $0.hasPrefix("no-cache=") }) { return 0 }
            // s-maxage is for shared caches; a poller is a private one.
            if let maxAge = directives.first(where: { $0.hasPrefix("max-age=") }).flatMap({ Int($0.dropFirst(8).trimmingCharacters(in: ["\""])) }) {
                let age = headers["age"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
                return TimeInterval(max(0, maxAge - age))
            }
        }
        guard let expires = headers["expires"] else { return nil }
        // An Expires that is not a date (often "0" or "-1") means already expired (RFC 9111 §5.3).
        guard let at = FeedFetcher.httpDate(expires) else { return 0 }
        let served = headers["date"].flatMap(FeedFetcher.httpDate) ?? now
        return max(0, at.timeIntervalSince(served))
    }

    /// An RSS channel's `<ttl>` in seconds: how long the channel may be cached before it is refreshed. Read from the
    /// channel's head (before its first item), where the element belongs.
    static func rssTTL(_ body: Data) -> TimeInterval? {
        let head = body.prefix(16_384)
        guard let open = head.range(of: Data("<ttl>".utf8)) else { return nil }
        if let item = head.range(of: Data("<item".utf8)), item.lowerBound < open.lowerBound { return nil }
        guard let close = head[open.upperBound...].range(of: Data("</ttl>".utf8)) else { return nil }
        let text = String(decoding: head[open.upperBound..<close.lowerBound], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int(text).map { TimeInterval(max(0, $0) * 60) }
    }
}
