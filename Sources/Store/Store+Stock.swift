import Foundation
import Model

// MARK: folding stock

extension Folder {
    /// Sum of deltas: every movement adds to its line, in any order, and is kept in the audit list. Both are
    /// gathered in the batch and written, in key order, by `flushStock`.
    func applyMovement(_ m: StockMovement, row: Int64) {
        batch.movements.append(.init(depot: m.depot, item: m.item, event: row, delta: m.delta, kind: m.kind.rawValue,
                                     transfer: m.transfer))
        batch.lines[FoldBatch.Line(depot: m.depot, item: m.item), default: (0, 0)].delta += m.delta
        batch.lines[FoldBatch.Line(depot: m.depot, item: m.item), default: (0, 0)].count += 1
    }

    /// Writes the batch's movements and its summed deltas (one UPDATE per line: a sum commutes), the lines sorted
    /// by key so the B-tree pages are visited in order.
    func flushStock() throws {
        if !batch.movements.isEmpty {
            // In event order, which is the table's key order: appended.
            for m in batch.movements {
                try db.run(.insertMovement) { s in
                    try s.bind(1, m.depot)
                    try s.bind(2, m.item)
                    try s.bind(3, m.event)
                    try s.bind(4, m.delta)
                    try s.bind(5, m.kind)
                    try s.bind(6, m.transfer)
                }
            }
            batch.movements.removeAll(keepingCapacity: true)
        }
        if !batch.lines.isEmpty {
            for (line, sum) in batch.lines.sorted(by: { ($0.key.depot, $0.key.item) < ($1.key.depot, $1.key.item) }) {
                try addToLine(depot: line.depot, item: line.item, delta: sum.delta, movements: sum.count)
            }
            batch.lines.removeAll(keepingCapacity: true)
        }
    }

    private func addToLine(depot: String, item: String, delta: Int64, movements: Int64) throws {
        func add() throws -> Int {
            try db.run(.addToLine) { s in
                try s.bind(1, delta)
                try s.bind(2, movements)
                try s.bind(3, depot)
                try s.bind(4, item)
            }
        }
        if try add() == 0 {
            try createLine(depot: depot, item: item)
            _ = try add()
        }
    }

    /// A new line copies what the stock pane filters on from its depot and item (kept in step by their projections).
    func createLine(depot: String, item: String) throws {
        let depotRow = try db.first(.readDepotForLine, { try $0.bind(1, depot) }) {
            (level: $0.text(0), retired: $0.int(1), region: Int($0.int(2)))
        }
        let itemRow = try db.first(.readItemForLine, { try $0.bind(1, item) }) { (category: $0.text(0), retired: $0.int(1)) }
        let a = Ancestry(depotRow?.region ?? 0)
        try db.run(.insertLine) { s in
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
        }
    }

    func projectDepot(_ r: ProjectedRecord) throws {
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
        let depot = String(r.id[..<bar]), item = String(r.id[r.id.index(after: bar)...])
        try createLine(depot: depot, item: item)
        try db.run(.updateLineFields) { s in
            try s.bind(1, r.int("minimum") ?? 0)
            try s.bind(2, r.int("expires"))
            try s.bind(3, r.retired)
            try s.bind(4, depot)
            try s.bind(5, item)
        }
    }
}

// MARK: the stock pane

extension Store {
    static let stockColumns = """
        l.depot, l.item, l.quantity, l.minimum, l.expires, d.name, d.level, d.region, d.owner,
        i.name, i.name_en, i.category, i.uom, i.uom_en
        """

    func stockSQL(_ q: StockQuery, now: Int64) -> (String, [any SQLBindable]) {
        var b = SQLBuilder()
        b.add("l.retired = 0 AND l.depot_retired = 0 AND l.item_retired = 0")
        b.add("l.depot_level", in: q.depotLevels.map(\.rawValue))
        b.add("l.category", in: q.categories.map(\.rawValue))
        if let depot = q.depot { b.add("l.depot = ?", depot) }
        if let item = q.item { b.add("l.item = ?", item) }
        if let region = q.region { b.add("l.\(Ancestry.column(for: region)) = ?", region) }
        if q.belowMinimumOnly { b.add("l.below = 1") }
        if let days = q.expiringWithinDays { b.add("l.expires_key <= ?", now + Int64(days) * 86_400) }
        if let needle = SQLBuilder.needle(q.text) {
            b.add("""
                (instr(lower(l.depot), ?) > 0 OR instr(lower(l.item), ?) > 0 OR instr(lower(d.name), ?) > 0
                 OR instr(lower(i.name), ?) > 0 OR instr(lower(i.name_en), ?) > 0)
                """, needle, needle, needle, needle, needle)
        }
        let order = switch q.sort {
        case .shortage: "l.below DESC, l.fill, l.depot, l.item"
        case .depot: "l.depot, l.item"
        case .item: "l.item, l.depot"
        case .expiry: "l.expires_key, l.depot, l.item"
        }
        let sql = """
            SELECT \(Store.stockColumns) FROM stock_lines l
            JOIN depots d ON d.id = l.depot JOIN items i ON i.id = l.item
            \(b.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?
            """
        return (sql, b.values + [max(0, q.limit), max(0, q.offset)])
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
        let (sql, values) = stockSQL(query, now: nowSeconds)
        return try withDatabase { db in try db.rows(sql, values, map: Store.stockRow) }
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
