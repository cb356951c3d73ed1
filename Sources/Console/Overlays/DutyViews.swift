import Foundation
import Model
import Store

/// A line typed in the status bar for a duty action: a note (linked to an alert or not) or the reason of an undo.
struct LineInput {
    enum Purpose {
        case note(alert: String?)
        case undo(EventID)
    }
    var purpose: Purpose
    var input = TextInput()
}

/// One line of the log overlay: an event, or one of this desk's sync results (office-local, not an event).
enum LogLine: Equatable {
    case event(DutyLogEntry)
    case sync(SyncLogLine)
    /// A duty step that passed its deadline open: derived when the log is read, never stored.
    case missed(MissedStep)

    var entry: DutyLogEntry? { if case .event(let e) = self { e } else { nil } }

    static func merged(_ entries: [DutyLogEntry], _ sync: [SyncLogLine], missed: [MissedStep] = []) -> [LogLine] {
        SyncLogLine.merged(entries, sync, missed: missed, event: { LogLine.event($0) }, sync: { LogLine.sync($0) },
                           miss: { LogLine.missed($0) })
    }

    var milliseconds: Int64 {
        switch self {
        case .event(let e): e.event.hlc.wall
        case .sync(let s): s.atMilliseconds
        case .missed(let m): Int64(m.due.timeIntervalSince1970 * 1000)
        }
    }
}

/// The log overlay: which part of the log, the lines read, and the selected line.
struct LogView {
    /// What the title says the lines are (this shift, the last day, an alert, an operator).
    var scope: String
    var entries: [LogLine]
    var selected: Int
    var scroll = 0

    var selectedEntry: DutyLogEntry? { entries.indices.contains(selected) ? entries[selected].entry : nil }

    /// Keeps the selection inside the lines and in a window of `visible` rows.
    mutating func clamp(visible: Int) {
        ScrollWindow.clamp(selected: &selected, scroll: &scroll, count: entries.count, visible: visible)
    }
}

/// The handover screen: the record's text lines and how far it is scrolled.
struct HandoverView {
    var lines: [String]
    var scroll = 0
}
