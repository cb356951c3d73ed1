import Foundation
import Model

extension Store {
    /// After events arrive by sync: a CAP message parked here for a message it references (an Update imported from a
    /// feed before its original) is retried once what it waits for is in this store, however it came. Usually sync
    /// brought the parked message too, and the retry finds a duplicate and clears the entry; otherwise it is
    /// imported, or stays with its new reason. Nothing is done when no entry waits (one read of the partial index).
    func releaseParkedAfterIngestLocked(_ events: [Event], _ db: Database) throws {
        // A migration of an older file folds events before the quarantine table exists: nothing can be parked then.
        guard events.contains(where: { if case .alert = $0.payload { true } else { false } }),
              try db.int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alert_quarantine'") != nil else { return }
        let waiting = try db.rows("SELECT waiting_for FROM alert_quarantine WHERE waiting_for IS NOT NULL") { $0.text(0) }
        let keys = Set(waiting.flatMap { $0.split(separator: " ").map(String.init) })
        for key in keys.sorted() where try db.int("SELECT 1 FROM alert_messages WHERE id = ?", key) != nil {
            _ = try releaseParkedLocked(for: key, depth: 1, db)
        }
    }
}
