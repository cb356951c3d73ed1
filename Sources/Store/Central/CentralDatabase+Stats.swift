import Foundation
import Model

/// `CentralBackend` conformance and what `dutydesk central stats` reads: per office, its devices, its log entries
/// and when it last pushed (kept in `office_contacts`, one row per office, raised by every apply).
extension CentralDatabase: CentralBackend {
    public var location: String { path }

    static let contactsSchema = """
    CREATE TABLE IF NOT EXISTS office_contacts(office INTEGER PRIMARY KEY, at INTEGER NOT NULL);
    """

    /// Records that `offices` pushed at `at` (inside the apply transaction).
    func recordContacts(_ offices: Set<RegionCode>, at: Int64) throws {
        for office in offices {
            try db.run("""
                INSERT INTO office_contacts(office, at) VALUES (?, ?)
                ON CONFLICT(office) DO UPDATE SET at = max(at, excluded.at)
                """, office, at)
        }
    }

    public func stats() throws -> CentralStats {
        try guarded {
            var offices: [RegionCode: CentralStats.Office] = [:]
            try db.forEach("SELECT office, count(*) FROM devices WHERE office IS NOT NULL GROUP BY office", []) {
                let o = RegionCode($0.int(0))
                offices[o] = CentralStats.Office(office: o, devices: Int($0.int(1)), lastContact: nil, entries: 0)
            }
            try db.forEach("SELECT office, count(*) FROM log GROUP BY office", []) {
                let o = RegionCode($0.int(0))
                offices[o, default: CentralStats.Office(office: o, devices: 0, lastContact: nil, entries: 0)].entries = Int($0.int(1))
            }
            try db.forEach("SELECT office, at FROM office_contacts", []) {
                let o = RegionCode($0.int(0))
                offices[o, default: CentralStats.Office(office: o, devices: 0, lastContact: nil, entries: 0)].lastContact = $0.int(1)
            }
            let pages = try db.int("PRAGMA page_count") ?? 0
            let size = try db.int("PRAGMA page_size") ?? 0
            return CentralStats(engine: "SQLite", epoch: epoch, head: try head(), horizon: horizon,
                                logEntries: try eventCount(), logBytes: pages * size,
                                offices: offices.values.sorted { $0.office < $1.office })
        }
    }
}
