import Model
import Store

/// The alerts pane: level (colour, roman numeral and marker), hazard, area, received and age, state, acks, headline.
enum AlertsPane {
    static func table(_ rows: [AlertRow], isNew: (AlertRow) -> Bool, countdown: (AlertRow) -> (text: String, missed: Bool)? = { _ in nil },
                      context c: DrawContext) -> ([Column], [TableRow]) {
        let dues = rows.map(countdown)
        let t = c.catalog, f = c.format
        let newMark = c.unicode ? "●" : "*"
        let hazards = rows.map { t.name($0.hazard) }
        let areas = rows.map { f.areas($0.areas, fallback: $0.areaDesc) }
        let received = rows.map { f.dayTime($0.received) }
        let ages = rows.map { f.age(since: $0.received, now: c.now) }
        let states = rows.map { t.name($0.state) }
        let levelWidth = 4 + (rows.map { Text.width($0.level.map(c.theme.marker) ?? "") }.max() ?? 0)
        // Acknowledged by this office: a mark after the count rather than a colour, so it shows in
        // monochrome too and costs no style change; the blank keeps the digits aligned.
        let ours = c.unicode ? "✓" : "+"
        let acks = rows.map { String($0.acknowledgments) + ($0.acknowledgedByUs ? ours : " ") }
        let columns = [
            Column(title: "", width: 1, priority: 0),
            // Numeral and marker share one cell so each row switches to the level's style once (bytes on the wire).
            Column(title: t(.colLevel), width: max(levelWidth, Text.width(t(.colLevel))), priority: 0),
            Column.fitting(t(.colHazard), hazards, cap: 12, priority: 2),
            Column.fitting(t(.colArea), areas, cap: 14, priority: 2),
            Column.fitting(t(.colReceived), received, cap: 11, priority: 6),
            Column.fitting(t(.colAge), ages, cap: 6, priority: 1, right: true),
            Column.fitting(t(.colState), states, cap: 10, priority: 3),
            Column.fitting(t(.colAcks), acks, cap: 4, priority: 5, right: true),
            // The next duty step's time left, or the missed step: what must turn a head stays at narrow widths.
            // (At narrow widths it goes before the headline shortens: the first column's `!` still marks a miss.)
            Column.fitting(t(.colDue), dues.map { $0?.text ?? "" }, cap: 10, priority: 4, right: true),
            // Room for the hazard and colour words of any headline ("…暴雨红色预警信号"), before the extras.
            Column(title: t(.colHeadline), width: 18, priority: 0, flex: true),
        ]
        let tableRows = rows.indices.map { i -> TableRow in
            let row = rows[i]
            let role = row.level.map(ThemeRole.level)
            return TableRow(cells: [
                [dues[i]?.missed == true ? Segment("!", .error) : isNew(row) ? Segment(newMark, .newMarker) : Segment(" ")],
                [Segment(Text.pad(row.level?.roman ?? "-", 4) + (row.level.map(c.theme.marker) ?? ""), role)],
                [Segment(hazards[i])],
                [Segment(areas[i])],
                [Segment(received[i])],
                [Segment(ages[i])],
                [Segment(states[i], row.state.isActive ? nil : .dim)],
                [Segment(acks[i])],
                [Segment(dues[i]?.text ?? "", dues[i]?.missed == true ? .error : nil)],
                [Segment(row.headline, row.state.isActive ? nil : .dim)],
            ], sized: [9: { width in
                [Segment(Essentials.headline(row.headline, hazard: row.hazard, level: row.level, width: width,
                                             mark: row.status == .actual ? "" : Store.watermark(row.status) + " "),
                         row.state.isActive ? nil : .dim)]
            }], full: row.headline)
        }
        return (columns, tableRows)
    }

    static func detail(_ row: AlertRow, context c: DrawContext) -> [(String, String)] {
        let t = c.catalog, f = c.format
        return [
            (t(.detailID), row.id),
            (t(.colLevel), row.level.map { "\($0.roman) \(c.theme.marker($0)) \(t.name($0))" } ?? "-"),
            (t(.colHazard), t.name(row.hazard)),
            (t(.colState), t.name(row.state)),
            (t(.colArea), row.areas.map { RegionCatalog.shanxi.name($0, t.language) }.joined(separator: ", ")),
            ("", row.areaDesc),
            (t(.colReceived), f.dateTime(row.received) + " (" + f.age(since: row.received, now: c.now) + ")"),
            (t(.detailSent), f.dateTime(row.sent)),
            (t(.colExpires), row.expires.map(f.dateTime) ?? "—"),
            (t(.detailSender), row.sender),
            (t(.colAcks), "\(row.acknowledgments)" + (row.acknowledgedByUs ? " ✓" : "")),
            (t(.paneUnits), "\(row.respondingUnits)"),
            (t(.colHeadline), row.headline),
            (t(.detailDescription), row.description),
            (t(.detailInstruction), row.instruction),
        ].filter { !$0.1.isEmpty }
    }
}

extension AlertsPane {
    static let model = PaneModel(
        name: .paneAlerts, hints: .hintsAlerts, sortKeys: AlertSort.allCases.map(\.rawValue),
        load: { app, st, text in
            var q = AlertQuery()
            q.activeOnly = app.alertsActiveOnly
            app.alertRows = try app.load(q, &st, text, app.data.alerts)
            return app.alertRows.map(\.id)
        },
        table: { app, _, _, c in table(app.alertRows, isNew: app.isNew, countdown: app.countdown, context: c) },
        detail: { app, c in
            // The details end with the alert's timeline (read as they open); the time goes in the line, under the
            // details' narrow labels, as the log overlay writes it.
            var lines: [(String, String)] = []
            if let row = app.selectedAlert {
                lines = detail(row, context: c)
                lines += app.stepLines(row, context: c)
                lines += app.detailContact
            }
            return lines
                + (app.detailTimeline.isEmpty ? [] : [("", ""), (c.catalog(.timelineTitle), "")]
                    + app.detailTimeline.map { ("", app.logLine($0, context: c)) })
        },
        titleExtras: { app in [app.alertsActiveOnly ? app.t(.activeOnly) : app.t(.allAlerts)] })
}
