import Foundation
import Model
import Store

/// Tuning of the server side.
public struct ServerOptions: Sendable {
    /// How far ahead of the centre's clock an event's HLC may be before it is re-stamped and quarantined.
    public var maxDriftMilliseconds: Int64 = 5 * 60 * 1000
    /// Most log entries scanned for one answer frame (bounds the work per frame when little is visible).
    public var scanLimit = 20_000
    /// Most events in one answer frame (the client may ask for fewer).
    public var maxPullPerFrame = 5_000
    public var clock: any WallClock = SystemClock()
    public init() {}
}

/// The server's side of one connection: decodes requests, applies pushed events under the office's rules,
/// and answers with acknowledgments and the log (or a snapshot) the office may read.
final class ServerSession {
    let central: CentralDatabase
    let office: RegionCode
    let options: ServerOptions
    private var policy: WritePolicy
    private let readScope: ReadScope

    init(central: CentralDatabase, office: RegionCode, options: ServerOptions = ServerOptions()) {
        self.central = central
        self.office = office
        self.options = options
        self.policy = WritePolicy(office: office, clock: options.clock, maxDriftMilliseconds: options.maxDriftMilliseconds)
        self.readScope = ReadScope(office: office)
    }

    /// Handles one request frame, emitting the answer frames. Returns false when the connection should end
    /// (after an error frame has been emitted).
    func handle(_ frame: [UInt8], emit: ([UInt8]) throws -> Void) throws -> Bool {
        let request: SyncRequest
        do {
            request = try MessageCodec.decodeRequest(try Frame.decode(frame, peer: "client"))
        } catch let e as SyncError {
            try emit(Frame.encodeError(e.message))
            return false
        }
        do {
            try answer(request, emit: emit)
            return true
        } catch let e as StoreError {
            try emit(Frame.encodeError("central store: \(e.description)"))
            return false
        }
    }

    private func answer(_ req: SyncRequest, emit: ([UInt8]) throws -> Void) throws {
        var stale = req.epoch != central.epoch
        if !stale, let why = try lostHistory(req) {
            try central.rotateEpoch(reason: why)
            stale = true
        }
        var outcome = try central.apply(req.events, now: Date(timeIntervalSince1970: Double(options.clock.nowMilliseconds()) / 1000)) {
            try policy.verdict($0, $1)
        }
        if outcome.applied[req.device] == nil { outcome.applied[req.device] = try central.appliedThrough(device: req.device) }
        var response = SyncResponse(requestID: req.requestID, frameIndex: 0, epoch: central.epoch, applied: outcome.applied,
                                    rejected: outcome.rejected.map { Rejection(id: $0.0, reason: $0.1) },
                                    quarantined: outcome.quarantined, pull: nil)
        guard req.final else {
            try emit(Frame.encode(body: MessageCodec.encode(response)))
            return
        }
        var reader = LogReader(central: central, scope: readScope, skipDevice: req.device,
                               limit: max(1, min(req.pullLimit, options.maxPullPerFrame)), scanLimit: options.scanLimit)
        if stale || (req.cursor.seq == 0 && req.snapshot == nil) || (req.snapshot == nil && req.cursor.seq < central.horizon) {
            try reader.startSnapshot()
        } else if let progress = req.snapshot {
            reader.resumeSnapshot(progress)
        } else {
            reader.follow(from: req.cursor)
        }
        try reader.fixHead()
        while true {
            let pull = try reader.next()
            response.pull = pull
            try emit(Frame.encode(body: MessageCodec.encode(response)))
            guard pull.more else { return }
            response.frameIndex += 1
            response.applied = [:]
            response.rejected = []
            response.quarantined = []
        }
    }

    /// Why this store cannot have the history the client saw (restored from an older copy), or nil.
    private func lostHistory(_ req: SyncRequest) throws -> String? {
        // An entry at or below the horizon may have been pruned: it cannot prove a loss (the client re-bootstraps).
        if req.cursor.seq > central.horizon, try central.tag(at: req.cursor.seq) != req.cursor.tag {
            return "client \(String(req.device, radix: 16)) saw log entry \(req.cursor.seq), which this store lacks"
        }
        if let s = req.snapshot, s.target.seq > central.horizon, try central.tag(at: s.target.seq) != s.target.tag {
            return "client \(String(req.device, radix: 16)) was bootstrapping to log entry \(s.target.seq), which this store lacks"
        }
        let applied = try central.appliedThrough(device: req.device)
        if applied < req.ackedThrough {
            return "client \(String(req.device, radix: 16)) had events through \(req.ackedThrough) acknowledged; this store has \(applied)"
        }
        return nil
    }
}

/// Walks the log for one answer: first a snapshot (only the entries that still matter, in checksummed chunks),
/// then the log itself, each filtered to what the office may read.
struct LogReader {
    let central: CentralDatabase
    let scope: ReadScope
    let skipDevice: DeviceID
    let limit: Int
    let scanLimit: Int

    private var snapshot: SnapshotProgress?
    private var winners: Set<Int64> = []
    /// Stock entries the lines' latest counts subsume: a snapshot leaves them out.
    private var subsumed: Set<Int64> = []
    private var cursor = LogCursor.start
    private var head: Int64 = 0

    init(central: CentralDatabase, scope: ReadScope, skipDevice: DeviceID, limit: Int, scanLimit: Int) {
        self.central = central; self.scope = scope; self.skipDevice = skipDevice; self.limit = limit; self.scanLimit = scanLimit
    }

    mutating func startSnapshot() throws {
        let target = try central.head()
        snapshot = SnapshotProgress(target: LogCursor(seq: target, tag: try central.tag(at: target) ?? 0), done: 0)
        winners = try central.winningEntries()
        subsumed = try central.subsumedStockEntries()
    }

    mutating func resumeSnapshot(_ progress: SnapshotProgress) {
        snapshot = progress
        winners = (try? central.winningEntries()) ?? []
        subsumed = (try? central.subsumedStockEntries()) ?? []
    }

    mutating func follow(from c: LogCursor) { cursor = c }

    /// The answer covers the log up to where it stood when the answer began.
    mutating func fixHead() throws { head = try central.head() }

    /// The next answer frame's pull.
    mutating func next() throws -> Pull {
        if var s = snapshot {
            let from = s.done
            let (events, last) = try collect(after: s.done, through: s.target.seq, compact: true)
            s.done = last
            if s.isComplete {
                snapshot = nil
                cursor = s.target
            } else {
                snapshot = s
            }
            return Pull(from: from, events: events, position: .snapshot(s, checksum: MessageCodec.checksum(events)),
                        more: !s.isComplete || cursor.seq < head)
        }
        let from = cursor.seq
        let (events, last) = try collect(after: cursor.seq, through: head, compact: false)
        if last > cursor.seq { cursor = LogCursor(seq: last, tag: try central.tag(at: last) ?? 0) }
        return Pull(from: from, events: events, position: .log(cursor), more: cursor.seq < head)
    }

    /// Visible events after `seq` up to `through`: at most `limit` events, at most `scanLimit` entries scanned.
    /// Returns them with the last entry scanned (or `through` when the range is exhausted).
    private func collect(after seq: Int64, through: Int64, compact: Bool) throws -> ([Event], Int64) {
        var events: [Event] = []
        var last = seq
        var scanned = 0
        while events.count < limit, scanned < scanLimit, last < through {
            let page = try central.log(after: last, through: through, limit: min(2_000, scanLimit - scanned))
            if page.isEmpty { return (events, through) }
            for entry in page {
                scanned += 1
                last = entry.seq
                guard entry.device != skipDevice, scope.canSee(entry.scope) else { continue }
                if compact, entry.isSupersedable ? !winners.contains(entry.seq) : subsumed.contains(entry.seq) { continue }
                events.append(try entry.event())
                if events.count == limit { break }
            }
        }
        return (events, last)
    }
}
