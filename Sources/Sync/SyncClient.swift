import CentralPostgres
import Foundation
import Model
import Store

/// Syncs one local store with the central store: pushes the outbox, pulls what the office may read.
///
/// One `syncOnce` is one round trip on an open connection: the client writes its request frames back to back
/// (the outbox in batches, the last one marked final), then reads the answers: one per request, and after the
/// final one as many follow-up frames as the pull needs (`more`). The connection stays open between calls and
/// is replaced after any failure. Every request is self-contained and every apply idempotent, so a retry after
/// any failure is safe.
///
/// Give the client its own `Store` instance when the console uses the same file from another thread.
public final class SyncClient: @unchecked Sendable {
    public let store: Store
    public let remote: SyncRemote?
    public let options: SyncOptions
    private let connect: () throws -> any SyncTransport
    private var transport: (any SyncTransport)?
    private var nextRequestID: UInt64 = 1
    private let lock = NSLock()

    public init(store: Store, remote: SyncRemote, options: SyncOptions = SyncOptions()) {
        self.store = store
        self.remote = remote
        self.options = options
        let office = store.identity.office
        self.connect = { try Self.spawn(remote, office: office, options: options) }
    }

    /// A client over a transport the caller provides (tests, in-process servers).
    init(store: Store, options: SyncOptions = SyncOptions(), connect: @escaping () throws -> any SyncTransport) {
        self.store = store
        self.remote = nil
        self.options = options
        self.connect = connect
    }

    deinit { transport?.close() }

    /// Closes the connection; the next sync opens a new one.
    public func close() {
        lock.lock(); defer { lock.unlock() }
        transport?.close()
        transport = nil
    }

    /// Runs one sync cycle (and, when the centre turns out to have lost history, one more to re-send it).
    public func syncOnce() throws -> SyncReport {
        lock.lock(); defer { lock.unlock() }
        var report = SyncReport()
        do {
            let t = try transport ?? connect()
            transport = t
            var again = try cycle(t, &report)
            var extra = 0
            while again && extra < 3 {
                extra += 1
                again = try cycle(t, &report)
            }
            report.waiting = try store.outboxDepth()
            // The duty log says what sync did (a failure to write it must not fail the sync).
            try? store.recordSyncResult(SyncLogLine(atMilliseconds: store.wallMilliseconds(), ok: true, pushed: report.pushed,
                                                    pulled: report.pulledNew, rejected: report.rejected.count))
            return report
        } catch {
            transport?.close()
            transport = nil
            try? store.recordSyncResult(SyncLogLine(atMilliseconds: store.wallMilliseconds(), ok: false,
                                                    detail: "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? ""))
            if let e = error as? SyncError { throw e }
            if let e = error as? StoreError { throw SyncError.local(e.description) }
            throw SyncError.local("\(error)")
        }
    }

    /// One round trip. Returns true when another cycle should follow at once (events were re-queued).
    private func cycle(_ t: any SyncTransport, _ report: inout SyncReport) throws -> Bool {
        var state = try SyncState.load(store)
        let deviceHigh = try store.ownDeviceHigh()
        let device = store.identity.device
        let acked = Int64(try store.meta(SyncState.acknowledgedKey) ?? "0") ?? 0

        // Push: request frames back to back; the last one (possibly with no events) asks for the pull.
        var requests: [SyncRequest] = []
        let sentAt = store.wallMilliseconds()
        var after: Int64 = 0
        var batch = try store.pendingEvents(after: after, limit: options.pushBatch)
        repeat {
            after = batch.last?.id.seq ?? after
            let next = requests.count + 1 < options.maxPushFrames && !batch.isEmpty
                ? try store.pendingEvents(after: after, limit: options.pushBatch) : []
            let req = SyncRequest(requestID: nextRequestID, final: next.isEmpty, epoch: state.epoch, cursor: state.cursor,
                                  snapshot: state.snapshot, device: device, ackedThrough: acked, deviceHigh: deviceHigh,
                                  pullLimit: options.pullBatch, events: batch)
            nextRequestID += 1
            let frame = Frame.encode(body: MessageCodec.encode(req))
            try t.send(frame)
            report.bytesSent += frame.count
            report.framesSent += 1
            requests.append(req)
            batch = next
        } while !requests.last!.final
        report.roundTrips += 1

        // Answers, in order. Stale frames from an earlier, abandoned exchange are skipped.
        var requeue = false
        var epochSeen = false
        var conflict: Int64?
        var held: Int64 = 0
        var restamps: [EventID: HLC] = [:]
        var offset: Int64?
        for req in requests {
            var index = 0
            while true {
                let frame = try t.receive()
                report.bytesReceived += frame.count
                report.framesReceived += 1
                let resp = try MessageCodec.decodeResponse(try Frame.decode(frame, peer: "server"))
                if resp.requestID < req.requestID || (resp.requestID == req.requestID && resp.frameIndex < index) { continue }
                guard resp.requestID == req.requestID, resp.frameIndex == index else {
                    throw SyncError.malformed("answer \(resp.requestID)/\(resp.frameIndex) arrived while expecting \(req.requestID)/\(index)")
                }
                if !epochSeen {
                    epochSeen = true
                    if resp.epoch != state.epoch {
                        if state.epoch != 0 { report.epochChanged = true }
                        state = SyncState(epoch: resp.epoch)
                    }
                }
                if let c = resp.conflict { conflict = min(conflict ?? c, c) }
                held = max(held, resp.held)
                if offset == nil, resp.clock > 0 {
                    // The centre read its clock about halfway through the exchange.
                    offset = resp.clock - (sentAt + store.wallMilliseconds()) / 2
                }
                restamps.merge(resp.restamps.filter { $0.key.device == device }) { a, _ in a }
                // Recorded and undone before the outbox lets the events go: the centre answers a rejection once.
                report.rejected += resp.rejected
                report.undone += try store.recordRejections(resp.rejected.filter { $0.id.device == device }.map { ($0.id, $0.reason) })
                // After a device conflict, only what precedes it is acknowledged, whatever a later answer says.
                if var applied = resp.applied[device] {
                    if let c = conflict { applied = min(applied, c - 1) }
                    requeue = try acknowledge(through: applied, pushed: req.events, acked: acked, report: &report) || requeue
                }
                report.quarantined += resp.quarantined
                guard let pull = resp.pull else { break }
                try apply(pull, state: &state, report: &report)
                guard pull.more else { break }
                index += 1
            }
        }
        if let offset {
            try store.noteCentreClock(offsetMilliseconds: offset)
            report.clockOffset = offset
        }
        // Before anything else is stamped: the office's copies take the centre's stamps.
        report.restamped += try store.applyRestamps(restamps)
        // The centre holds this device's events that the store does not hold even now (after any other process's
        // writes): the store is a copy behind its twin, or a restored backup. Its next event would collide.
        if conflict == nil, held > 0, try store.ownDeviceHigh() < held, store.identity.device == device {
            conflict = try store.ownDeviceHigh() + 1
        }
        if let c = conflict {
            // This store is a copy: take a new identity, re-issue its own events from the conflict on, go again.
            if let r = try store.reregister(device: device, from: c) { report.reregistered.append(r) }
            return true
        }
        return requeue
    }

    /// Drops acknowledged events from the outbox. When the centre has less of this device's history than the
    /// client believed acknowledged (it was restored), queues the missing events again; returns true then.
    private func acknowledge(through applied: Int64, pushed: [Event], acked: Int64, report: inout SyncReport) throws -> Bool {
        let newlyAcked = pushed.filter { $0.id.seq <= applied }.count
        report.pushed += newlyAcked
        if applied < acked {
            try store.requeueOutbox(after: applied)
            return true
        }
        if applied > acked { try store.acknowledgeOutbox(through: applied) }
        return false
    }

    private func apply(_ pull: Pull, state: inout SyncState, report: inout SyncReport) throws {
        switch pull.position {
        case .snapshot(let progress, let checksum):
            // A chunk from 0 starts a snapshot afresh: the server found this store's position names another entry
            // than its own, so whatever snapshot was under way is abandoned.
            if pull.from == 0 { state.snapshot = nil }
            guard pull.from == (state.snapshot?.done ?? 0) else {
                throw SyncError.malformed("snapshot chunk starts at \(pull.from), but this store stands at \(state.snapshot?.done ?? 0)")
            }
            guard MessageCodec.checksum(pull.events) == checksum else {
                throw SyncError.malformed("snapshot chunk through \(progress.done) failed its checksum")
            }
            if progress.isComplete {
                state.snapshot = nil
                state.cursor = progress.target
            } else {
                state.snapshot = progress
            }
            report.snapshotChunks += 1
        case .log(let cursor):
            guard state.snapshot == nil, pull.from == state.cursor.seq else {
                throw SyncError.malformed("log frame starts at \(pull.from), but this store stands at \(state.cursor.seq)")
            }
            state.cursor = cursor
            state.snapshot = nil
        }
        report.pulled += pull.events.count
        report.pulledNew += try store.ingest(pull.events, batchSize: max(pull.events.count, 1), meta: state.meta)
    }

    /// Starts the server for a remote: this dutydesk as `serve-sync` over pipes, or through `ssh`.
    static func spawn(_ remote: SyncRemote, office: RegionCode, options: SyncOptions) throws -> any SyncTransport {
        switch remote.location {
        case .local(let path):
            let exe = options.serverExecutable ?? Self.ownExecutable()
            let absolute = path.hasPrefix("/") || CentralPostgres.handles(path) ? path : FileManager.default.currentDirectoryPath + "/" + path
            return try ProcessTransport(executable: exe,
                                        arguments: ["serve-sync", "--store", absolute, "--office", String(office)],
                                        timeout: options.timeout, peer: "server")
        case .ssh(let user, let host, let port, let path):
            var args = ["-o", "BatchMode=yes", "-C", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"]
            args += options.sshOptions
            if let port { args += ["-p", String(port)] }
            args.append((user.map { $0 + "@" } ?? "") + host)
            // With a forced command in authorized_keys, sshd runs that instead; the office is pinned there.
            args += ["--", options.remoteCommand, "serve-sync", "--store", shellQuote(path)]
            return try ProcessTransport(executable: options.sshExecutable, arguments: args,
                                        timeout: options.timeout, peer: "server")
        }
    }

    static func ownExecutable() -> String {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// Single-quotes a word for the remote shell.
func shellQuote(_ s: String) -> String {
    if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+,:@".contains($0) }) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
