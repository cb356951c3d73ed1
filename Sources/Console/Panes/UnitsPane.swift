import Model
import Store

/// The units pane: grouped by kind or by status (the group name shows once per group), name, home area,
/// status and how long ago it changed, the alert served, strength.
enum UnitsPane {
    static func table(_ rows: [UnitRow], sort: UnitSort, marked: Set<String> = [], context c: DrawContext) -> ([Column], [TableRow]) {
        let t = c.catalog, f = c.format
        let byStatus = sort == .status
        let grouped = sort == .kind || sort == .status
        let groups = rows.map { byStatus ? t.name($0.status) : t.name($0.kind) }
        let others = rows.map { byStatus ? t.name($0.kind) : t.name($0.status) }
        let homes = rows.map { RegionCatalog.shanxi.name($0.homeRegion, t.language) }
        let since = rows.map { $0.statusChanged.timeIntervalSince1970 > 0 ? f.age(since: $0.statusChanged, now: c.now) : "" }
        let alerts = rows.map { $0.servingAlert ?? "" }
        let columns = [
            Column.fitting(byStatus ? t(.colStatus) : t(.colKind), groups, cap: 12, priority: 2),
            Column(title: t(.colName), width: 12, priority: 0, flex: true),
            Column.fitting(byStatus ? t(.colKind) : t(.colStatus), others, cap: 12, priority: 0),
            Column.fitting(t(.colSince), since, cap: 5, priority: 1, right: true),
            Column.fitting(t(.colHome), homes, cap: 10, priority: 3),
            Column.fitting(t(.colAlert), alerts, cap: 18, floor: Text.width(t(.colAlert)), priority: 4),
            Column.fitting(t(.colStrength), rows.map { String($0.strength) }, cap: 5, priority: 5, right: true),
        ]
        let tableRows = rows.indices.map { i -> TableRow in
            let row = rows[i]
            let showGroup = !grouped || i == 0 || groups[i] != groups[i - 1]
            let statusRole: ThemeRole? = row.status == .outOfService ? .dim : row.status.isCommitted ? .group : nil
            return TableRow(cells: [
                [Segment(showGroup ? groups[i] : "", .group)],
                [Segment((marked.contains(row.id) ? (c.unicode ? "▶ " : "> ") : "") + Essentials.shortened(row.name, dropping: c.ownPrefix),
                         row.retired ? .dim : nil)],
                [Segment(others[i], byStatus ? nil : statusRole)],
                [Segment(since[i])],
                [Segment(homes[i])],
                [Segment(alerts[i])],
                [Segment(String(row.strength))],
            ], full: [row.name, groups[i], others[i], homes[i], alerts[i]].filter { !$0.isEmpty }.joined(separator: " · "))
        }
        return (columns, tableRows)
    }

    static func detail(_ row: UnitRow, context c: DrawContext) -> [(String, String)] {
        let t = c.catalog, f = c.format
        return [
            (t(.detailID), row.id),
            (t(.colName), row.name),
            (t(.colKind), t.name(row.kind) + " (" + t(familyKey(row.kind.family)) + ")"),
            (t(.colStatus), t.name(row.status)),
            (t(.colSince), f.dateTime(row.statusChanged) + " (" + f.age(since: row.statusChanged, now: c.now) + ")"),
            (t(.colAlert), row.servingAlert ?? "—"),
            (t(.colHome), RegionCatalog.shanxi.name(row.homeRegion, t.language) + " (\(row.homeRegion))"),
            (t(.colStrength), String(row.strength)),
            (t(.detailContact), row.contact),
        ].filter { !$0.1.isEmpty }
    }
}

/// The catalog key for a force family name from the model.
private func familyKey(_ family: String) -> S {
    switch family {
    case "national": .familyNational
    case "professional": .familyProfessional
    case "aviation": .familyAviation
    case "social": .familySocial
    default: .familyMilitary
    }
}

extension UnitsPane {
    static let model = PaneModel(
        name: .paneUnits, hints: .hintsUnits, sortKeys: UnitSort.allCases.map(\.rawValue),
        load: { app, st, text in
            app.unitRows = try app.load(UnitQuery(), &st, text, app.data.units)
            return app.unitRows.map(\.id)
        },
        table: { app, st, _, c in
            table(app.unitRows, sort: UnitSort.allCases[st.sort % UnitSort.allCases.count], marked: app.markedUnits, context: c)
        },
        detail: { app, c in app.selectedUnit.map { detail($0, context: c) } ?? [] })
}
