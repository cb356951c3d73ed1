import Foundation
import Model

/// One CAP document handed to a group import: its bytes, or nil when they could not be read, and where it came from.
public struct CAPDocument: Sendable {
    public var data: Data?
    public var source: String

    public init(data: Data?, source: String) {
        self.data = data
        self.source = source
    }
}

/// When a group import commits: after this many messages or this long, whichever comes first.
public struct CAPGroupLimits: Sendable {
    public var messages: Int
    public var seconds: Double

    public init(messages: Int = 2000, seconds: Double = 0.25) {
        self.messages = messages
        self.seconds = seconds
    }
}

extension Store {
    /// Imports many documents (the files of one `alerts import`, a burst in a spool folder) with one durable commit
    /// per group rather than per document: a commit costs a disk flush, several milliseconds on an ordinary disk, which
    /// would otherwise cap an import of one-message files at a few hundred messages a second. Each message still has
    /// its own savepoint and result, and results reach `each` only after their group is committed, so nothing is
    /// reported imported that a crash could take back. The write lock is held at most about `limits.seconds` at a
    /// time, so a console on the same store waits no longer than that. A document larger than `streamedImportBytes`
    /// goes alone, streamed. `next` returns nil when there are no more documents.
    public func importCAP(documents next: () throws -> CAPDocument?, languages: [String] = CAPParser.defaultLanguages,
                          limits: CAPGroupLimits = CAPGroupLimits(), each: (AlertImportResult) throws -> Void) throws {
        var pending = try next()
        while let first = pending {
            if let data = first.data, data.count > Self.streamedImportBytes {
                try importCAP(data, source: first.source, languages: languages, each: each)
                pending = try next()
                continue
            }
            let started = ProcessInfo.processInfo.systemUptime
            var results: [AlertImportResult] = []
            pending = try write(savepoints: true) { db -> CAPDocument? in
                var document: CAPDocument? = first
                while let d = document {
                    if let data = d.data, data.count > Self.streamedImportBytes { return d }
                    results += try importDocumentLocked(d, languages: languages, db)
                    document = try next()
                    if results.count >= limits.messages || ProcessInfo.processInfo.systemUptime - started >= limits.seconds {
                        break
                    }
                }
                return document
            }
            for r in results { try each(r) }
        }
    }

    /// One document inside a group's transaction: its messages imported, or the whole document quarantined when it
    /// cannot be read as CAP at all; a file whose bytes never arrived is reported, with nothing to keep.
    private func importDocumentLocked(_ document: CAPDocument, languages: [String], _ db: Database) throws -> [AlertImportResult] {
        let source = document.source
        guard let data = document.data else {
            return [AlertImportResult(source: source, line: 0, column: 0, identifier: nil, outcome: .quarantined,
                                      reason: "cannot read the file")]
        }
        do {
            let parsed = try CAPParser.parseMessages(data, file: source, languages: languages)
            return try importLocked(parsed, raw: data, source: source, quarantine: true, db)
        } catch let error as CAPParseError {
            return [try quarantineDocumentLocked(data, source: source, refused: error, db)]
        }
    }
}
