import Model
import Store

/// A list the console opens over the panes and acts on with Enter: search hits (jump to their pane), the depots
/// nearest an alert for an item (issue from one), duty phones, or the quarantine (retry or drop an entry).
struct ListView {
    enum Purpose {
        case search([SearchHit])
        case nearest(alert: String, [NearbyStock])
        case contacts([Contact])
        /// CAP messages that could not be imported: `r` retries the selected one, `x` drops it.
        case quarantine([QuarantinedAlert])
        /// The live feeds' health, one line each (read only).
        case feeds
    }
    var title: String
    var lines: [String]
    var purpose: Purpose
    var selected = 0
    var scroll = 0

    mutating func clamp(visible: Int) {
        ScrollWindow.clamp(selected: &selected, scroll: &scroll, count: lines.count, visible: visible)
    }
}
