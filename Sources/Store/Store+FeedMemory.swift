import Foundation
import Model

/// What a feed answered last (its validators) and which index entries were fetched, kept so a restart costs one
/// conditional request per feed instead of reading every index and refetching its entries. Office-local: never
/// synced, like the quarantine.
public struct FeedMemory: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    public init(etag: String? = nil, lastModified: String? = nil) { self.etag = etag; self.lastModified = lastModified }
}

extension Store {
    static let feedMemorySchema = """
        CREATE TABLE feed_validators(feed TEXT PRIMARY KEY NOT NULL, etag TEXT, last_modified TEXT) WITHOUT ROWID;
        -- An index entry fetched and imported: its URL and its `updated` text (a changed entry is fetched again).
        CREATE TABLE feed_entries(entry TEXT PRIMARY KEY NOT NULL, fetched_ms INTEGER NOT NULL) WITHOUT ROWID;
        """

    /// The validators a feed answered last, or nil when it has none stored.
    public func feedMemory(feed: String) throws -> FeedMemory? {
        try withDatabase { db in
            try db.first("SELECT etag, last_modified FROM feed_validators WHERE feed = ?", feed) {
                FeedMemory(etag: $0.optionalText(0), lastModified: $0.optionalText(1))
            }
        }
    }

    /// Stores (or, with both nil, forgets) a feed's validators.
    public func rememberFeed(_ feed: String, _ memory: FeedMemory) throws {
        try write { db in
            if memory.etag == nil && memory.lastModified == nil {
                _ = try db.run("DELETE FROM feed_validators WHERE feed = ?", feed)
            } else {
                _ = try db.run("INSERT OR REPLACE INTO feed_validators(feed, etag, last_modified) VALUES (?, ?, ?)",
                               feed, memory.etag, memory.lastModified)
            }
        }
    }

    /// Whether an index entry (its key: URL and `updated`) has been fetched and imported.
    public func feedEntryFetched(_ entry: String) throws -> Bool {
        try withDatabase { db in try db.int("SELECT 1 FROM feed_entries WHERE entry = ?", entry) != nil }
    }

    public func rememberFeedEntry(_ entry: String) throws {
        try write { db in
            _ = try db.run("INSERT OR IGNORE INTO feed_entries(entry, fetched_ms) VALUES (?, ?)", entry, wallClock.nowMilliseconds())
        }
    }
}
