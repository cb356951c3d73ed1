/// One schema step: what it does to an older file, run in its own IMMEDIATE transaction and recorded.
struct Migration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (Database) throws -> Void
}

/// The schema's history, oldest first. Never edit a shipped step: add a new one.
enum Migrations {
    /// `PRAGMA application_id` of every DutyDesk store ("DDsk"), so another program's SQLite file is recognised.
    static let applicationID: Int32 = 0x4444_736B

    static let all: [Migration] = [
        Migration(version: 1, name: "events, outbox and meta") { db in try db.execute(Schema.core) },
        // State tables arrived after the event log; the step folds whatever events an older file holds.
        Migration(version: 2, name: "current-state tables") { db in
            try db.execute(Schema.state)
            try Folder(db: db).replayAll()
        },
        Migration(version: 3, name: "pane query indexes") { db in try db.execute(Schema.paneIndexes) },
        Migration(version: 4, name: "units sorted by kind in catalogue order") { db in try db.execute(Schema.unitKindRankIndex) },
        Migration(version: 5, name: "movements in arrival order") { db in try db.execute(Schema.movementsByEvent) },
        Migration(version: 6, name: "movements read from the event log") { db in try db.execute(Schema.dropMovements) },
        Migration(version: 7, name: "shortage index on short lines only") { db in try db.execute(Schema.shortLinesIndex) },
        Migration(version: 8, name: "alert text, unit kind-by-status and stock category indexes") { db in try db.execute(Schema.filterIndexes) },
        Migration(version: 9, name: "rejected events and transfers between depots") { db in
            try db.execute(Schema.rejectionsAndTransfers)
            try Folder(db: db).foldTransfers()
        },
        // Counts folded as deltas until now; the step re-reads every counted line from the log.
        Migration(version: 10, name: "stock counts as observations") { db in
            try db.execute(Schema.stockCounts)
            try Folder(db: db).recomputeCountedLines()
        },
        // Alerts were keyed by the bare identifier, so another office's message with the same identifier folded
        // into them; every state table is folded again from the log under the CAP-triplet keys.
        Migration(version: 11, name: "alerts keyed by CAP sender, identifier and sent") { db in try Folder(db: db).rebuildState() },
        // The duty log, shifts and timelines read the event log by clock, by kind and by alert.
        Migration(version: 12, name: "duty log: events by clock, shifts, events by alert") { db in
            try db.execute(Schema.dutyLog)
            try Folder(db: db).linkAllEvents()
        },
        // CAP messages that could not be imported are kept, never dropped (`Store+Quarantine.swift`).
        // Test/Exercise chains looked live: each alert's shown status is kept beside it, folded again from the log.
        Migration(version: 13, name: "quarantined CAP messages and alert status") { db in
            try db.execute(Store.quarantineSchema)
            try db.execute(Store.alertStatusSchema)
            try Folder(db: db).rebuildState()
        },
        // Sync results in the duty log: office-local lines, never events (`Store+SyncLog.swift`).
        Migration(version: 14, name: "sync results in the duty log") { db in try db.execute(Store.syncLogSchema) },
        // Search reads the duty-log notes without walking the whole event log.
        Migration(version: 15, name: "duty-log notes by clock") { db in
            try db.execute("CREATE INDEX events_notes ON events(hlc_wall) WHERE kind = 'note'")
        },
        // Ingest wrote two clock indexes per stock event; one on the wall time serves the log and late counts.
        Migration(version: 16, name: "one clock index on events") { db in try db.execute(Schema.oneClockIndex) },
        // A refused message of a large document kept the whole document per message: now its own bytes and where
        // they were (`span_offset`, NULL for entries that hold the whole document).
        Migration(version: 17, name: "quarantined messages keep their own bytes") { db in
            try db.execute("ALTER TABLE alert_quarantine ADD COLUMN span_offset INTEGER")
        },
        // Feed validators and the index entries already fetched outlive a restart (`Store+FeedMemory.swift`).
        Migration(version: 18, name: "feed memory") { db in try db.execute(Store.feedMemorySchema) },
        // A server that ignores conditional requests: the same body again is recognised and not re-imported.
        Migration(version: 19, name: "feed body digest") { db in try db.execute(Store.feedDigestSchema) },
    ]

    static var latest: Int { all.last!.version }

    /// Runs every step newer than the file's `user_version`; each step commits on its own.
    static func migrate(_ db: Database, steps: [Migration] = all, nowMilliseconds: Int64) throws {
        for step in steps {
            try db.inTransaction(.immediate) {
                // Re-read inside the write lock: another process may have migrated meanwhile.
                let current = try db.int("PRAGMA user_version") ?? 0
                guard step.version > current else { return }
                try step.apply(db)
                try db.run("INSERT INTO migrations(version, name, applied_ms) VALUES (?, ?, ?)",
                           step.version, step.name, nowMilliseconds)
                // PRAGMA takes no bound parameters; the version is our own constant, not data.
                try db.execute("PRAGMA user_version = \(step.version)")
            }
        }
    }
}
