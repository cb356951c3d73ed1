import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Model
import Store

/// `dutydesk alerts poll URL… [--count N] [--interval S]`: fetches CAP documents over HTTP(S) with conditional
/// requests (`If-None-Match`/`If-Modified-Since` from the last answer), so a feed that has not changed costs one
/// request and no body; prints a health line per feed per round. Atom/RSS indexes are not followed yet.
enum AlertPollCommand {
    /// What a feed last answered: its validators and health.
    struct FeedState {
        var etag: String?
        var lastModified: String?
        var failures = 0
    }

    static func run(_ args: inout Arguments) throws {
        let count = try args.int("--count", range: 1...Int.max) ?? Int.max
        let interval = try args.int("--interval", range: 1...86_400) ?? 60
        let store = try StoreLocation.open(&args, finishing: false)
        defer { store.close() }
        var urls: [URL] = []
        while let u = args.optionalPositional() {
            guard let url = URL(string: u), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
                throw UsageError("'\(u)' is not an http(s) URL")
            }
            urls.append(url)
        }
        guard !urls.isEmpty else { throw UsageError("alerts poll needs one or more feed URLs") }
        try args.finish()
        var states = Array(repeating: FeedState(), count: urls.count)
        var anyRefused = false
        for round in 0..<count {
            for (i, url) in urls.enumerated() {
                let (status, headers, body, error) = fetch(url, state: states[i])
                if let error {
                    states[i].failures += 1
                    printError("\(clean(url.absoluteString)): \(clean(error)) (failures in a row: \(states[i].failures))")
                    anyRefused = true
                    continue
                }
                switch status {
                case 304:
                    states[i].failures = 0
                    print("\(clean(url.absoluteString)): unchanged (304, 0 body bytes)")
                case 200:
                    states[i].failures = 0
                    states[i].etag = headers["etag"]
                    states[i].lastModified = headers["last-modified"]
                    let results = try store.importCAP(body, source: url.absoluteString)
                    results.forEach { AlertImportCommand.report($0, json: false) }
                    if results.contains(where: { $0.outcome == .quarantined }) { anyRefused = true }
                    print("\(clean(url.absoluteString)): \(body.count) bytes, \(results.count) message\(results.count == 1 ? "" : "s")")
                default:
                    states[i].failures += 1
                    anyRefused = true
                    printError("\(clean(url.absoluteString)): HTTP \(status) (failures in a row: \(states[i].failures))")
                }
            }
            fflush(nil)
            if round + 1 < count { Thread.sleep(forTimeInterval: TimeInterval(interval)) }
        }
        if anyRefused { throw CommandError("some feeds failed or sent messages that were refused") }
    }

    /// One conditional GET, waited for synchronously (the CLI has nothing else to do meanwhile).
    static func fetch(_ url: URL, state: FeedState) -> (Int, [String: String], Data, String?) {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 30)
        if let etag = state.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lm = state.lastModified { request.setValue(lm, forHTTPHeaderField: "If-Modified-Since") }
        final class Box: @unchecked Sendable { var status = 0; var headers: [String: String] = [:]; var body = Data(); var error: String? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            if let error { box.error = error.localizedDescription }
            if let http = response as? HTTPURLResponse {
                box.status = http.statusCode
                for (k, v) in http.allHeaderFields { box.headers["\(k)".lowercased()] = "\(v)" }
            }
            box.body = data ?? Data()
            done.signal()
        }
        task.resume()
        done.wait()
        return (box.status, box.headers, box.body, box.error)
    }
}
