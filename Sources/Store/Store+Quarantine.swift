import Foundation
import Model

/// A CAP document (or one message of it) that could not be imported, kept whole so nothing a feed sent is lost.
public struct QuarantinedAlert: Sendable {
    public var id: Int64
    public var received: Date
    /// The file, `<stdin>` or URL it came from.
    public var source: String
    public var line: Int
    public var column: Int
    /// The refused message's `<identifier>`, when it had one.
    public var identifier: String?
    public var reason: String
    /// The document as it arrived, byte for byte; or, for one message of a document (`offset` set), that message's
    /// own `<alert>` element as UTF-8, standalone.
    public var raw: Data
    /// Where the message's bytes began in the (UTF-8) document; nil when `raw` is the whole document.
    public var offset: Int?
    /// The whole document was unreadable (rather than one message of it).
    public var wholeDocument: Bool
    /// How many bytes are kept (also when a list left `raw` out).
    public var size: Int

    /// The results of reading this entry again, its own (the first `n`; the rest are messages it released) placed
    /// where the message was in its document: an entry that kept only the message's bytes would otherwise report
    /// positions within them.
    func atDocumentPosition(_ results: [AlertImportResult], first n: Int) -> [AlertImportResult] {
        guard offset != nil else { return results }
        var out = results
        for i in out.indices.prefix(n) { out[i].line = line; out[i].column = column }
        return out
    }
}

extension Store {
    /// The quarantine table; local to this store (never synced: it holds what this office could not read).
    static let quarantineSchema = """
        CREATE TABLE alert_quarantine(
            id INTEGER PRIMARY KEY,
            received_ms INTEGER NOT NULL,
            source TEXT NOT NULL,
            line INTEGER NOT NULL,
            col INTEGER NOT NULL,
            identifier TEXT,
            reason TEXT NOT NULL,
            raw BLOB NOT NULL,
            whole_document INTEGER NOT NULL,
            -- An Update/Cancel whose referenced messages are not here yet: their keys, space-separated; the entry is
            -- retried when one of them arrives.
            waiting_for TEXT
        );
        CREATE INDEX alert_quarantine_waiting ON alert_quarantine(waiting_for) WHERE waiting_for IS NOT NULL;
        """

    /// The CAP status of the message each alert shows (Actual, Exercise, Test, System, Draft): state folded from the
    /// log like `alerts`, in a table of its own so the alerts row keeps its shape.
    static let alertStatusSchema = """
        CREATE TABLE alert_status(alert TEXT PRIMARY KEY NOT NULL, status TEXT NOT NULL) WITHOUT ROWID;
        """

    /// Keeps a refused document; the same bytes refused at the same place again (a re-import, a feed polled twice)
    /// update the entry's reason instead of adding another.
    func quarantineLocked(raw: Data, source: String, line: Int, column: Int, identifier: String?, reason: String,
                          wholeDocument: Bool, offset: Int? = nil, waitingFor: [String] = [], _ db: Database) throws -> Int64 {
        let bytes = [UInt8](raw)
        let waiting = waitingFor.isEmpty ? nil : " " + waitingFor.joined(separator: " ") + " "
        if let existing = try db.int("""
            SELECT id FROM alert_quarantine WHERE line = ? AND col = ? AND length(raw) = ? AND raw = ? ORDER BY id LIMIT 1
            """, line, column, bytes.count, bytes) {
            _ = try db.run("UPDATE alert_quarantine SET reason = ?, waiting_for = ? WHERE id = ?", reason, waiting, existing)
            return existing
        }
        _ = try db.run("""
            INSERT INTO alert_quarantine(received_ms, source, line, col, identifier, reason, raw, whole_document, waiting_for,
                                         span_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, wallClock.nowMilliseconds(), source, line, column, identifier, reason, bytes, wholeDocument, waiting,
            offset.map(Int64.init))
        return db.lastInsertRowID
    }

    /// Entries parked for a message that has just been recorded: retried now, in the same transaction, so an Update or
    /// Cancel that arrived before its original joins the chain the moment the original arrives.
    func releaseParkedLocked(for key: String, depth: Int, _ db: Database) throws -> [AlertImportResult] {
        let parked = try db.rows(Store.parkedForKeySQL, " " + key + " ") { Store.quarantineRow($0) }
        var out: [AlertImportResult] = []
        for entry in parked {
            guard let parsed = try? CAPParser.parseMessages(entry.raw, file: entry.source) else { continue }
            let mine = parsed.filter { entry.offset != nil || ($0.line == entry.line && $0.column == entry.column) }
            let results = entry.atDocumentPosition(
                try importLocked(mine, raw: entry.raw, source: entry.source, quarantine: false, depth: depth, db), first: mine.count)
            if let r = results.first, r.outcome != .quarantined {
                _ = try db.run("DELETE FROM alert_quarantine WHERE id = ?", entry.id)
            } else if let r = results.first, let reason = r.reason, !reason.hasPrefix("parked") {
                // What it waited for came, and it is refused for another reason: it waits no more, and says why.
                _ = try db.run("UPDATE alert_quarantine SET reason = ?, waiting_for = NULL WHERE id = ?", reason, entry.id)
            }
            out += results
        }
        return out
    }

    /// The entries waiting for one message key. `waiting_for IS NOT NULL` lets the partial index answer: without it
    /// every message imported read the whole quarantine, bytes and all (the column sits after `raw`), to find the
    /// few entries that wait.
    static let parkedForKeySQL = """
        SELECT \(quarantineColumns) FROM alert_quarantine WHERE waiting_for IS NOT NULL AND instr(waiting_for, ?) > 0
        """

    static let quarantineColumns = "id, received_ms, source, line, col, identifier, reason, raw, whole_document, span_offset, length(raw)"
    /// The same columns without the bytes, for lists: a quarantine of refused national batches can hold megabytes.
    static let quarantineListColumns = quarantineColumns.replacingOccurrences(of: " raw,", with: " X'',")

    static func quarantineRow(_ r: Row) -> QuarantinedAlert {
        QuarantinedAlert(id: r.int(0), received: Date(timeIntervalSince1970: TimeInterval(r.int(1)) / 1000),
                         source: r.text(2), line: Int(r.int(3)), column: Int(r.int(4)),
                         identifier: r.optionalText(5), reason: r.text(6), raw: Data(r.blob(7)),
                         offset: r.optionalInt(9).map(Int.init), wholeDocument: r.int(8) != 0, size: Int(r.int(10)))
    }

    /// Every quarantined message, oldest first.
    public func quarantinedAlerts() throws -> [QuarantinedAlert] {
        try withDatabase { db in
            try db.rows("SELECT \(Store.quarantineColumns) FROM alert_quarantine ORDER BY id") { Store.quarantineRow($0) }
        }
    }

    /// Every quarantined message, oldest first, without its bytes (`raw` empty; `size` says how many are kept):
    /// what a list shows. `quarantinedAlert(id:)` has the bytes.
    public func quarantineList() throws -> [QuarantinedAlert] {
        try withDatabase { db in
            try db.rows("SELECT \(Store.quarantineListColumns) FROM alert_quarantine ORDER BY id") { Store.quarantineRow($0) }
        }
    }

    /// How many messages wait in quarantine (the console's count).
    public func quarantineCount() throws -> Int {
        try withDatabase { db in Int(try db.int("SELECT count(*) FROM alert_quarantine") ?? 0) }
    }

    public func quarantinedAlert(id: Int64) throws -> QuarantinedAlert? {
        try withDatabase { db in
            try db.first("SELECT \(Store.quarantineColumns) FROM alert_quarantine WHERE id = ?", id) { Store.quarantineRow($0) }
        }
    }

    /// Imports a quarantined document again (after an upgrade, or once what it needed has arrived). The entry is
    /// removed when its message now imports (or is a duplicate); otherwise it stays, with the new reason.
    public func retryQuarantined(id: Int64, languages: [String] = CAPParser.defaultLanguages) throws -> [AlertImportResult] {
        guard let entry = try quarantinedAlert(id: id) else { throw StoreError.unknown("quarantine entry", String(id)) }
        let parsed: [CAPMessageResult]
        do {
            parsed = try CAPParser.parseMessages(entry.raw, file: entry.source, languages: languages)
        } catch let error as CAPParseError {
            try write { db in _ = try db.run("UPDATE alert_quarantine SET reason = ?, line = ?, col = ? WHERE id = ?",
                                             error.message, error.line, error.column, id) }
            return [AlertImportResult(source: entry.source, line: error.line, column: error.column, identifier: nil,
                                      outcome: .quarantined, reason: error.message, quarantineID: id)]
        }
        return try write { db in
            var results = entry.atDocumentPosition(
                try importLocked(parsed, raw: entry.raw, source: entry.source, quarantine: false, db), first: parsed.count)
            // A document entry covers every message; a message entry only the message at its position (all of its own
            // bytes, when it kept only those: their positions are the message's, not the document's).
            let mine = results.indices.filter {
                entry.wholeDocument || entry.offset != nil || (results[$0].line == entry.line && results[$0].column == entry.column)
            }
            let stillRefused = mine.first { results[$0].outcome == .quarantined }
            if let i = stillRefused {
                _ = try db.run("UPDATE alert_quarantine SET reason = ? WHERE id = ?", results[i].reason ?? "refused", id)
            } else {
                _ = try db.run("DELETE FROM alert_quarantine WHERE id = ?", id)
            }
            for i in results.indices where results[i].outcome == .quarantined { results[i].quarantineID = id }
            return results
        }
    }

    /// Deletes a quarantine entry (an officer has read it and decided it is junk). Returns false when none had the id.
    @discardableResult public func dropQuarantined(id: Int64) throws -> Bool {
        try write { db in try db.run("DELETE FROM alert_quarantine WHERE id = ?", id) == 1 }
    }
}
