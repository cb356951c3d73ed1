import Foundation
import Model
import Store

/// Reading the log for one office through indexes: a county's pull from a province's log touches the county's
/// entries, not the province's. Entries are found by the region they were written for (at the office's level:
/// its county or its city; a township its county's, filtered), by owner, or because their scope is not a region (everyone, alert areas);
/// the caller's read scope still decides.
extension CentralPostgres {
    /// A region's county (townships by their 9-digit code's first six; NULL above county level).
    public static let countyOfRegion = "(CASE WHEN region >= 100000000 THEN region / 1000 WHEN region % 100 <> 0 THEN region END)"
    /// A region's city (NULL for the province itself).
    public static let cityOfRegion = "(CASE WHEN region >= 100000000 THEN region / 100000 * 100 WHEN region % 10000 <> 0 THEN region / 100 * 100 END)"

    /// The indexes these reads use (schema 2).
    public static let scopedLogIndexes = """
    CREATE INDEX IF NOT EXISTS log_county ON log(\(countyOfRegion), seq);
    CREATE INDEX IF NOT EXISTS log_city ON log(\(cityOfRegion), seq);
    CREATE INDEX IF NOT EXISTS log_owner ON log(owner, seq);
    CREATE INDEX IF NOT EXISTS log_shared ON log(seq) WHERE scope <> 1
    """

    public func log(after seq: Int64, through: Int64?, limit: Int, readableBy office: RegionCode) throws -> [CentralLogEntry] {
        // The index column and key for the office's level; a township reads its county's entries for its own.
        let within: String, key: Int, only: String
        switch RegionLevel.of(office) {
        case .province: return try log(after: seq, through: through, limit: limit)
        case .city: (within, key, only) = (Self.cityOfRegion, office, "")
        case .county: (within, key, only) = (Self.countyOfRegion, office, "")
        case .township: (within, key, only) = (Self.countyOfRegion, office / 1000, "AND region = $4")
        }
        let range = "seq > $1 AND seq <= $2 AND seq < $5"
        return try guarded {
            try db.rows("""
                SELECT seq, device, dseq, kind, scope, region, owner, areas, event FROM log WHERE seq IN (
                    SELECT seq FROM (
                        (SELECT seq FROM log WHERE \(within) = $6 \(only) AND \(range) ORDER BY \(within), seq LIMIT $3)
                        UNION (SELECT seq FROM log WHERE owner = $4 AND \(range) ORDER BY owner, seq LIMIT $3)
                        UNION (SELECT seq FROM log WHERE scope <> 1 AND \(range) ORDER BY seq LIMIT $3)
                    ) AS found ORDER BY seq LIMIT $3)
                ORDER BY seq
                """, [seq, through ?? Int64.max, limit, office, try watermark(), key], map: Self.entry)
        }
    }

    /// Positions are transaction ids, far apart: the position of the entry `n` entries back from the head.
    public func position(keepingLast n: Int) throws -> Int64 {
        let head = try self.head()
        return try guarded {
            try db.int("SELECT seq FROM log WHERE seq <= $1 ORDER BY seq DESC OFFSET $2 LIMIT 1", head, n) ?? 0
        }
    }

    /// A log row as an entry (columns: seq, device, dseq, kind, scope, region, owner, areas, event).
    static func entry(_ r: PGRow) -> CentralLogEntry {
        let scope = CentralScope(kind: CentralScope.Kind(rawValue: r.int(4)) ?? .region, region: RegionCode(r.int(5)),
                                 owner: RegionCode(r.int(6)), areas: r.isNull(7) ? [] : CentralDatabase.splitAreas(r.text(7)))
        return CentralLogEntry(seq: r.int(0), device: UInt64(bitPattern: r.int(1)), deviceSeq: r.int(2),
                               kind: Int(r.int(3)), scope: scope, encoded: r.blob(8))
    }
}
