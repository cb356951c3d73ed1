import Foundation
import Model
import Screen

/// A feed failure in words, from the console's catalog: our words in the operator's language, a server's or library's
/// own words kept as they wrote them (control characters removed) after a translated lead.
extension Catalog {
    func feedFailure(_ failure: FeedFailure) -> String {
        switch failure {
        case .timedOut: self(.ffTimedOut)
        case .timedOutInAll(let seconds): self(.ffTimedOutInAll, seconds)
        case .connectionRefused: self(.ffRefused)
        case .hostNotFound: self(.ffHostNotFound)
        case .connectionLost: self(.ffConnectionLost)
        case .noNetwork: self(.ffNoNetwork)
        case .tooManyRedirects: self(.ffTooManyRedirects)
        case .badServerResponse: self(.ffBadResponse)
        case .cancelled: self(.ffCancelled)
        case .tlsFailed: self(.ffTLS)
        case .ipv6Literal: self(.ffIPv6Literal)
        case .network(let code): self(.ffNetworkCode, code)
        case .library(let text): self(.ffLibrary, Sanitizer.clean(text))
        case .http(let status, let retryAfter): http(status, retryAfter: retryAfter)
        case .tooLarge(let announced?, let limit): self(.ffTooLargeAnnounced, announced, limit)
        case .tooLarge(nil, let limit): self(.ffTooLarge, limit)
        case .truncated(let received, let expected): self(.ffTruncated, received, expected)
        case .notFeed(let kind, let status?): self(.ffNotFeed, notFeed(kind), status)
        case .notFeed(let kind, nil): notFeed(kind)
        case .entry(let url, let inner): self(.ffEntry, Sanitizer.clean(url), feedFailure(inner))
        case .noLink: self(.ffNoLink)
        case .storeRefused(let text): self(.ffStoreRefused, Sanitizer.clean(text))
        case .other(let text): Sanitizer.clean(text)
        }
    }

    /// The status bar's few words: what went wrong (not at which entry), an HTTP status with its reason only.
    func feedFailureShort(_ failure: FeedFailure) -> String {
        if case .http(let status, _) = failure.innermost, let reason = Self.httpReason(status) {
            return self(.ffHTTPShort, status, self(reason))
        }
        return feedFailure(failure.innermost)
    }

    /// `HTTP 503 (service unavailable; retry after 120 s)`, `HTTP 503（服务不可用；120 秒后重试）`.
    private func http(_ status: Int, retryAfter: Int?) -> String {
        let words = [Self.httpReason(status).map { self($0) }, retryAfter.map { self(.ffRetryAfter, $0) }].compactMap { $0 }
        return words.isEmpty ? self(.ffHTTP, status) : self(.ffHTTPWith, status, words.joined(separator: self(.ffSeparator)))
    }

    private func notFeed(_ kind: NotFeedKind) -> String {
        switch kind {
        case .empty: self(.ffEmpty)
        case .json: self(.ffJSON)
        case .html: self(.ffHTML)
        case .webPagesOnly(let n): self(n == 1 ? .ffWebPagesOne : .ffWebPages, n)
        case .other(let text): Sanitizer.clean(text)
        }
    }

    /// Our reason phrase for the statuses feeds answer (URLSession does not give the server's own).
    static func httpReason(_ status: Int) -> S? {
        switch status {
        case 400: .http400
        case 401: .http401
        case 403: .http403
        case 404: .http404
        case 410: .http410
        case 429: .http429
        case 500: .http500
        case 502: .http502
        case 503: .http503
        case 504: .http504
        case 300...399: .http3xx
        default: nil
        }
    }
}

/// Feed failures in words for the CLI (which follows LANG): the same catalog entries the console uses.
public enum FeedFailureText {
    public static func text(_ failure: FeedFailure, language: Language) -> String { Catalog(language: language).feedFailure(failure) }
}
