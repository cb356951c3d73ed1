import Model
import Store

/// The client's sync position, kept in the local store's meta table and committed with the events it covers.
struct SyncState: Equatable {
    var epoch: UInt64 = 0
    var cursor = LogCursor.start
    var snapshot: SnapshotProgress?

    static let epochKey = "sync.epoch"
    static let cursorKey = "sync.cursor"
    static let snapshotKey = "sync.snapshot"
    /// Set by the store's `acknowledgeOutbox`: the highest own sequence number the centre acknowledged.
    static let acknowledgedKey = "outbox.acknowledged"

    static func load(_ store: Store) throws -> SyncState {
        var s = SyncState()
        s.epoch = try store.meta(epochKey).flatMap { UInt64($0, radix: 16) } ?? 0
        if let c = try store.meta(cursorKey), let cursor = parseCursor(Substring(c)) { s.cursor = cursor }
        if let text = try store.meta(snapshotKey) {
            let parts = text.split(separator: " ")
            if parts.count == 2, let target = parseCursor(parts[0]), let done = Int64(parts[1]) {
                s.snapshot = SnapshotProgress(target: target, done: done)
            }
        }
        return s
    }

    /// The meta values to write with an ingest so the position moves atomically with the events.
    var meta: [String: String?] {
        [Self.epochKey: String(epoch, radix: 16),
         Self.cursorKey: Self.format(cursor),
         Self.snapshotKey: snapshot.map { Self.format($0.target) + " " + String($0.done) }]
    }

    private static func format(_ c: LogCursor) -> String { "\(c.seq):\(String(c.tag, radix: 16))" }

    private static func parseCursor(_ s: Substring) -> LogCursor? {
        let parts = s.split(separator: ":")
        guard parts.count == 2, let seq = Int64(parts[0]), let tag = UInt64(parts[1], radix: 16) else { return nil }
        return LogCursor(seq: seq, tag: tag)
    }
}
