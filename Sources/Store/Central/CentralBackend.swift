import Foundation
import Model

/// What sync needs of a central store, whichever engine holds it (SQLite's `CentralDatabase`, the PostgreSQL
/// one in `CentralPostgres`). The rules come in as closures; the SQL stays behind this seam.
///
/// Log positions (`seq`) must be commit-ordered: a reader that asks for entries after n must never later find an
/// entry at or below n that was not there when it asked.
public protocol CentralBackend: AnyObject {
    /// Where the store lives, for messages (a path, or a postgres:// URL without its password).
    var location: String { get }
    /// Changes when the store's history may have changed (a restore, an operator's word): clients re-read.
    var epoch: UInt64 { get }
    /// Entries at or before this were pruned; a cursor older than this bootstraps from a snapshot.
    var horizon: Int64 { get }

    /// Applies a pushed batch atomically and idempotently by (device, seq); see `CentralDatabase.apply`.
    @discardableResult
    func apply(_ events: [Event], now: Date, stopAt: [DeviceID: Int64],
               check: (Event, any CentralLookup) throws -> CentralVerdict) throws -> CentralApplyOutcome
    /// Highest sequence number applied (or rejected) for a device; 0 when unknown.
    func appliedThrough(device: DeviceID) throws -> Int64
    /// The newest log position (0 when empty).
    func head() throws -> Int64
    /// The tag of the entry at `seq` (0 for seq 0), or nil when there is no such entry.
    func tag(at seq: Int64) throws -> UInt64?
    /// Log entries after `seq`, in order, at most `limit`, up to and including `through` when given.
    func log(after seq: Int64, through: Int64?, limit: Int) throws -> [CentralLogEntry]
    /// Like `log`, but an engine may leave out entries `office` cannot read (it must keep every one it can:
    /// the caller still applies the read scope). Lets an index serve a small office's pull from a large log.
    func log(after seq: Int64, through: Int64?, limit: Int, readableBy office: RegionCode) throws -> [CentralLogEntry]
    /// Log positions that currently win something (a unit's status, a record's field).
    func winningEntries() throws -> Set<Int64>
    /// Log positions of stock entries their line's latest count subsumes.
    func subsumedStockEntries() throws -> Set<Int64>
    /// The office a device is registered to, or nil when the centre has not met it.
    func deviceOffice(_ device: DeviceID) throws -> RegionCode?
    /// Binds a device to `office` at first contact; returns the office it is bound to.
    func register(device: DeviceID, office: RegionCode) throws -> RegionCode
    /// Starts a new epoch (operator's word or the store's own evidence); returns it.
    @discardableResult func rotateEpoch(reason: String) throws -> UInt64
    /// Deletes log entries through `seq` that no snapshot needs and moves the horizon; returns how many.
    @discardableResult func pruneLog(through seq: Int64) throws -> Int
    /// The position `n` positions back from the head, where `central prune --keep n` prunes through (an engine
    /// whose positions are not consecutive counts entries instead).
    func position(keepingLast n: Int) throws -> Int64
    /// Offices, their last contact and the log's size, for `dutydesk central stats`.
    func stats() throws -> CentralStats
    /// Number of log entries.
    func eventCount() throws -> Int
    /// Stock by "depot|item" as the centre folds it.
    func stockTotals() throws -> [String: Int64]
    /// Events re-stamped because their clock ran too far ahead.
    func quarantined() throws -> [(id: EventID, original: HLC, restamped: HLC, reason: String)]
    /// Events refused, with the reason sent back.
    func rejections() throws -> [(id: EventID, office: RegionCode, reason: String)]
    func close()
}

extension CentralBackend {
    /// `apply` with no earlier conflicts and the current time.
    @discardableResult
    public func apply(_ events: [Event], now: Date = Date(),
                      check: (Event, any CentralLookup) throws -> CentralVerdict) throws -> CentralApplyOutcome {
        try apply(events, now: now, stopAt: [:], check: check)
    }

    public func log(after seq: Int64, limit: Int) throws -> [CentralLogEntry] {
        try log(after: seq, through: nil, limit: limit)
    }

    /// Positions are consecutive (SQLite's row ids).
    public func position(keepingLast n: Int) throws -> Int64 { try head() - Int64(n) }

    /// Every entry (the engine has no index for scopes).
    public func log(after seq: Int64, through: Int64?, limit: Int, readableBy office: RegionCode) throws -> [CentralLogEntry] {
        try log(after: seq, through: through, limit: limit)
    }
}

/// What `dutydesk central stats` prints.
public struct CentralStats: Sendable, Equatable {
    /// One office: its devices, the last time any of them pushed something the centre applied, and how much.
    public struct Office: Sendable, Equatable {
        public var office: RegionCode
        public var devices: Int
        /// Seconds since 1970 of the latest applied or rejected event (nil: registered, never pushed).
        public var lastContact: Int64?
        public var entries: Int
        public init(office: RegionCode, devices: Int, lastContact: Int64?, entries: Int) {
            self.office = office; self.devices = devices; self.lastContact = lastContact; self.entries = entries
        }
    }
    public var engine: String
    public var epoch: UInt64
    public var head: Int64
    public var horizon: Int64
    public var logEntries: Int
    /// Bytes the log takes on disk (SQLite: the whole file; PostgreSQL: the log table with its indexes).
    public var logBytes: Int64
    public var offices: [Office]
    public init(engine: String, epoch: UInt64, head: Int64, horizon: Int64, logEntries: Int, logBytes: Int64, offices: [Office]) {
        self.engine = engine; self.epoch = epoch; self.head = head; self.horizon = horizon
        self.logEntries = logEntries; self.logBytes = logBytes; self.offices = offices
    }

    /// Plain lines, one per office, newest contact first.
    public var lines: [String] {
        var out = ["\(engine) central store: epoch \(String(epoch, radix: 16)), head \(head), horizon \(horizon), "
                   + "\(logEntries) log entries, \(logBytes) bytes"]
        let fmt = ISO8601DateFormatter()
        for o in offices.sorted(by: { ($0.lastContact ?? 0, $1.office) > ($1.lastContact ?? 0, $0.office) }) {
            let seen = o.lastContact.map { fmt.string(from: Date(timeIntervalSince1970: Double($0))) } ?? "never"
            out.append("office \(o.office): \(o.devices) device(s), \(o.entries) log entries, last contact \(seen)")
        }
        return out
    }
}
