import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// Sends hand-made request frames to a session and decodes what comes back: a forging client.
struct RawClient {
    let session: ServerSession
    /// The answers, in order; an error frame ends the list with its error.
    func send(_ req: SyncRequest) throws -> (answers: [SyncResponse], error: SyncError?) {
        var frames: [[UInt8]] = []
        _ = try session.handle(Frame.encode(body: MessageCodec.encode(req))) { frames.append($0) }
        var answers: [SyncResponse] = []
        for f in frames {
            do { answers.append(try MessageCodec.decodeResponse(Frame.decode(f, peer: "server"))) } catch let e as SyncError { return (answers, e) }
        }
        return (answers, nil)
    }
}

@Suite struct EpochTests {
    /// What the centre holds, to compare before and after a forged request.
    static func fingerprint(_ centre: TestCentre) throws -> String {
        "epoch \(centre.db.epoch) head \(try centre.db.head()) events \(try centre.db.eventCount()) stock \(try centre.db.stockTotals().sorted { $0.key < $1.key }) rejections \(try centre.db.rejections().count)"
    }

    static func request(_ office: TestOffice, centre: TestCentre, cursor: LogCursor? = nil, snapshot: SnapshotProgress? = nil,
                        acked: Int64? = nil) throws -> SyncRequest {
        let state = try SyncState.load(office.store)
        return SyncRequest(requestID: 1, final: true, epoch: centre.db.epoch, cursor: cursor ?? state.cursor,
                           snapshot: snapshot ?? state.snapshot, device: office.store.identity.device,
                           ackedThrough: try acked ?? Int64(office.store.meta(SyncState.acknowledgedKey) ?? "0")!,
                           deviceHigh: try office.store.ownDeviceHigh(), pullLimit: 100, events: [])
    }

    @Test func positionsPastTheHeadAreRefusedAndChangeNothing() throws {
        let (centre, province, city, county) = try ProtocolTests.province()
        let before = try Self.fingerprint(centre)
        let head = try centre.db.head()
        let raw = RawClient(session: centre.session(office: 140121))
        for forged in [
            try Self.request(county, centre: centre, cursor: LogCursor(seq: head + 1, tag: 1)),
            try Self.request(county, centre: centre, cursor: LogCursor(seq: 1_000_000, tag: 99)),
            try Self.request(county, centre: centre, snapshot: SnapshotProgress(target: LogCursor(seq: head + 50, tag: 3), done: 1)),
            try Self.request(county, centre: centre, snapshot: SnapshotProgress(target: LogCursor(seq: head, tag: 3), done: head + 1)),
        ] {
            let (answers, error) = try raw.send(forged)
            #expect(answers.isEmpty)
            #expect(error?.kind == .refused, "\(forged)")
            #expect(error?.description.contains("past this central store's head \(head)") == true, "\(String(describing: error))")
            #expect(try Self.fingerprint(centre) == before)
        }
        // Nobody else is disturbed: no epoch change, no re-download.
        for o in [province, city, county] {
            let r = try o.sync()
            #expect(!r.epochChanged && r.snapshotChunks == 0 && r.pulled == 0, "office \(o.code): \(r)")
        }
        #expect(try Self.fingerprint(centre) == before)
    }

    @Test func aTagThatNamesAnotherEntryRebootstrapsOnlyThatClient() throws {
        let (centre, province, city, county) = try ProtocolTests.province()
        let epoch = centre.db.epoch
        let head = try centre.db.head()
        // The county's store claims it stood at an entry the centre holds as another event.
        let forged = LogCursor(seq: head - 1, tag: try #require(try centre.db.tag(at: head - 1)) ^ 0x55)
        try county.store.setMeta(SyncState.cursorKey, "\(forged.seq):\(String(forged.tag, radix: 16))")
        let before = try county.store.stateLines()
        let r = try county.sync()
        #expect(r.snapshotChunks > 0 && !r.epochChanged, "\(r)")
        #expect(centre.db.epoch == epoch)
        #expect(try county.store.stateLines() == before)
        #expect(try SyncState.load(county.store).cursor == LogCursor(seq: head, tag: try #require(try centre.db.tag(at: head))))
        for o in [province, city] {
            let r = try o.sync()
            #expect(!r.epochChanged && r.snapshotChunks == 0, "office \(o.code): \(r)")
        }
    }

    @Test func anAckAboveWhatTheCentreAppliedGetsTheRealValueBack() throws {
        let (centre, province, city, county) = try ProtocolTests.province()
        let before = try Self.fingerprint(centre)
        let device = county.store.identity.device
        let applied = try centre.db.appliedThrough(device: device)
        #expect(applied > 0)
        let (answers, error) = try RawClient(session: centre.session(office: 140121))
            .send(try Self.request(county, centre: centre, acked: applied + 500))
        #expect(error == nil)
        let first = try #require(answers.first)
        #expect(first.applied[device] == applied)
        #expect(first.epoch == centre.db.epoch)
        #expect(try Self.fingerprint(centre) == before)
        for o in [province, city, county] {
            #expect(try !o.sync().epochChanged)
        }
    }

    /// The store's own evidence: its log ends below the high-water mark kept beside it.
    @Test func aRestoredCentreRotatesItsEpochOnOpenAndAnOperatorCanToo() throws {
        let (centre, _, city, county) = try ProtocolTests.province()
        let backup = centre.directory.file("backup.db")
        try centre.whileClosed { try FileManager.default.copyItem(atPath: $0, toPath: backup) }
        // Their sessions held the closed file: connect again.
        for o in [city, county] { o.client.close() }
        let e0 = centre.db.epoch
        try county.stock("D140121", item, 3)
        try county.sync()
        #expect(try centre.db.highWater()?.head == centre.db.head())
        // Reopening the same file is no evidence of anything.
        try centre.whileClosed { _ in }
        #expect(centre.db.epoch == e0)
        try centre.whileClosed { path in
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try FileManager.default.copyItem(atPath: backup, toPath: path)
        }
        let e1 = centre.db.epoch
        #expect(e1 != e0)
        #expect(try centre.db.highWater()?.head == centre.db.head())
        // Once: opening again does not rotate again.
        try centre.whileClosed { _ in }
        #expect(centre.db.epoch == e1)
        for o in [city, county] { o.client.close() }
        #expect(try county.sync().epochChanged)
        #expect(try centre.db.stockTotals()["D140121|\(item)"] == 43)
        // The operator's word.
        let e2 = try centre.db.rotateEpoch(reason: "operator: test")
        #expect(e2 != e1)
        #expect(try city.sync().epochChanged)
    }
}
