import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// A transport that flips one chosen bit of the next request or answer, then behaves.
final class BitFlipTransport: SyncTransport {
    let inner: LoopbackTransport
    var flipRequestBit: Int?
    var flipAnswerBit: Int?
    private var pending: [[UInt8]] = []
    init(session: ServerSession) { inner = LoopbackTransport(session: session) }

    func send(_ frame: [UInt8]) throws {
        var f = frame
        if let bit = flipRequestBit { flipRequestBit = nil; f[(bit / 8) % f.count] ^= UInt8(1) << UInt8(bit % 8) }
        try inner.send(f)
    }

    func receive() throws -> [UInt8] {
        var f = try inner.receive()
        if let bit = flipAnswerBit { flipAnswerBit = nil; f[(bit / 8) % f.count] ^= UInt8(1) << UInt8(bit % 8) }
        return f
    }

    func close() { inner.close() }
}

@Suite struct ChecksumTests {
    @Test func everyFrameCarriesAChecksumEvenTinyAndErrorOnes() throws {
        for frame in [Frame.encode(body: []), Frame.encode(body: [1]), Frame.encodeError("no")] {
            for bit in 0..<(frame.count * 8) {
                var f = frame
                f[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
                do {
                    let body = try Frame.decode(f, peer: "server")
                    Issue.record("flipping bit \(bit) of \(frame) was accepted as \(body)")
                } catch let e as SyncError {
                    // A flipped error frame may still read as *an* error, never as a message.
                    #expect(e.kind != .local)
                }
            }
        }
    }

    @Test func frameFuzzAcceptsNoCorruption() {
        let seed: UInt64 = 11
        let result = FrameFuzz.run(count: 5_000, seed: seed)
        #expect(result.mutated > 4_900, "seed \(seed): \(result)")
        #expect(result.accepted == 0, "seed \(seed): \(result)")
    }

    /// Every single-bit flip of a one-event push: never applied, never rejected, the event stays queued and the
    /// next clean cycle delivers it exactly once.
    @Test func aCorruptedOneEventPushIsAnErrorNeverARejectionOrAnEvent() throws {
        let centre = try TestCentre()
        let city = try TestOffice(140100, centre: centre)
        try city.depot("D140100")
        try city.sync()
        try city.stock("D140100", item, 5)
        let frameBits = try {
            let probe = SyncRequest(requestID: 1, final: true, epoch: centre.db.epoch, cursor: .start, snapshot: nil, device: 1,
                                    ackedThrough: 1, pullLimit: 1, events: try city.store.pendingEvents(limit: 10))
            return Frame.encode(body: MessageCodec.encode(probe)).count * 8
        }()
        let office = city.store
        var flipped = 0
        for bit in stride(from: 0, to: frameBits, by: 7) {
            let t = BitFlipTransport(session: centre.session(office: 140100))
            t.flipRequestBit = bit
            let client = SyncClient(store: office) { t }
            let error = #expect(throws: SyncError.self, "bit \(bit)") { try client.syncOnce() }
            #expect(error?.isTransient == true, "bit \(bit): \(String(describing: error))")
            #expect(try centre.db.stockTotals()["D140100|\(item)"] == nil, "bit \(bit) applied the push")
            #expect(try centre.db.rejections().isEmpty, "bit \(bit) made a rejection")
            #expect(try office.outboxDepth() == 1)
            flipped += 1
        }
        #expect(flipped > 10)
        let r = try city.sync()
        #expect(r.pushed == 1 && r.rejected.isEmpty)
        #expect(try centre.db.stockTotals()["D140100|\(item)"] == 5)
    }

    /// A flipped bit in the answer: the client drops the connection without moving its cursor or its outbox.
    @Test func aCorruptedAnswerMovesNothingAtTheClient() throws {
        let centre = try TestCentre()
        let city = try TestOffice(140100, centre: centre)
        let county = try TestOffice(140121, centre: centre)
        try city.depot("D140100")
        try city.sync()
        try county.sync()
        try city.unit("U0100-001", region: 140121)
        try city.sync()
        let before = try county.store.stateLines()
        let cursor = try SyncState.load(county.store)
        for bit in stride(from: 0, to: 60 * 8, by: 13) {
            let t = BitFlipTransport(session: centre.session(office: 140121))
            t.flipAnswerBit = bit
            let client = SyncClient(store: county.store) { t }
            #expect(throws: SyncError.self, "bit \(bit)") { try client.syncOnce() }
            #expect(try county.store.stateLines() == before)
            #expect(try SyncState.load(county.store) == cursor)
        }
        let r = try county.sync()
        #expect(r.pulled == 1)
        #expect(try county.store.units(UnitQuery()).map(\.id) == ["U0100-001"])
    }
}
