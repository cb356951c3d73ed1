import Foundation
import Model

extension Store {
    /// The longest note one action may write (a page of text; a paste of a whole report is a mistake).
    public static let maximumNoteLength = 4000

    /// Writes a duty-log note, linked to the alert `alertID` names (short id, key or CAP reference) when given.
    @discardableResult public func addNote(_ text: String, alertID typed: String? = nil) throws -> Event {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.refused("a note needs some text") }
        guard trimmed.count <= Self.maximumNoteLength else {
            throw StoreError.refused("a note is at most \(Self.maximumNoteLength) characters (this one has \(trimmed.count))")
        }
        return try write { db in
            let alert = try typed.map { try knownAlertLocked($0, db) }
            return try recordLocked([.note(Note(trimmed, alertID: alert))], db)[0]
        }
    }

    /// Links an event already written (a stock issue) to an alert, so it shows in the alert's timeline.
    @discardableResult public func link(_ event: EventID, toAlert typed: String) throws -> Event {
        try write { db in
            let alert = try knownAlertLocked(typed, db)
            guard try db.int("SELECT 1 FROM events WHERE device = ? AND seq = ?", Int64(bitPattern: event.device), event.seq) != nil else {
                throw StoreError.unknown("event", event.description)
            }
            return try recordLocked([.note(Note("", role: .link, alertID: alert, about: event))], db)[0]
        }
    }

    /// The key of an alert this store holds, or a refusal naming what was typed.
    func knownAlertLocked(_ typed: String, _ db: Database) throws -> String {
        guard let key = try alertKeyLocked(typed, db),
              try db.int("SELECT 1 FROM alerts WHERE id = ? AND messages > 0", key) != nil else {
            throw StoreError.unknown("alert", typed)
        }
        return key
    }
}
