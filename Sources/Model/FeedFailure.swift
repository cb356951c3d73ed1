import Foundation

/// Why a feed's last try failed, as data, so the console's and the CLI's catalogs can say it in the operator's
/// language. Text a server or library supplied (a TLS library's sentence, a store error) travels as it was written
/// and is shown after our translated words.
public indirect enum FeedFailure: Sendable, Hashable {
    /// The server sent nothing for the timeout.
    case timedOut
    /// The whole transfer took longer than its deadline (seconds).
    case timedOutInAll(seconds: Int)
    case connectionRefused, hostNotFound, connectionLost, noNetwork, tooManyRedirects, badServerResponse, cancelled
    /// A TLS failure URLSession names without the library's own words.
    case tlsFailed
    /// This Foundation refuses IPv6 address literals (swift-corelibs-foundation#5496).
    case ipv6Literal
    /// A URL error with no words of its own: its code.
    case network(code: Int)
    /// The networking library's own sentence (curl's "SSL certificate problem: …"), kept as it wrote it.
    case library(String)
    /// An HTTP status that is not a success, with the server's `Retry-After` in seconds when it sent one.
    case http(status: Int, retryAfter: Int?)
    /// A body over the limit: the size the server announced (nil: found while reading) and the limit.
    case tooLarge(announced: Int?, limit: Int)
    /// A body shorter than its Content-Length.
    case truncated(received: Int, expected: Int)
    /// A success whose body is not a feed (HTML, JSON, empty, or an index of web pages), and its HTTP status.
    case notFeed(NotFeedKind, status: Int?)
    /// An index entry's own failure, at its URL.
    case entry(url: String, FeedFailure)
    /// An index entry with no link to fetch.
    case noLink
    /// The store refused the import; the store's words.
    case storeRefused(String)
    /// A failure described only in words we do not translate (a spool folder's error).
    case other(String)

    /// What an entry failure is about, without the entry: what a one-line status bar shows.
    public var innermost: FeedFailure {
        if case .entry(_, let inner) = self { return inner.innermost }
        return self
    }

    /// Whether trying again cannot help (a body over the limit stays over it).
    public var isPermanent: Bool {
        if case .tooLarge = self { return true }
        return false
    }
}

/// What a 200 carried instead of a feed.
public enum NotFeedKind: Sendable, Hashable {
    case empty, json, html
    /// An index whose entries (this many) link only to web pages.
    case webPagesOnly(Int)
    /// Described in words we do not translate.
    case other(String)

    /// The kind `FeedDocument.classify` described in words (its descriptions are English sentences).
    public init(description: String) {
        if description.hasPrefix("an empty body") { self = .empty }
        else if description.hasPrefix("JSON") { self = .json }
        else if description.hasPrefix("an HTML page") { self = .html }
        else if description.hasPrefix("an index of "), let n = Int(description.dropFirst(12).prefix { $0.isNumber }) { self = .webPagesOnly(n) }
        else { self = .other(description) }
    }
}
