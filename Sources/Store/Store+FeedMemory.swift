import Foundation
import Model

/// What a feed answered last (its validators) and which index entries were fetched, kept so a restart costs one
/// conditional request per feed instead of reading every index and refetching its entries. Office-local: never
/// synced, like the quarantine.
public struct FeedMemory: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    /// A digest of the last body read in full: a server that ignores conditional requests and sends the same bytes
    /// again costs no re-import.
    public var bodyDigest: String?
    public init(etag: String? = nil, lastModified: String? = nil, bodyDigest: String? = nil) {
        self.etag = etag; self.lastModified = lastModified; self.bodyDigest = bodyDigest
    }
    var isEmpty: Bool { etag == nil && lastModified == nil && bodyDigest == nil }
}

extension Store {
    static let feedMemorySchema = """
        CREATE TABLE feed_validators(feed TEXT PRIMARY KEY NOT NULL, etag TEXT, last_modified TEXT) WITHOUT ROWID;
        -- An index entry fetched and imported: its URL and its `updated` text (a changed entry is fetched again).
        CREATE TABLE feed_entries(entry TEXT PRIMARY KEY NOT NULL, fetched_ms INTEGER NOT NULL) WITHOUT ROWID;
        """
    static let feedDigestSchema = "ALTER TABLE feed_validators ADD COLUMN body_digest TEXT"

    /// The validators a feed answered last, or nil when it has none stored.
    public func feedMemory(feed: String) throws -> FeedMemory? {
        try withDatabase { db in
            try db.first("SELECT etag, last_modified, body_digest FROM feed_validators WHERE feed = ?", feed) {
                FeedMemory(etag: $0.optionalText(0), lastModified: $0.optionalText(1), bodyDigest: $0.optionalText(2))
            }
        }
    }

    /// Stores (or, with all nil, forgets) a feed's validators and body digest.
    public func rememberFeed(_ feed: String, _ memory: FeedMemory) throws {
        try write { db in
            if memory.isEmpty {
                _ = try db.run("DELETE FROM feed_validators WHERE feed = ?", feed)
            } else {
                _ = try db.run("INSERT OR REPLACE INTO feed_validators(feed, etag, last_modified, body_digest) VALUES (?, ?, ?, ?)",
                               feed, memory.etag, memory.lastModified, memory.bodyDigest)
            }
        }
    }

    /// Whether an index entry (its key: URL and `updated`) has been fetched and imported.
    public func feedEntryFetched(_ entry: String) throws -> Bool {
        try withDatabase { db in try db.int("SELECT 1 FROM feed_entries WHERE entry = ?", entry) != nil }
    }

    /// Remembers many index entries in one transaction (one disk flush for a round's group, not one per entry). Call it
    /// once their messages are committed: an entry remembered is never fetched again.
    public func rememberFeedEntries(_ entries: [String]) throws {
        guard !entries.isEmpty else { return }
        let now = wallClock.nowMilliseconds()
        try write { db in
            for entry in entries { _ = try db.run("INSERT OR IGNORE INTO feed_entries(entry, fetched_ms) VALUES (?, ?)", entry, now) }
        }
    }
}
