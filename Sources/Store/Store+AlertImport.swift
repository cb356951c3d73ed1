import Foundation
import Model

/// What an import did with one CAP message.
public enum AlertImportOutcome: String, Sendable, CaseIterable {
    /// A new alert (or an Ack/Error, recorded but not shown as an alert).
    case imported
    /// The same (sender, identifier, sent) is already in the store, whatever its type: nothing written.
    case duplicate
    /// An Update or Cancel recorded against the messages it references.
    case updated
    /// Not imported: kept with its raw bytes and the reason (`dutydesk alerts quarantine`).
    case quarantined
}

/// One message's result in an import: where it is, what it is, what happened and why.
public struct AlertImportResult: Sendable {
    public var source: String
    public var line: Int
    public var column: Int
    public var identifier: String?
    public var outcome: AlertImportOutcome
    /// Why it was quarantined, or a note on what was recorded (an Ack, a watermark); nil otherwise.
    public var reason: String?
    public var alert: Alert?
    public var event: Event?
    /// The quarantine entry that keeps it, when quarantined.
    public var quarantineID: Int64?

    public init(source: String, line: Int, column: Int, identifier: String?, outcome: AlertImportOutcome,
                reason: String? = nil, alert: Alert? = nil, event: Event? = nil, quarantineID: Int64? = nil) {
        self.source = source; self.line = line; self.column = column; self.identifier = identifier
        self.outcome = outcome; self.reason = reason; self.alert = alert; self.event = event; self.quarantineID = quarantineID
    }

    /// `file:line:column: reason`, the line an officer reads for a refused message.
    public var refusalLine: String { "\(source):\(line):\(column): \(reason ?? outcome.rawValue)" }
}

extension Store {
    /// Imports one CAP document (a file, a feed body): each `<alert>` on its own, in one transaction with a savepoint
    /// per message, so every good message is recorded and each bad one — unreadable, not allowed for this office — is
    /// quarantined with its own bytes, its position and its reason. Nothing is ever dropped silently.
    public func importCAP(_ data: Data, source: String, languages: [String] = CAPParser.defaultLanguages) throws -> [AlertImportResult] {
        let parsed: [CAPMessageResult]
        do {
            parsed = try CAPParser.parseMessages(data, file: source, languages: languages)
        } catch let error as CAPParseError {
            return try importCAP(data, source: source, languages: languages, refused: error)
        }
        return try write(savepoints: true) { db in try importLocked(parsed, raw: data, source: source, quarantine: true, db) }
    }

    /// `importCAP` for a document of any size (up to `CAPParser.maxBytes`), each result handed to `each` as it is
    /// made rather than collected. A large document is read twice, both times streamed: once to know it is a
    /// document at all (else it is quarantined whole and nothing is imported, as for a small one), then message by
    /// message into one transaction, with the page cache held small meanwhile, so memory stays near the size of the
    /// document itself.
    public func importCAP(_ data: Data, source: String, languages: [String] = CAPParser.defaultLanguages,
                          each: (AlertImportResult) throws -> Void) throws {
        try importCAP(data, source: source, languages: languages, streamingAbove: Self.streamedImportBytes, each: each)
    }

    /// `importCAP(_:source:languages:each:)` with the size above which a document is streamed (tests lower it).
    func importCAP(_ data: Data, source: String, languages: [String], streamingAbove: Int,
                   each: (AlertImportResult) throws -> Void) throws {
        guard data.count > streamingAbove else {
            for r in try importCAP(data, source: source, languages: languages) { try each(r) }
            return
        }
        do {
            try CAPParser.forEachMessage(data, file: source, languages: languages) { _ in }
        } catch let error as CAPParseError {
            for r in try importCAP(data, source: source, languages: languages, refused: error) { try each(r) }
            return
        }
        try write(savepoints: true) { db in
            let cacheSize = try db.int("PRAGMA cache_size") ?? -65536
            try db.execute("PRAGMA cache_size = -8192")
            defer { try? db.execute("PRAGMA cache_size = \(cacheSize)") }
            let slicer = CAPMessageSlicer(data)
            try CAPParser.forEachMessage(data, file: source, languages: languages) { message in
                for r in try importLocked([message], raw: data, slicer: slicer, source: source, quarantine: true, db) { try each(r) }
            }
        }
    }

    /// Documents larger than this are imported streamed (`importCAP(_:source:languages:each:)`).
    static let streamedImportBytes = 4 << 20

    /// A document that could not be read as a whole: kept in quarantine, one result.
    private func importCAP(_ data: Data, source: String, languages: [String], refused error: CAPParseError) throws -> [AlertImportResult] {
        [try write { db in try quarantineDocumentLocked(data, source: source, refused: error, db) }]
    }

    /// Keeps a whole document that could not be read as CAP, with the reason and where reading stopped.
    func quarantineDocumentLocked(_ data: Data, source: String, refused error: CAPParseError, _ db: Database) throws -> AlertImportResult {
        let id = try quarantineLocked(raw: data, source: source, line: error.line, column: error.column, identifier: nil,
                                      reason: error.message, wholeDocument: true, db)
        return AlertImportResult(source: source, line: error.line, column: error.column, identifier: nil,
                                 outcome: .quarantined, reason: error.message, quarantineID: id)
    }

    /// Imports parsed messages; a refusal is quarantined when `quarantine` is set (a retry keeps its own entry), with
    /// the message's own bytes cut from `raw` by `slicer` (one per document, so it is scanned once).
    func importLocked(_ parsed: [CAPMessageResult], raw: Data, slicer: CAPMessageSlicer? = nil, source: String,
                      quarantine: Bool, depth: Int = 0, _ db: Database) throws -> [AlertImportResult] {
        var results: [AlertImportResult] = [], released: [AlertImportResult] = []
        let slicer = slicer ?? CAPMessageSlicer(raw)
        // A refused message keeps its own bytes and where they were; the whole document only when they cannot be cut.
        func keep(_ r: AlertImportResult, waitingFor: [String] = []) throws -> Int64 {
            let slice = slicer.message(line: r.line, column: r.column)
            return try quarantineLocked(raw: slice?.bytes ?? raw, source: source, line: r.line, column: r.column,
                                        identifier: r.identifier, reason: r.reason ?? "refused", wholeDocument: false,
                                        offset: slice?.offset, waitingFor: waitingFor, db)
        }
        // Savepoint names must differ when a parked message is imported from inside another's import.
        for (n, message) in parsed.enumerated() {
            var r = AlertImportResult(source: source, line: message.line, column: message.column,
                                      identifier: message.identifier, outcome: .imported)
            switch message.result {
            case .failure(let error):
                r.outcome = .quarantined
                r.reason = error.message
            case .success(let alert):
                r.alert = alert
                if try db.int("SELECT 1 FROM alert_messages WHERE id = ?", alert.messageID.key) != nil {
                    r.outcome = .duplicate
                    break
                }
                // An Update or Cancel none of whose references is here yet waits for them (CAP lets it arrive first).
                let cited = alert.referencedIDs.map(\.key)
                if !alert.isOriginal, !cited.isEmpty,
                   try cited.allSatisfy({ try db.int("SELECT 1 FROM alert_messages WHERE id = ?", $0) == nil }) {
                    r.outcome = .quarantined
                    r.reason = "parked: waits for the message it references (\(alert.references.joined(separator: " "))); "
                        + "imported when that arrives"
                    if quarantine { r.quarantineID = try keep(r, waitingFor: cited) }
                    results.append(r)
                    continue
                }
                let savepoint = "import_\(depth)_\(n)"
                try db.execute("SAVEPOINT \(savepoint)")
                do {
                    r.event = try recordLocked([.alert(alert)], db).first
                    try db.execute("RELEASE \(savepoint)")
                    r.outcome = alert.msgType == .update || alert.msgType == .cancel ? .updated : .imported
                    r.reason = Self.importNote(alert)
                    released += try releaseParkedLocked(for: alert.messageID.key, depth: depth + 1, db)
                } catch let error as StoreError where error.code == .refused || error.code == .unknownRecord {
                    try db.execute("ROLLBACK TO \(savepoint)")
                    try db.execute("RELEASE \(savepoint)")
                    r.outcome = .quarantined
                    r.reason = error.message
                }
            }
            if r.outcome == .quarantined, quarantine { r.quarantineID = try keep(r) }
            results.append(r)
        }
        return results + released
    }

    /// What an officer should know about a message that was recorded but is not a live alert.
    static func importNote(_ a: Alert) -> String? {
        switch (a.msgType, a.status) {
        case (.ack, _), (.error, _): "\(a.msgType.rawValue) recorded; not shown as an alert"
        case (_, .actual): nil
        case (_, let status): "status \(status.rawValue): kept, never counted as live"
        }
    }
}

extension Store {
    /// Every CAP message of the alert an id names (the chain), oldest `sent` first, or nil when no alert has the id.
    public func alertChain(id: String) throws -> (row: AlertRow, messages: [Alert])? {
        guard let row = try alert(id: id) else { return nil }
        let messages = try withDatabase { db in
            try db.rows("""
                SELECT e.device, e.seq, e.office, e.operator, e.hlc_wall, e.hlc_counter, e.hlc_node, e.payload
                FROM alert_messages m JOIN events e ON e.id = m.event WHERE m.alert = ?
                """, row.key) { r -> Alert? in
                if case .alert(let a) = try Folder.event(r, from: 0).payload { return a }
                return nil
            }.compactMap { $0 }
        }
        return (row, messages.sorted { $0.messageID < $1.messageID })
    }
}
