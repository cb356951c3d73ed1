import Foundation
import Model
import Store
import Screen

/// The drills pane: date, days until, title, form, scope, joint/double-blind markers, status;
/// `c` adds a month calendar of the selected drill's month above the list.
enum DrillsPane {
    /// Title, weekday row and six weeks.
    static let calendarHeight = 8

    static func table(_ rows: [Drill], context c: DrawContext) -> ([Column], [TableRow]) {
        let t = c.catalog, f = c.format
        let dates = rows.map { f.date($0.start) }
        let days = rows.map { f.relativeDays(f.daysUntil($0.start, now: c.now)) }
        let forms = rows.map { t.name($0.form) }
        let scopes = rows.map { t.name($0.scope) }
        let marks = rows.map { d in [d.joint ? t(.markJoint) : "", d.doubleBlind ? t(.markDoubleBlind) : ""].filter { !$0.isEmpty }.joined(separator: " ") }
        let statuses = rows.map { t.name($0.status) }
        let columns = [
            Column.fitting(t(.colDate), dates, cap: 10, priority: 0),
            Column.fitting(t(.colDays), days, cap: 8, priority: 1, right: true),
            Column(title: t(.colTitle), width: 16, priority: 0, flex: true),
            Column.fitting(t(.colForm), forms, cap: 10, priority: 3),
            Column.fitting(t(.colScope), scopes, cap: 13, priority: 4),
            Column.fitting(t(.colMarks), marks, cap: 5, priority: 2),
            Column.fitting(t(.colStatus), statuses, cap: 11, priority: 2),
        ]
        let tableRows = rows.indices.map { i -> TableRow in
            let d = rows[i]
            let done = d.status == .completed || d.status == .evaluated || d.status == .cancelled
            // A finished drill is dimmed as a whole row (one run on the wire); only its J/DB marks keep their colour.
            let text: ThemeRole? = done ? .dim : nil
            return TableRow(cells: [
                [Segment(dates[i], text)],
                [Segment(days[i], .dim)],
                [Segment(d.title, text)],
                [Segment(forms[i], text)],
                [Segment(scopes[i], text)],
                [Segment(marks[i], .group)],
                [Segment(statuses[i], text)],
            ])
        }
        return (columns, tableRows)
    }

    /// A month grid (Monday first) of the month of `focusDate`: days with drills highlighted, today underlined,
    /// the selected drill's day bracketed.
    static func drawCalendar(_ buffer: inout ScreenBuffer, in rect: Rect, drills: [Drill], focusDate: Date,
                             selectedDay: Int?, context c: DrawContext) {
        let f = c.format
        let m = f.month(of: focusDate)
        let title = "\(m.year)-\(m.month < 10 ? "0" : "")\(m.month)"
        buffer.put(title, x: rect.x + max(0, (min(rect.width, 28) - title.count) / 2), y: rect.y, maxWidth: rect.width, style: c.style(.paneTitle))
        let weekdays = c.catalog.language == .zh ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        for (i, w) in weekdays.enumerated() {
            buffer.put(Text.padLeft(w, 3), x: rect.x + i * 4, y: rect.y + 1, maxWidth: max(0, rect.maxX - rect.x - i * 4), style: c.style(.columnHeader))
        }
        var drillDays: [Int: Int] = [:]
        for d in drills where f.sameMonth(d.start, focusDate) { drillDays[f.dayOfMonth(d.start), default: 0] += 1 }
        let today = f.sameMonth(c.now, focusDate) ? f.dayOfMonth(c.now) : nil
        for day in 1...m.days {
            let cell = m.firstWeekday + day - 1
            let x = rect.x + (cell % 7) * 4, y = rect.y + 2 + cell / 7
            guard y < rect.maxY, x + 3 <= rect.maxX else { continue }
            let role: ThemeRole = drillDays[day] != nil ? .calendarDrill : day == today ? .calendarToday : .row
            let label = day == selectedDay ? "[\(day < 10 ? " " : "")\(day)]" : " " + Text.padLeft(String(day), 2) + (drillDays[day] != nil ? "*" : " ")
            buffer.put(label, x: x, y: y, maxWidth: 4, style: c.style(role))
        }
    }

    static func detail(_ d: Drill, context c: DrawContext) -> [(String, String)] {
        let t = c.catalog, f = c.format
        return [
            (t(.detailID), d.id),
            (t(.colTitle), d.title),
            (t(.colDate), f.dateTime(d.start) + " – " + f.dateTime(d.end) + " (" + f.relativeDays(f.daysUntil(d.start, now: c.now)) + ")"),
            (t(.fieldHazard), t.name(d.hazard)),
            (t(.colForm), t.name(d.form)),
            (t(.colScope), t.name(d.scope)),
            (t(.fieldJoint), d.joint ? t(.yes) : t(.no)),
            (t(.fieldDoubleBlind), d.doubleBlind ? t(.yes) : t(.no)),
            (t(.colStatus), t.name(d.status)),
            (t(.colArea), RegionCatalog.shanxi.name(d.region, t.language)),
            (t(.detailOrganiser), RegionCatalog.shanxi.name(d.organiser, t.language)),
            (t(.paneUnits), d.units.joined(separator: ", ")),
            (t(.detailEvaluation), d.evaluation),
        ].filter { !$0.1.isEmpty }
    }
}

extension DrillsPane {
    static let model = PaneModel(
        name: .paneDrills, hints: .hintsDrills, sortKeys: DrillOrder.allCases.map(\.label),
        load: { app, st, text in
            var q = DrillQuery()
            q.from = app.now.addingTimeInterval(-30 * 86_400)
            q.text = text
            let rows = try app.page(&st) { q.limit = $0; return try app.data.drills(q) }
            app.drillRows = DrillOrder.allCases[st.sort % DrillOrder.allCases.count].sorted(rows)
            return app.drillRows.map(\.id)
        },
        table: { app, _, _, c in table(app.drillRows, context: c) },
        detail: { app, c in app.selectedDrill.map { detail($0, context: c) } ?? [] })
}
