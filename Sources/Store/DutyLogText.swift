import Foundation
import Model

/// The duty log and timelines as text lines: one event a line, time first, so a printout reads in order.
public enum DutyLogText {
    /// "2026-12-02 08:15:03  140100 王伟  ack        acknowledged X" (minutes and seconds in `zone`).
    public static func line(_ e: DutyLogEntry, lang: Language, zone: TimeZone) -> String {
        let who = "\(e.event.office) \(e.event.operator)"
        var text = "\(time(e.event.hlc.wall, zone))  \(pad(who, 18))  \(pad(e.kind.tag, 10))  \(e.summary(lang))"
        if let reason = e.rejection { text += lang == .zh ? "  [中心拒绝: \(reason)]" : "  [REJECTED by the centre: \(reason)]" }
        return text
    }

    /// "2026-12-02 08:25:00  —                   missed      report to leader (alert X)": a step's due time passed
    /// with the step open. Derived when the log is read, never written, so every office shows the same misses.
    public static func line(_ m: MissedStep, lang: Language, zone: TimeZone) -> String {
        let what = (lang == .zh ? "逾期未完成: " : "MISSED: ") + m.step.name(lang) + (lang == .zh ? " (预警 " : " (alert ") + m.alert + ")"
        return "\(time(Int64(m.due.timeIntervalSince1970 * 1000), zone))  \(pad("—", 18))  \(pad("missed", 10))  \(what)"
    }

    /// The entries and the missed steps, merged in time order.
    public static func lines(_ entries: [DutyLogEntry], missed: [MissedStep] = [], lang: Language, zone: TimeZone) -> String {
        merged(entries, [], missed: missed, lang: lang, zone: zone).joined(separator: "\n")
    }

    /// A sync result's line: the same columns, "sync" for the kind, this office's own line (it is not an event).
    public static func line(_ s: SyncLogLine, lang: Language, zone: TimeZone) -> String {
        "\(time(s.atMilliseconds, zone))  \(pad(lang == .zh ? "本机" : "this desk", 18))  \(pad("sync", 10))  \(s.summary(lang))"
    }

    /// The log's events, this desk's sync results and the steps missed, in one time order (a miss after the events
    /// and results of its millisecond).
    public static func merged(_ entries: [DutyLogEntry], _ sync: [SyncLogLine], missed: [MissedStep] = [],
                              lang: Language, zone: TimeZone) -> [String] {
        SyncLogLine.merged(entries, sync, missed: missed, event: { line($0, lang: lang, zone: zone) },
                           sync: { line($0, lang: lang, zone: zone) }, miss: { line($0, lang: lang, zone: zone) })
    }

    /// Wall milliseconds as "yyyy-MM-dd HH:mm:ss" in `zone`.
    public static func time(_ wallMilliseconds: Int64, _ zone: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                   from: Date(timeIntervalSince1970: TimeInterval(wallMilliseconds) / 1000))
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        let w = s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }
}
