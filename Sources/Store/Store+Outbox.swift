import Model

/// The sync queue: this device's events, in seq order, until the central store acknowledges them.
extension Store {
    public func outboxDepth() throws -> Int {
        try withDatabase { db in Int(try db.int("SELECT count(*) FROM outbox") ?? 0) }
    }

    /// Unacknowledged local events in sequence order.
    public func pendingEvents(after seq: Int64 = 0, limit: Int) throws -> [Event] {
        try withDatabase { db in
            try db.rows("""
                SELECT e.device, e.seq, e.office, e.operator, e.hlc_wall, e.hlc_counter, e.hlc_node, e.payload
                FROM outbox o JOIN events e ON e.id = o.event WHERE o.seq > ? ORDER BY o.seq LIMIT ?
                """, seq, max(0, limit)) { try Folder.event($0, from: 0) }
        }
    }

    /// After this device's events after `seq` were queued again (`requeueOutbox(after:)`), lowers the
    /// acknowledged mark to `seq`, never raising it: the outbox then holds exactly the events after the mark,
    /// which is what `check` expects. A `seq` above the mark changes nothing, since the rows between the mark and
    /// `seq` were never acknowledged and are still queued. The caller holds the write transaction.
    func lowerOutboxAcknowledgedLocked(to seq: Int64, _ db: Database) throws {
        let previous = Int64(try db.text("SELECT value FROM meta WHERE key = ?", MetaKey.outboxAcknowledged) ?? "") ?? 0
        try setMetaLocked(MetaKey.outboxAcknowledged, String(min(previous, max(0, seq))), db)
    }

    /// Drops outbox rows up to and including `seq` (the server acknowledged them).
    public func acknowledgeOutbox(through seq: Int64) throws {
        try write { db in
            try db.run("DELETE FROM outbox WHERE seq <= ?", seq)
            // Remembered so `check` can tell an acknowledged prefix from lost rows.
            let previous = Int64(try db.text("SELECT value FROM meta WHERE key = ?", MetaKey.outboxAcknowledged) ?? "") ?? 0
            let highest = try db.int("SELECT max(seq) FROM events WHERE device = ?", Int64(bitPattern: identity.device)) ?? 0
            try setMetaLocked(MetaKey.outboxAcknowledged, String(max(previous, min(seq, highest))), db)
        }
    }
}

extension Store {
    /// Which of `ids` this store holds in its event log (for audits: every confirmed action must be here).
    public func presentEvents(_ ids: [EventID]) throws -> Set<EventID> {
        try withDatabase { db in
            var present: Set<EventID> = []
            for id in ids where try db.int("SELECT 1 FROM events WHERE device = ? AND seq = ?",
                                            Int64(bitPattern: id.device), id.seq) != nil {
                present.insert(id)
            }
            return present
        }
    }
}
