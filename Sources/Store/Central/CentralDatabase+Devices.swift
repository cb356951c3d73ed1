import Foundation
import Model

/// Device identity is the centre's: a device id is bound to the office of the connection that first used it,
/// and every (device, seq) the centre applied or rejected keeps a hash of the content it had, so the same id
/// with other content (a cloned laptop, a laptop restored from its own backup) is caught, never taken for a
/// duplicate.
extension CentralDatabase {
    static let hashesSchema = """
    CREATE TABLE event_hashes(device INTEGER NOT NULL, dseq INTEGER NOT NULL, hash INTEGER NOT NULL,
        PRIMARY KEY(device, dseq)) WITHOUT ROWID;
    """

    /// The office a device is registered to, or nil when the centre has not met it.
    public func deviceOffice(_ device: DeviceID) throws -> RegionCode? {
        try guarded {
            try db.first("SELECT office FROM devices WHERE device = ? AND office IS NOT NULL", Int64(bitPattern: device)) {
                RegionCode($0.int(0))
            }
        }
    }

    /// Registers a device to `office` at first contact; returns the office it is bound to (another office when
    /// someone else registered it first).
    public func register(device: DeviceID, office: RegionCode) throws -> RegionCode {
        if let bound = try deviceOffice(device) { return bound }
        return try guarded {
            try db.inTransaction(.immediate) {
                try db.run("""
                    INSERT INTO devices(device, applied, office) VALUES (?, 0, ?)
                    ON CONFLICT(device) DO UPDATE SET office = coalesce(devices.office, excluded.office)
                    """, Int64(bitPattern: device), office)
                return RegionCode(try db.int("SELECT office FROM devices WHERE device = ?", Int64(bitPattern: device)) ?? Int64(office))
            }
        }
    }

    /// What the centre keeps of an event's content: 64-bit FNV-1a of its `EventCodec` form as pushed.
    public static func contentHash(_ e: Event) -> Int64 {
        var w = ByteWriter(capacity: 96)
        EventCodec.encode(e, into: &w)
        return contentHash(w.bytes)
    }

    /// The content hash of an event's encoded form.
    public static func contentHash(_ bytes: [UInt8]) -> Int64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int64(bitPattern: h)
    }

    /// The content hash kept for (device, seq), or nil (never seen, or applied before hashes were kept).
    func contentHash(of id: EventID) throws -> Int64? {
        try db.int("SELECT hash FROM event_hashes WHERE device = ? AND dseq = ?", Int64(bitPattern: id.device), id.seq)
    }

    func recordContentHash(_ e: Event) throws {
        try db.run("INSERT OR REPLACE INTO event_hashes(device, dseq, hash) VALUES (?, ?, ?)",
                   Int64(bitPattern: e.id.device), e.id.seq, Self.contentHash(e))
    }

    /// Schema 1 → 2, in one IMMEDIATE transaction: devices learn their office from the log, and every logged
    /// event gets the hash of the content it was pushed with (the quarantined original where it was re-stamped).
    static func migrate(_ conn: Database) throws {
        try conn.inTransaction(.immediate) {
            // Another server may have migrated while this one waited for the lock.
            guard (try conn.int("PRAGMA user_version") ?? 0) < Int64(schemaVersion) else { return }
            try conn.execute("ALTER TABLE devices ADD COLUMN office INTEGER")
            try conn.execute(hashesSchema)
            try conn.execute("""
                UPDATE devices SET office = (SELECT office FROM log WHERE log.device = devices.device ORDER BY seq LIMIT 1);
                UPDATE devices SET office = (SELECT office FROM rejections r WHERE r.device = devices.device LIMIT 1)
                    WHERE office IS NULL;
                """)
            var hashes: [(Int64, Int64, Int64)] = []
            try conn.forEach("""
                SELECT l.device, l.dseq, coalesce(q.original, l.event) FROM log l
                LEFT JOIN quarantine q ON q.device = l.device AND q.dseq = l.dseq
                """, []) { r in hashes.append((r.int(0), r.int(1), contentHash(r.blob(2)))) }
            for (device, dseq, hash) in hashes {
                try conn.run("INSERT OR REPLACE INTO event_hashes(device, dseq, hash) VALUES (?, ?, ?)", device, dseq, hash)
            }
            try conn.execute("PRAGMA user_version=\(schemaVersion)")
        }
    }
}
