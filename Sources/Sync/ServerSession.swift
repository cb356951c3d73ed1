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
    let central: any CentralBackend
    let office: RegionCode
    let options: ServerOptions
    private var policy: WritePolicy
    /// Devices found to be copies on this connection, with the first conflicting sequence number: nothing of
    /// theirs from there is applied, whichever request carries it.
    private var conflicts: [DeviceID: Int64] = [:]
    private let readScope: ReadScope

    init(central: any CentralBackend, office: RegionCode, options: ServerOptions = ServerOptions()) {
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
            try emit(Frame.encodeError(e))
            return false
        }
        do {
            if let refusal = try refusal(request) {
                try emit(Frame.encodeError("refused: \(refusal)"))
                return false
            }
            try answer(request, emit: emit)
            return true
        } catch let e as StoreError {
            try emit(Frame.encodeError("central store: \(e.description)"))
            return false
        }
    }

    private func answer(_ req: SyncRequest, emit: ([UInt8]) throws -> Void) throws {
        let device = req.device
        // A client whose position names another entry than ours re-reads its scope; nobody else is disturbed.
        let stale = try req.epoch != central.epoch || sawOtherHistory(req)
        let outcome = try central.apply(req.events, now: Date(timeIntervalSince1970: Double(options.clock.nowMilliseconds()) / 1000),
                                        stopAt: conflicts) {
            try policy.verdict($0, $1)
        }
        let current = try central.appliedThrough(device: device)
        let conflict = [outcome.conflicts[device], conflicts[device]].compactMap { $0 }.min()
        // The centre holds more of this device than the store said it holds. Either the store is a copy that fell
        // behind its twin (or a restored backup), or another process of the same store pushed newer events after
        // this one read its own: only the store can tell, so it is told (`held`) rather than called a copy.
        let shown = req.events.last?.id.seq ?? req.ackedThrough
        let held = conflict == nil && shown >= req.deviceHigh && current > req.deviceHigh ? current : 0
        if let c = conflict { conflicts[device] = c }
        // Acknowledge only what this store has shown the centre it holds as the centre does: never sequence
        // numbers the store has not sent in this request (its twin's, after a copy).
        let verified = conflict.map { $0 - 1 } ?? (req.events.last?.id.seq ?? req.deviceHigh)
        var response = SyncResponse(requestID: req.requestID, frameIndex: 0, epoch: central.epoch,
                                    applied: [device: max(0, min(current, verified))],
                                    rejected: outcome.rejected.map { Rejection(id: $0.0, reason: $0.1) },
                                    quarantined: outcome.quarantined, conflict: conflict, held: held,
                                    clock: options.clock.nowMilliseconds(), restamps: outcome.restamps, pull: nil)
        // A copy pulls nothing until it has re-registered: its twin's events are skipped as "its own" otherwise.
        guard req.final, conflict == nil else {
            try emit(Frame.encode(body: MessageCodec.encode(response)))
            return
        }
        guard req.final else {
            try emit(Frame.encode(body: MessageCodec.encode(response)))
            return
        }
        var reader = LogReader(central: central, scope: readScope, skipDevice: req.device, ownHigh: req.deviceHigh,
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
            response.restamps = [:]
            response.conflict = nil
        }
    }

    /// Why the whole request is refused before anything moves, or nil. Positions past this store's head are
    /// no evidence that this store lost history (a client can send any number); only the store's high-water
    /// mark or an operator decides that.
    private func refusal(_ req: SyncRequest) throws -> String? {
        let hex = String(req.device, radix: 16)
        if let stray = req.events.first(where: { $0.id.device != req.device }) {
            return "a request from device \(hex) carries event \(stray.id) of another device"
        }
        if req.device == 0 { return "device 0 is not a device id" }
        func foreign(_ bound: RegionCode) -> String {
            "device \(hex) is registered to office \(bound); this connection is office \(office) (a store copied from another office, or a forged device id)"
        }
        if let bound = try central.deviceOffice(req.device), bound != office { return foreign(bound) }
        if let position = try positionRefusal(req) { return position }
        // Registration at first contact binds the device to this connection's office, for good.
        let bound = try central.register(device: req.device, office: office)
        return bound == office ? nil : foreign(bound)
    }

    private func positionRefusal(_ req: SyncRequest) throws -> String? {
        guard req.epoch == central.epoch else { return nil }  // a stale client's positions are not read
        let head = try central.head()
        let advice = "if the central store was restored from a backup, its operator runs `dutydesk central new-epoch`"
        if req.cursor.seq > head || req.cursor.seq < 0 {
            return "cursor at log entry \(req.cursor.seq) is past this central store's head \(head); \(advice)"
        }
        if let s = req.snapshot, s.target.seq > head || s.done > s.target.seq || s.target.seq < 0 || s.done < 0 {
            return "snapshot position \(s.done) of \(s.target.seq) is past this central store's head \(head); \(advice)"
        }
        return nil
    }

    /// The client's cursor or snapshot names an entry this store holds as another event: that client alone
    /// re-reads its scope from a snapshot.
    private func sawOtherHistory(_ req: SyncRequest) throws -> Bool {
        if req.cursor.seq > 0, try central.tag(at: req.cursor.seq) != req.cursor.tag { return true }
        if let s = req.snapshot, s.target.seq > 0, try central.tag(at: s.target.seq) != s.target.tag { return true }
        return false
    }
}

/// Walks the log for one answer: first a snapshot (only the entries that still matter, in checksummed chunks),
/// then the log itself, each filtered to what the office may read.
struct LogReader {
    let central: any CentralBackend
    let scope: ReadScope
    let skipDevice: DeviceID
    /// The client's highest own sequence number: an entry of its device above it is its twin's (a copied
    /// store), so the reader stops before it rather than skip it as the client's own.
    let ownHigh: Int64
    let limit: Int
    let scanLimit: Int

    private var snapshot: SnapshotProgress?
    private var winners: Set<Int64> = []
    /// Stock entries the lines' latest counts subsume: a snapshot leaves them out.
    private var subsumed: Set<Int64> = []
    private var cursor = LogCursor.start
    private var head: Int64 = 0

    init(central: any CentralBackend, scope: ReadScope, skipDevice: DeviceID, ownHigh: Int64 = .max, limit: Int, scanLimit: Int) {
        self.central = central; self.scope = scope; self.skipDevice = skipDevice; self.ownHigh = ownHigh
        self.limit = limit; self.scanLimit = scanLimit
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
            let (events, last, blocked) = try collect(after: s.done, through: s.target.seq, compact: true)
            s.done = last
            if s.isComplete {
                snapshot = nil
                cursor = s.target
            } else {
                snapshot = s
            }
            return Pull(from: from, events: events, position: .snapshot(s, checksum: MessageCodec.checksum(events)),
                        more: !blocked && (!s.isComplete || cursor.seq < head))
        }
        let from = cursor.seq
        let (events, last, blocked) = try collect(after: cursor.seq, through: head, compact: false)
        if last > cursor.seq { cursor = LogCursor(seq: last, tag: try central.tag(at: last) ?? 0) }
        return Pull(from: from, events: events, position: .log(cursor), more: !blocked && cursor.seq < head)
    }

    /// Visible events after `seq` up to `through`: at most `limit` events, at most `scanLimit` entries scanned.
    /// Returns them with the last entry scanned (or `through` when the range is exhausted), and whether it
    /// stopped before an entry of the client's device that the client does not hold.
    private func collect(after seq: Int64, through: Int64, compact: Bool) throws -> ([Event], Int64, Bool) {
        var events: [Event] = []
        var last = seq
        var scanned = 0
        while events.count < limit, scanned < scanLimit, last < through {
            let page = try central.log(after: last, through: through, limit: min(2_000, scanLimit - scanned), readableBy: scope.office)
            if page.isEmpty { return (events, through, false) }
            for entry in page {
                if entry.device == skipDevice, entry.deviceSeq > ownHigh { return (events, last, true) }
                scanned += 1
                last = entry.seq
                guard entry.device != skipDevice, scope.canSee(entry.scope) else { continue }
                if compact, entry.isSupersedable ? !winners.contains(entry.seq) : subsumed.contains(entry.seq) { continue }
                events.append(try entry.event())
                if events.count == limit { break }
            }
        }
        return (events, last, false)
    }
}
