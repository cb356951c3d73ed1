import Foundation
import Model

// What the sync client needs from the local store beyond its public API.
extension Store {
    /// Puts this device's events after `seq` back in the outbox and lowers the acknowledged mark to `seq`, in one
    /// transaction: the central store lost them (restored from an older copy), and the local store keeps every
    /// event, so they can be sent again.
    public func requeueOutbox(after seq: Int64) throws {
        try write { db in
            try db.run("INSERT OR IGNORE INTO outbox(seq, event) SELECT seq, id FROM events WHERE device = ? AND seq > ?",
                       Int64(bitPattern: identity.device), seq)
            try lowerOutboxAcknowledgedLocked(to: seq, db)
        }
    }

    /// Bytes the local store spends on sync bookkeeping: the outbox table and its index, plus the sync meta rows.
    public func syncMetadataBytes() throws -> Int64 {
        try withDatabase { db in
            let meta = try db.int("SELECT coalesce(sum(length(key) + length(value) + 4), 0) FROM meta WHERE key LIKE 'sync.%' OR key LIKE 'outbox.%'") ?? 0
            // dbstat gives exact page use when SQLite has it; otherwise estimate ~24 bytes per outbox row.
            if let pages = try? db.int("SELECT sum(pgsize) FROM dbstat WHERE name IN ('outbox', 'sqlite_autoindex_outbox_1')") {
                return pages + meta
            }
            let rows = try db.int("SELECT count(*) FROM outbox") ?? 0
            return rows * 24 + meta
        }
    }
}
