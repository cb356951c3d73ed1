import Foundation
import Model

/// The handover as text that prints on 80 columns, or as Markdown; in Chinese or English.
public enum HandoverText {
    public static let width = 80
    /// Notes printed in full; a shift that wrote more prints the latest and says where the rest are.
    public static let maximumNotes = 20

    /// `width` cuts plain lines to that many columns (nil: whole lines, for a view that wraps them itself).
    public static func render(_ h: Handover, lang: Language, markdown: Bool, zone: TimeZone,
                              width: Int? = HandoverText.width) -> String {
        let zh = lang == .zh
        func t(_ en: String, _ cn: String) -> String { zh ? cn : en }
        func time(_ ms: Int64) -> String { String(DutyLogText.time(ms, zone).prefix(16)) }
        var out: [String] = []
        func heading(_ text: String, _ count: Int? = nil) {
            let title = text + (count.map { " (\($0))" } ?? "")
            out.append("")
            out.append(markdown ? "## " + title : title.uppercased())
        }
        func item(_ text: String) { out.append(markdown ? "- " + text : "  " + text) }
        func detail(_ text: String) { out.append(markdown ? "  - " + text : "    " + text) }
        func none() { item(t("none", "无")) }

        out.append((markdown ? "# " : "") + t("Handover", "交接班记录") + " — \(h.office) — " + time(h.madeAtMilliseconds))
        if let s = h.shift {
            out.append(t("Shift: officer \(s.officer), leader \(s.leader), since ", "班次: 值班员 \(s.officer), 带班领导 \(s.leader), 自 ")
                       + time(s.start.wall))
        } else {
            out.append(t("No shift is on.", "当前无班次。"))
        }

        heading(t("Active alerts", "在办预警"), h.alerts.count)
        if h.alerts.isEmpty { none() }
        for a in h.alerts {
            let open = a.openSteps.map { step in
                switch step {
                case "ack": t("acknowledge", "确认")
                default: t("dispatch", "派遣")
                }
            }
            item("\(a.id) \(a.level?.name(lang) ?? "-") \(a.hazard.name(lang)) \(a.state.name(lang)), "
                 + t("units \(a.respondingUnits)", "出动 \(a.respondingUnits)")
                 + (open.isEmpty ? "" : t("; open: ", "; 待办: ") + open.joined(separator: ", ")))
            detail(a.headline)
        }

        heading(t("Units out", "在外队伍"), h.unitsOut.count)
        if h.unitsOut.isEmpty { none() }
        for u in h.unitsOut {
            item("\(u.id) \(u.name) \(u.status.name(lang))"
                 + (u.servingAlert.map { t(" for ", " 响应 ") + (CAPMessageID.identifier(ofKey: $0) ?? $0) } ?? ""))
        }

        heading(t("Stock issued this shift", "本班出库"), h.issued.count)
        if h.issued.isEmpty { none() }
        for i in h.issued { item("\(i.depot) \(i.item) \(i.quantity)") }

        heading(t("Below minimum", "低于最低储备"), h.belowMinimum.count)
        if h.belowMinimum.isEmpty { none() }
        for r in h.belowMinimum {
            item("\(r.depot.id) \(r.item.id) " + t("on hand \(r.line.quantity), minimum \(r.line.minimum)",
                                                     "现存 \(r.line.quantity), 最低 \(r.line.minimum)"))
        }

        heading(t("Drills in the next 7 days", "7日内演练"), h.drills.count)
        if h.drills.isEmpty { none() }
        for d in h.drills { item(time(Int64(d.start.timeIntervalSince1970 * 1000)) + " " + d.title) }

        heading(t("Notes", "记事"), h.notes.count)
        if h.notes.isEmpty { none() }
        if h.notes.count > maximumNotes {
            item(t("\(h.notes.count - maximumNotes) earlier notes: dutydesk log --shift current",
                   "另有 \(h.notes.count - maximumNotes) 条较早记事: dutydesk log --shift current"))
        }
        for n in h.notes.suffix(maximumNotes) {
            item(String(time(n.event.hlc.wall).suffix(5)) + " " + n.event.operator + ": " + n.summary(lang))
        }

        heading(t("Sync", "同步"))
        item(t("not yet synced: \(h.unsynced) events", "未同步: \(h.unsynced) 条"))
        item(t("remote: ", "中心: ") + (h.remote ?? t("none configured", "未配置")))
        item(t("rejections not yet seen: \(h.unacknowledgedRejections)", "未确认的拒绝: \(h.unacknowledgedRejections)"))

        return out.map { line in width.map { markdown ? line : fit(line, $0) } ?? line }.joined(separator: "\n")
    }

    /// Cuts a line to `width` display columns (CJK counts two), marking the cut with "…".
    static func fit(_ s: String, _ width: Int) -> String {
        func w(_ ch: Character) -> Int { (ch.unicodeScalars.first?.value ?? 0) >= 0x1100 ? 2 : 1 }
        guard s.reduce(0, { $0 + w($1) }) > width else { return s }
        var cols = 0, out = ""
        for ch in s {
            if cols + w(ch) > width - 1 { break }
            cols += w(ch)
            out.append(ch)
        }
        return out + "…"
    }
}
