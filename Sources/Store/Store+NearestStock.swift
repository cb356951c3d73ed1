import Foundation
import Model

/// How far a depot is from an alert by the region tree: the nearer ring first.
public enum RegionDistance: Int, Sendable, Comparable, CaseIterable, Named {
    case sameCounty, sameCity, sameProvince, neighbour

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var names: Names {
        switch self {
        case .sameCounty: Names(zh: "同县", en: "same county")
        case .sameCity: Names(zh: "同市", en: "same city")
        case .sameProvince: Names(zh: "本省", en: "province")
        case .neighbour: Names(zh: "邻省", en: "neighbour")
        }
    }
}

/// A stock line that could supply an alert: the line, its ring, and what it holds above its minimum.
public struct NearbyStock: Sendable, Hashable {
    public var row: StockRow
    public var distance: RegionDistance
    public var spare: Int64 { row.line.quantity - row.line.minimum }
}

extension Store {
    /// The depots holding `item` above its minimum, nearest to the alert's areas first (same county, its city, the
    /// province, then the rest: other provinces stand for the neighbours, which the region catalogue does not map),
    /// the largest spare quantity first within a ring. One read of the item's lines through `stock_lines_item`.
    public func nearestStock(alert typed: String, item: String, limit: Int = 20) throws -> [NearbyStock] {
        guard let alert = try alert(id: typed) else { throw StoreError.unknown("alert", typed) }
        let rings = alert.areas.map(Ancestry.init)
        func list(_ codes: [Int]) -> [Int] { Array(Set(codes.filter { $0 != 0 })).sorted() }
        let counties = list(rings.map(\.county)), cities = list(rings.map(\.city)), provinces = list(rings.map(\.province))
        func marks(_ codes: [Int]) -> String { codes.isEmpty ? "NULL" : Array(repeating: "?", count: codes.count).joined(separator: ", ") }
        let sql = """
            SELECT \(Store.stockColumns),
                   CASE WHEN l.r_county IN (\(marks(counties))) THEN 0 WHEN l.r_city IN (\(marks(cities))) THEN 1
                        WHEN l.r_province IN (\(marks(provinces))) THEN 2 ELSE 3 END AS ring
            FROM stock_lines l JOIN depots d ON d.id = l.depot JOIN items i ON i.id = l.item
            WHERE l.item = ? AND l.quantity > l.minimum AND l.retired = 0 AND l.depot_retired = 0 AND l.item_retired = 0
            ORDER BY ring, l.quantity - l.minimum DESC, l.depot LIMIT ?
            """
        let values: [any SQLBindable] = counties + cities + provinces + [item, max(0, limit)]
        return try withDatabase { db in
            guard try db.int("SELECT 1 FROM items WHERE id = ?", item) != nil else { throw StoreError.unknown("item", item) }
            return try db.rows(sql, values) { r in
                NearbyStock(row: Store.stockRow(r), distance: RegionDistance(rawValue: Int(r.int(14))) ?? .neighbour)
            }
        }
    }
}
