import Foundation
import Model
import Store

/// `:quarantine` / `:隔离`: the CAP messages the status bar counts as quarantined, each with its reason, source,
/// position and arrival time; `r` retries the selected one (after an upgrade, or once what it waited for came), `x`
/// drops it (an officer has read it and judged it junk).
extension ConsoleApp {
    func openQuarantine(keeping selected: Int = 0) {
        do {
            let entries = try data.quarantineList()
            let format = format
            var view = ListView(title: t(.quarantineTitle, entries.count), lines: entries.map { quarantineLine($0, format) },
                                purpose: .quarantine(entries))
            view.selected = min(selected, max(0, entries.count - 1))
            openList(view)
        } catch {
            show(error)
        }
    }

    /// "#12  07-12 08:30  feed.xml:7:3  B-2  reason": what an officer needs to decide, on one line.
    func quarantineLine(_ q: QuarantinedAlert, _ format: Format) -> String {
        return "#\(q.id)  \(format.dayTime(q.received))  \(Self.feedName(q.source)):\(q.line):\(q.column)  "
            + "\(q.identifier ?? "—")  \(q.reason)"
    }

    func actOnQuarantined(_ q: QuarantinedAlert, retry: Bool) {
        let at = (overlayListSelection ?? 0)
        do {
            if retry {
                // The operator's language first, as an import from the console would pick it.
                let languages = language == .en ? ["en", "zh-CN", "zh"] : CAPParser.defaultLanguages
                let results = try data.retryQuarantined(id: q.id, languages: languages)
                let still = results.first { $0.outcome == .quarantined && ($0.quarantineID == q.id || $0.quarantineID == nil) }
                if let still { show(t(.quarantineStill, q.id, still.reason ?? ""), error: true) } else { show(t(.quarantineRetried, q.id)) }
            } else {
                try data.dropQuarantined(id: q.id)
                show(t(.quarantineDropped, q.id))
            }
            afterWrite()
            openQuarantine(keeping: at)
        } catch {
            show(error)
        }
    }

    /// The selected line of the open list, if one is open.
    private var overlayListSelection: Int? {
        if case .list(let v) = overlay { return v.selected }
        return nil
    }
}
