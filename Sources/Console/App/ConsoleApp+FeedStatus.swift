import Foundation
import Model
import Screen

/// The status bar's right end: how many CAP messages wait in quarantine, and the live feeds' health when the console
/// runs feeds — all well, or the first failing feed and why, so a dead feed is seen without leaving the desk.
extension ConsoleApp {
    /// The pieces for the right end of the status bar, at most `width` columns; empty when there is nothing to say.
    func statusExtras(width: Int) -> [HeaderItem] {
        var items: [HeaderItem] = []
        if quarantined > 0 { items.append(HeaderItem(text: t(.quarantinedCount, quarantined) + " ", role: .error, drop: 1)) }
        if !feeds.isEmpty {
            if let failing = feeds.first(where: \.isFailing) {
                let reason = Self.shortReason(failing.lastError.map(t.feedFailureShort) ?? "")
                let name = Self.feedName(failing.source)
                items.append(HeaderItem(text: t(.feedFailing, feeds.filter(\.isFailing).count, feeds.count, name, reason) + " ",
                                        role: .error, drop: 0))
            } else {
                items.append(HeaderItem(text: t(.feedsOK, feeds.count) + " ", role: .syncOnline, drop: 0))
            }
        }
        // The narrowest first: the feed line is cut before the quarantine count goes.
        while items.reduce(0, { $0 + Text.width($1.text) }) > width, let last = items.indices.last {
            let fitted = Text.fit(items[last].text, max(0, width - items.dropLast().reduce(0) { $0 + Text.width($1.text) }))
            if Text.width(fitted) >= 6 { items[last].text = fitted; break }
            items.removeLast()
        }
        return items
    }

    /// A feed as the bar names it: the URL's last path part (`…/index.atom`), a spool's folder name.
    static func feedName(_ source: String) -> String {
        let trimmed = source.hasSuffix("/") ? String(source.dropLast()) : source
        return trimmed.split(separator: "/").last.map(String.init) ?? source
    }
}

/// `:feeds` / `:订阅`: every live feed and spool on a line of its own — state, last success, last error with its
/// reason, next try — in the operator's language and time zone, for when the status bar's one line is not enough.
extension ConsoleApp {
    func openFeeds() {
        guard !feeds.isEmpty else { show(t(.feedsNone)); return }
        openList(ListView(title: t(.feedsTitle, feeds.count), lines: feeds.map(feedLine), purpose: .feeds))
    }

    func feedLine(_ h: FeedHealth) -> String {
        let format = format
        func time(_ d: Date?) -> String { d.map(format.dayTimeSeconds) ?? t(.feedNever) }
        let state = h.isFailing ? t(.feedStateFailing, h.failures) : t(.feedStateOK)
        let error = h.lastError.map { "\(time(h.lastErrorAt)) \(t.feedFailure($0))" } ?? t(.feedNever)
        let next = h.nextTry == .distantFuture ? t(.feedNever) : time(h.nextTry)
        return t(.feedLine, h.source, state, time(h.lastOK), error, next)
    }
}
