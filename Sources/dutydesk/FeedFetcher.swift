import Foundation
import Model
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET of a feed or of an entry's CAP message, as real servers answer it: redirects followed, gzip/deflate
/// decoded, a body over `maxBytes` abandoned as soon as it is known to be over, a server that sends nothing for
/// `timeout` seconds or takes more than four times that in all given up on (so a stalled server never hangs a feed),
/// and a body shorter than its Content-Length treated as a failure, never as a document. Safe to call from several
/// threads at once: each transfer has its own state.
final class FeedFetcher: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let timeout: TimeInterval
    let maxBytes: Int
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]
    private var session: URLSession!

    /// Sent with every request: national servers (api.weather.gov among them) refuse requests without one, and
    /// choose CAP over their other formats (GeoJSON, HTML) by the Accept header.
    static let userAgent = "DutyDesk feed poller (https://github.com/dutydesk)"
    static let accept = "application/cap+xml, application/atom+xml;q=0.9, application/rss+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"

    init(timeout: TimeInterval, maxBytes: Int) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        super.init()
        let config = URLSessionConfiguration.ephemeral
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = timeout * 4
        session = URLSession(configuration: config, delegate: self, delegateQueue: nil)
    }

    /// What a server answered.
    struct Answer {
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
        var error: FeedFailure?
        /// The server's `Retry-After` (seconds or an HTTP date), as a wait from now.
        var retryAfter: TimeInterval?
    }

    private final class Transfer {
        var answer = Answer()
        let done = DispatchSemaphore(value: 0)
    }

    /// One GET (conditional when validators are given), waited for synchronously.
    func get(_ url: URL, etag: String?, lastModified: String?) -> Answer {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue(Self.accept, forHTTPHeaderField: "Accept")
        request.setValue(Self.userAgent, forHTTPHeaderField: "User-Agent")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let transfer = Transfer()
        let task = session.dataTask(with: request)
        lock.withLock { transfers[task.taskIdentifier] = transfer }
        task.resume()
        // The session's own resource timeout should end the transfer first; this is the backstop against a transfer
        // that never reports back at all.
        if transfer.done.wait(timeout: .now() + timeout * 4 + 2) == .timedOut {
            task.cancel()
            lock.withLock { transfers[task.taskIdentifier] = nil }
            return Answer(error: .timedOutInAll(seconds: Int(timeout * 4)))
        }
        var answer = lock.withLock { transfer.answer }
        if answer.error == nil, answer.status == 200, answer.headers["content-encoding"] == nil,
           let length = answer.headers["content-length"].flatMap(Int.init), answer.body.count < length {
            answer.error = .truncated(received: answer.body.count, expected: length)
        }
        if answer.error != nil { answer.body = Data() }
        return answer
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else { completionHandler(.allow); return }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers["\(k)".lowercased()] = "\(v)" }
        let tooBig = http.expectedContentLength > Int64(maxBytes) && headers["content-encoding"] == nil
        lock.withLock {
            guard let t = transfers[dataTask.taskIdentifier] else { return }
            t.answer.status = http.statusCode
            t.answer.headers = headers
            t.answer.retryAfter = headers["retry-after"].flatMap { Self.retryAfter($0, now: Date()) }
            if tooBig { t.answer.error = .tooLarge(announced: Int(http.expectedContentLength), limit: maxBytes) }
        }
        completionHandler(tooBig ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock { () -> Bool in
            guard let t = transfers[dataTask.taskIdentifier], t.answer.error == nil else { return false }
            t.answer.body.append(data)
            guard t.answer.body.count > maxBytes else { return false }
            t.answer.error = .tooLarge(announced: nil, limit: maxBytes)
            t.answer.body = Data()
            return true
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let t = lock.withLock { () -> Transfer? in
            guard let t = transfers.removeValue(forKey: task.taskIdentifier) else { return nil }
            if let error, t.answer.error == nil { t.answer.error = Self.describe(error) }
            return t
        }
        t?.done.signal()
    }

    /// A transport failure as a reason (URLSession on Linux says only "NSURLErrorDomain error -1001").
    static func describe(_ error: any Error) -> FeedFailure {
        guard let e = error as? URLError else { return .library(error.localizedDescription) }
        switch e.code {
        case .timedOut: return .timedOut
        case .cannotConnectToHost: return .connectionRefused
        case .cannotFindHost, .dnsLookupFailed: return .hostNotFound
        case .networkConnectionLost: return .connectionLost
        case .notConnectedToInternet: return .noNetwork
        case .httpTooManyRedirects: return .tooManyRedirects
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .tlsFailed
        case .badServerResponse: return .badServerResponse
        case .cancelled: return .cancelled
        case .badURL where e.failingURL?.absoluteString.contains("://[") == true:
            // swift-corelibs-foundation#5496: this Foundation refuses IPv6 address literals; a host name works.
            return .ipv6Literal
        default:
            // Foundation on Linux often has curl's own sentence here ("SSL certificate problem: self-signed certificate").
            let text = e.localizedDescription
            return text.hasPrefix("The operation could not be completed") ? .network(code: e.code.rawValue) : .library(text)
        }
    }

    /// `Retry-After` as a wait from `now`: delay-seconds, or an HTTP date.
    static func retryAfter(_ value: String, now: Date) -> TimeInterval? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(v) { return TimeInterval(max(0, seconds)) }
        return httpDate(v).map { max(0, $0.timeIntervalSince(now)) }
    }

    /// An HTTP date (IMF-fixdate, RFC 850 or asctime), as `Retry-After`, `Expires` and `Date` carry it.
    static func httpDate(_ value: String) -> Date? {
        let v = value.trimmingCharacters(in: .whitespaces)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            f.dateFormat = format
            if let date = f.date(from: v) { return date }
        }
        return nil
    }
}
