import Foundation
import Model
import Store

/// The stock pane: depot, item, a quantity-against-minimum bar, quantity/minimum, unit of measure, flags and expiry.
///
/// Flags sit between the quantity and the expiry date so that what shares a colour sits together
/// (a short row's quantity, unit and LOW; an expiring row's EXP and date): each stretch goes to the
/// terminal as one run instead of switching styles for every column.
enum StockPane {
    static let barWidth = 5

    /// `▮▮▮▯▯` (ASCII `###--`): the fill of quantity against minimum, full at or above the minimum.
    static func bar(_ line: StockLine, unicode: Bool) -> (filled: String, empty: String) {
        let ratio = line.minimum > 0 ? Double(max(0, line.quantity)) / Double(line.minimum) : (line.quantity > 0 ? 1 : 0)
        var n = Int((min(1, ratio) * Double(barWidth)).rounded(.down))
        if line.quantity > 0 && n == 0 { n = 1 }
        let (f, e) = unicode ? ("▮", "▯") : ("#", "-")
        return (String(repeating: f, count: n), String(repeating: e, count: barWidth - n))
    }

    static func flags(_ line: StockLine, now: Date, catalog t: Catalog) -> [Segment] {
        var out: [Segment] = []
        if line.quantity < 0 { out.append(Segment(t(.flagNegative), .stockNegative)) }
        else if line.isBelowMinimum { out.append(Segment(t(.flagLow), .stockLow)) }
        if line.expiresWithin(days: 30, of: now) {
            if !out.isEmpty { out.append(Segment(" ")) }
            out.append(Segment(t(.flagExpiring), .stockExpiring))
        }
        return out
    }

    static func table(_ rows: [StockRow], width: Int, context c: DrawContext) -> ([Column], [TableRow]) {
        let t = c.catalog, f = c.format
        let depots = rows.map { Essentials.shortened($0.depot.name, dropping: c.ownPrefix) }
        let items = rows.map { $0.item.names[t.language] }
        let qty = rows.map { "\($0.line.quantity)/\($0.line.minimum)" }
        let uoms = rows.map { $0.item.unitOfMeasure[t.language] }
        let expiries = rows.map { $0.line.expires.map(f.date) ?? "" }
        let flagSegments = rows.map { flags($0.line, now: c.now, catalog: t) }
        let columns = [
            // A full depot name (often 12 Chinese characters) only where the item and bar keep their room.
            Column.fitting(t(.colDepot), depots, cap: width >= 90 ? 24 : 16, priority: 2),
            Column(title: t(.colItem), width: 8, priority: 0, flex: true),
            Column(title: t(.colStock), width: max(barWidth, Text.width(t(.colStock))), priority: 3),
            Column.fitting(t(.colQty), qty, cap: 13, priority: 0, right: true),
            Column.fitting(t(.colUom), uoms, cap: 6, priority: 4),
            Column.fitting(t(.colFlags), flagSegments.map { $0.map(\.text).joined() }, cap: 16, priority: 1),
            Column.fitting(t(.colExpires), expiries, cap: 10, priority: 5),
        ]
        let tableRows = rows.indices.map { i -> TableRow in
            let line = rows[i].line
            let (filled, empty) = bar(line, unicode: c.unicode)
            let low = line.isBelowMinimum
            let quantityRole: ThemeRole? = line.quantity < 0 ? .stockNegative : low ? .stockLow : nil
            return TableRow(cells: [
                [Segment(depots[i])],
                [Segment(items[i])],
                // A short row's whole bar is in the warning colour (the glyphs tell full from empty), so
                // bar, quantity, unit and flag form one run.
                [Segment(filled, low ? .stockLow : .barFill), Segment(empty, low ? .stockLow : .barEmpty)],
                [Segment(qty[i], quantityRole)],
                // A short row's unit reads with its quantity ("0/2 unit"), in the same colour.
                [Segment(uoms[i], quantityRole == .stockLow ? .stockLow : .dim)],
                flagSegments[i],
                [Segment(expiries[i], line.expiresWithin(days: 30, of: c.now) ? .stockExpiring : .dim)],
            ], full: rows[i].depot.name + " · " + items[i] + " · " + qty[i] + " " + uoms[i])
        }
        return (columns, tableRows)
    }

    static func detail(_ row: StockRow, context c: DrawContext) -> [(String, String)] {
        let t = c.catalog, f = c.format
        return [
            (t(.colDepot), "\(row.depot.name) (\(row.depot.id), \(t.name(row.depot.level)))"),
            (t(.colArea), RegionCatalog.shanxi.name(row.depot.region, t.language)),
            (t(.colItem), "\(row.item.names[t.language]) (\(row.item.id), \(t.name(row.item.category)))"),
            (t(.colQty), "\(row.line.quantity) / \(row.line.minimum) \(row.item.unitOfMeasure[t.language])"),
            (t(.colExpires), row.line.expires.map(f.date) ?? "—"),
            (t(.colFlags), flags(row.line, now: c.now, catalog: t).map(\.text).joined()),
        ].filter { !$0.1.isEmpty }
    }
}

extension StockPane {
    static let model = PaneModel(
        name: .paneStock, hints: .hintsStock, sortKeys: StockSort.allCases.map(\.rawValue),
        load: { app, st, text in
            var q = StockQuery()
            if let level = app.stockLevel { q.depotLevels = [level] }
            if let category = app.stockCategory { q.categories = [category] }
            app.stockRows = try app.load(q, &st, text, app.data.stock)
            return app.stockRows.map { StockLine.recordID(depot: $0.line.depot, item: $0.line.item) }
        },
        table: { app, _, width, c in table(app.stockRows, width: width, context: c) },
        detail: { app, c in app.selectedStock.map { detail($0, context: c) + app.detailContact } ?? [] },
        titleExtras: { app in [app.stockLevel.map(app.t.name), app.stockCategory.map(app.t.name)].compactMap { $0 } })
}
