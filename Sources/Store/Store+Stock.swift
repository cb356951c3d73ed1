import Foundation
import Model

// MARK: folding stock

extension Folder {
    /// Gathers the line's stock events for `flushStock`. The event itself is the audit record; the batch keeps only
    /// what the line's columns need (DESIGN.md: a count is an observation, a movement a delta).
    func applyMovement(_ m: StockMovement, hlc: HLC, row: Int64) {
        batch.lines[FoldBatch.Line(depot: m.depot, item: m.item), default: FoldBatch.LineSum()].add(m, hlc: hlc)
        if batch.firstStockRow.map({ row < $0 }) ?? true { batch.firstStockRow = row }
    }

    /// Writes the batch's stock, the lines sorted by key so the B-tree pages are visited in order. A line never
    /// counted adds the batch's deltas (one UPDATE: a sum commutes). A counted line is its latest count plus the
    /// movements stamped after it: the batch's movements stamped after the stored count add to it, the ones stamped
    /// before it are subsumed. A later count in the batch replaces the stored one; the movements stamped after it
    /// are the batch's own (in memory) plus any folded before the batch, which one scan of the stock clock index per
    /// batch finds (index entries of the batch's own rows are skipped without reading them).
    func flushStock() throws {
        guard !batch.lines.isEmpty else { return }
        let observations = try hasCountTable()
        var newCounts: [(line: FoldBatch.Line, count: StockCount, events: Int64)] = []
        for (line, sum) in batch.lines.sorted(by: { ($0.key.depot, $0.key.item) < ($1.key.depot, $1.key.item) }) {
            // Most lines were never counted and get no count in this batch: their deltas add in one statement
            // that also asks whether a count is stored. Nothing changed: a new line, or a counted one, read below.
            if observations, sum.latestCount == nil,
               try db.run(.addToUncountedLine, { s in
                   try s.bind(1, sum.delta)
                   try s.bind(2, sum.count)
                   try s.bind(3, line.depot)
                   try s.bind(4, line.item)
               }) == 1 { continue }
            let stored = observations ? try readCount(line) : nil
            guard observations, stored != nil || sum.latestCount != nil else {
                try addToLine(line, delta: observations ? sum.delta : sum.deltaWithCounts, movements: sum.count)
                continue
            }
            if let b = sum.latestCount, stored.map({ b.hlc > $0.hlc }) ?? true {
                let after = sum.moves.reduce(0) { $1.hlc > b.hlc ? $0 + $1.delta : $0 }
                newCounts.append((line, StockCount(hlc: b.hlc, observed: b.observed, after: after), sum.count))
                continue
            }
            var count = stored!
            count.after += sum.moves.reduce(0) { $1.hlc > count.hlc ? $0 + $1.delta : $0 }
            try writeCount(line, count)
            try setLine(line, quantity: count.observed + count.after, movements: sum.count)
        }
        if !newCounts.isEmpty {
            let earlier = try LineLedger.movementsAfterCounts(Dictionary(newCounts.map { ($0.line, $0.count.hlc) }) { a, _ in a },
                                                              before: batch.firstStockRow ?? .max,
                                                              clockIndex: try clockIndex(), db)
            for var n in newCounts {
                n.count.after += earlier[n.line] ?? 0
                try writeCount(n.line, n.count)
                try setLine(n.line, quantity: n.count.observed + n.count.after, movements: n.events)
            }
        }
        batch.lines.removeAll(keepingCapacity: true)
        batch.firstStockRow = nil
    }

    private func addToLine(_ line: FoldBatch.Line, delta: Int64, movements: Int64) throws {
        try updateLine(.addToLine, line, delta, movements)
    }

    private func setLine(_ line: FoldBatch.Line, quantity: Int64, movements: Int64) throws {
        try updateLine(.setLineQuantity, line, quantity, movements)
    }

    /// Runs `sql` (quantity, movements, depot, item) on the line, creating the line first when it is new.
    private func updateLine(_ sql: FoldSQL, _ line: FoldBatch.Line, _ quantity: Int64, _ movements: Int64) throws {
        func update() throws -> Int {
            try db.run(sql) { s in
                try s.bind(1, quantity)
                try s.bind(2, movements)
                try s.bind(3, line.depot)
                try s.bind(4, line.item)
            }
        }
        if try update() == 0 {
            try upsertLine(depot: line.depot, item: line.item, fields: nil)
            _ = try update()
        }
    }

    /// Creates the line if it is new, copying what the stock pane filters on from its depot and item (kept in step
    /// by their projections); with `fields`, also sets the line's own record fields, in the same statement.
    func upsertLine(depot: String, item: String, fields: ProjectedRecord?) throws {
        let depotRow = try readOnce(\.depotsForLines, .readDepotForLine, depot) {
            FoldBatch.DepotForLine(level: $0.text(0), retired: $0.int(1), region: Int($0.int(2)))
        }
        let itemRow = try readOnce(\.itemsForLines, .readItemForLine, item) {
            FoldBatch.ItemForLine(category: $0.text(0), retired: $0.int(1))
        }
        let a = Ancestry(depotRow?.region ?? 0)
        try db.run(fields == nil ? .insertLine : .upsertLine) { s in
            try s.bind(1, depot)
            try s.bind(2, item)
            try s.bind(3, depotRow?.level)
            try s.bind(4, depotRow?.retired ?? 0)
            try s.bind(5, depotRow?.region ?? 0)
            try s.bind(6, a.province)
            try s.bind(7, a.city)
            try s.bind(8, a.county)
            try s.bind(9, itemRow?.category)
            try s.bind(10, itemRow?.retired ?? 0)
            if let fields {
                try s.bind(11, fields.int("minimum") ?? 0)
                try s.bind(12, fields.int("expires"))
                try s.bind(13, fields.retired)
            }
        }
    }

    /// A depot's or an item's columns that its lines copy, read once per batch: thousands of lines share a few.
    private func readOnce<T>(_ cache: ReferenceWritableKeyPath<FoldBatch, [String: T?]>, _ sql: FoldSQL, _ id: String,
                             _ map: (Row) -> T) throws -> T? {
        if let known = batch[keyPath: cache][id] { return known }
        let row = try db.first(sql, { try $0.bind(1, id) }, map: map)
        batch[keyPath: cache][id] = .some(row)
        return row
    }

    func projectDepot(_ r: ProjectedRecord) throws {
        batch.depotsForLines[r.id] = nil
        if let name = r.fields["name"], let level = r.fields["level"].flatMap(DepotLevel.init(rawValue:)),
           let region = r.int("region").map({ Int($0) }) {
            try db.run(.upsertDepot) { s in
                try s.bind(1, r.id)
                try s.bind(2, name)
                try s.bind(3, level.rawValue)
                try s.bind(4, region)
                try s.bind(5, r.owner)
                try s.bind(6, r.retired)
            }
            let a = Ancestry(region)
            try db.run(.copyDepotToLines) { s in
                try s.bind(1, level.rawValue)
                try s.bind(2, r.retired)
                try s.bind(3, region)
                try s.bind(4, a.province)
                try s.bind(5, a.city)
                try s.bind(6, a.county)
                try s.bind(7, r.id)
            }
        } else {
            try db.run(.deleteDepot) { s in try s.bind(1, r.id) }
            try db.run(.clearDepotOnLines) { s in try s.bind(1, r.id) }
        }
    }

    func projectItem(_ r: ProjectedRecord) throws {
        batch.itemsForLines[r.id] = nil
        if let name = r.fields["name"], let category = r.fields["category"].flatMap(ItemCategory.init(rawValue:)) {
            try db.run(.upsertItem) { s in
                try s.bind(1, r.id)
                try s.bind(2, name)
                try s.bind(3, r.fields["nameEN"] ?? name)
                try s.bind(4, category.rawValue)
                try s.bind(5, r.fields["uom"] ?? "")
                try s.bind(6, r.fields["uomEN"] ?? r.fields["uom"] ?? "")
                try s.bind(7, r.retired)
            }
            try db.run(.copyItemToLines) { s in
                try s.bind(1, category.rawValue)
                try s.bind(2, r.retired)
                try s.bind(3, r.id)
            }
        } else {
            try db.run(.deleteItem) { s in try s.bind(1, r.id) }
            try db.run(.clearItemOnLines) { s in try s.bind(1, r.id) }
        }
    }

    func projectStockLine(_ r: ProjectedRecord) throws {
        guard let bar = r.id.firstIndex(of: "|") else { return }
        try upsertLine(depot: String(r.id[..<bar]), item: String(r.id[r.id.index(after: bar)...]), fields: r)
    }
}

// MARK: the stock pane

extension Store {
    static let stockColumns = """
        l.depot, l.item, l.quantity, l.minimum, l.expires, d.name, d.level, d.region, d.owner,
        i.name, i.name_en, i.category, i.uom, i.uom_en
        """

    /// The two halves of the shortage order, each answered by its own index: the short lines by fill (a partial
    /// index holding only lines below their minimum), then every other line by depot and item (the key).
    enum ShortagePart { case short, rest }

    /// The filter every stock query shares, as a WHERE clause and its values.
    private func stockFilter(_ q: StockQuery, now: Int64, part: ShortagePart?) -> SQLBuilder {
        var b = SQLBuilder()
        b.add("l.retired = 0 AND l.depot_retired = 0 AND l.item_retired = 0")
        b.add("l.depot_level", in: q.depotLevels.map(\.rawValue))
        // The category index serves only a single category in key order; for any other query it would make the
        // planner sort thousands of lines, so the unary + keeps it out of the plan.
        let keyOrder = q.sort == .depot || (q.sort == .shortage && part == .rest)
        b.add(keyOrder && q.categories.count == 1 ? "l.category" : "+l.category", in: q.categories.map(\.rawValue))
        if let depot = q.depot { b.add("l.depot = ?", depot) }
        if let item = q.item { b.add("l.item = ?", item) }
        if let region = q.region { b.add("l.\(Ancestry.column(for: region)) = ?", region) }
        // Spelled as the partial index's own WHERE so the planner can use it.
        if q.belowMinimumOnly || part == .short { b.add("l.quantity < l.minimum") }
        if part == .rest { b.add("l.quantity >= l.minimum") }
        if let days = q.expiringWithinDays { b.add("l.expires_key <= ?", now + Int64(days) * 86_400) }
        if let needle = SQLBuilder.needle(q.text) {
            b.add("""
                (instr(lower(l.depot), ?) > 0 OR instr(lower(l.item), ?) > 0 OR instr(lower(d.name), ?) > 0
                 OR instr(lower(i.name), ?) > 0 OR instr(lower(i.name_en), ?) > 0)
                """, needle, needle, needle, needle, needle)
        }
        return b
    }

    private static let stockFrom = "FROM stock_lines l JOIN depots d ON d.id = l.depot JOIN items i ON i.id = l.item"

    /// The SELECT for one query, or for one part of the shortage order.
    func stockSQL(_ q: StockQuery, now: Int64, part: ShortagePart? = nil) -> (String, [any SQLBindable]) {
        let b = stockFilter(q, now: now, part: part)
        let order = switch (q.sort, part) {
        case (.shortage, .rest?): "l.depot, l.item"
        case (.shortage, _): "l.fill, l.depot, l.item"
        case (.depot, _): "l.depot, l.item"
        case (.item, _): "l.item, l.depot"
        case (.expiry, _): "l.expires_key, l.depot, l.item"
        }
        let sql = "SELECT \(Store.stockColumns) \(Store.stockFrom) \(b.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?"
        return (sql, b.values + [max(0, q.limit), max(0, q.offset)])
    }

    /// The statements `stock(_:)` runs for `q`: one, or the two parts of the shortage order.
    func stockSQLs(_ q: StockQuery, now: Int64) -> [(String, [any SQLBindable])] {
        guard q.sort == .shortage, !q.belowMinimumOnly else { return [stockSQL(q, now: now)] }
        return [stockSQL(q, now: now, part: .short), stockSQL(q, now: now, part: .rest)]
    }

    static func stockRow(_ r: Row) -> StockRow {
        let line = StockLine(depot: r.text(0), item: r.text(1), quantity: r.int(2), minimum: r.int(3),
                             expires: r.optionalInt(4).map { Date(timeIntervalSince1970: TimeInterval($0)) })
        let depot = Depot(id: r.text(0), name: r.text(5), level: DepotLevel(rawValue: r.text(6)) ?? .county,
                          region: Int(r.int(7)), owner: Int(r.int(8)))
        let item = SupplyItem(id: r.text(1), names: Names(zh: r.text(9), en: r.text(10)),
                              category: ItemCategory(rawValue: r.text(11)) ?? .rescueEquipment,
                              unitOfMeasure: Names(zh: r.text(12), en: r.text(13)))
        return StockRow(line: line, depot: depot, item: item)
    }

    public func stock(_ query: StockQuery) throws -> [StockRow] {
        let now = nowSeconds
        guard query.sort == .shortage, !query.belowMinimumOnly else {
            let (sql, values) = stockSQL(query, now: now)
            return try withDatabase { db in try db.rows(sql, values, map: Store.stockRow) }
        }
        // Short lines first; the page continues into the rest where they run out.
        return try withDatabase { db in
            let (sql, values) = stockSQL(query, now: now, part: .short)
            let short = try db.rows(sql, values, map: Store.stockRow)
            guard short.count < query.limit else { return short }
            let shortTotal: Int
            if short.isEmpty && query.offset > 0 {
                let b = stockFilter(query, now: now, part: .short)
                shortTotal = try db.rows("SELECT count(*) \(Store.stockFrom) \(b.whereClause)", b.values) { Int($0.int(0)) }.first ?? 0
            } else {
                shortTotal = query.offset + short.count
            }
            var rest = query
            rest.offset = max(0, query.offset - shortTotal)
            rest.limit = query.limit - short.count
            let (restSQL, restValues) = stockSQL(rest, now: now, part: .rest)
            return short + (try db.rows(restSQL, restValues, map: Store.stockRow))
        }
    }

    static let depotColumns = "id, name, level, region, owner"
    static func depotRow(_ r: Row) -> Depot {
        Depot(id: r.text(0), name: r.text(1), level: DepotLevel(rawValue: r.text(2)) ?? .county,
              region: Int(r.int(3)), owner: Int(r.int(4)))
    }
    static let itemColumns = "id, name, name_en, category, uom, uom_en"
    static func itemRow(_ r: Row) -> SupplyItem {
        SupplyItem(id: r.text(0), names: Names(zh: r.text(1), en: r.text(2)),
                   category: ItemCategory(rawValue: r.text(3)) ?? .rescueEquipment,
                   unitOfMeasure: Names(zh: r.text(4), en: r.text(5)))
    }

    /// Depots in service, by id.
    public func depots() throws -> [Depot] {
        try withDatabase { db in
            try db.rows("SELECT \(Store.depotColumns) FROM depots WHERE retired = 0 ORDER BY id", map: Store.depotRow)
        }
    }

    /// Catalogue items in service, by id.
    public func items() throws -> [SupplyItem] {
        try withDatabase { db in
            try db.rows("SELECT \(Store.itemColumns) FROM items WHERE retired = 0 ORDER BY id", map: Store.itemRow)
        }
    }

    func depotLocked(_ id: String, _ db: Database) throws -> Depot? {
        try db.first("SELECT \(Store.depotColumns) FROM depots WHERE id = ? AND retired = 0", id, map: Store.depotRow)
    }

    func itemLocked(_ id: String, _ db: Database) throws -> SupplyItem? {
        try db.first("SELECT \(Store.itemColumns) FROM items WHERE id = ? AND retired = 0", id, map: Store.itemRow)
    }

    func onHandLocked(depot: String, item: String, _ db: Database) throws -> Int64 {
        try db.int("SELECT quantity FROM stock_lines WHERE depot = ? AND item = ?", depot, item) ?? 0
    }
}
