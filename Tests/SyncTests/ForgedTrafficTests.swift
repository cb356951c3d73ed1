import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// Traffic that is well-formed but not honest: events signed by another office than the connection's, and a
/// snapshot chunk changed in transit inside a valid frame. Both are refused and leave nothing behind.
@Suite struct ForgedTrafficTests {
    @Test func eventsSignedByAnotherOfficeThanTheConnectionAreRejected() throws {
        let centre = try TestCentre()
        // A Taiyuan store whose link is the sshd key of Qingxu: its events say 140100, the connection says 140121.
        let forger = try TestOffice(140100, centre: centre) { _ in LoopbackTransport(session: centre.session(office: 140121)) }
        let ack = try forger.make(.acknowledge(alertID: "any-alert"))
        let depot = try forger.make(.fields(RecordRef(.depot, "D-forged"), ["name": "库", "level": "county", "region": "140121"]))
        let r = try forger.sync()
        #expect(Set(r.rejected.map(\.id)) == [ack.id, depot.id])
        #expect(r.rejected.allSatisfy { $0.reason.contains("signed by office 140100") && $0.reason.contains("office 140121") },
                "\(r.rejected)")
        #expect(try centre.db.eventCount() == 0, "a forged event reached the central log")
        #expect(try forger.store.outboxDepth() == 0, "refused events are acknowledged as refused, not retried forever")
    }

    @Test func aSnapshotChunkAlteredInsideAValidFrameIsRefused() throws {
        let centre = try TestCentre()
        let city = try TestOffice(140100, centre: centre)
        try city.depot("D140100")
        for i in 0..<60 { try city.stock("D140100", item, Int64(i % 5 + 1)) }
        try city.sync()
        // A new laptop bootstraps through a link that adds 1000 to one movement of every snapshot chunk and
        // re-frames it, so only the chunk's own checksum can tell.
        var options = SyncOptions(); options.pullBatch = 20
        let tamper = Tampering()
        let laptop = try TestOffice(140100, centre: centre, options: options) {
            TamperingTransport(inner: LoopbackTransport(session: $0), tampering: tamper)
        }
        let e = #expect(throws: SyncError.self) { try laptop.sync() }
        #expect(e?.description.contains("failed its checksum") == true, "\(String(describing: e))")
        #expect(tamper.altered > 0, "the link never altered a chunk: the test proved nothing")
        #expect(try laptop.store.stateLines().allSatisfy { !$0.hasPrefix("stock ") }, "an altered chunk was stored")
        // The honest link afterwards: the laptop ends exactly where the city is.
        tamper.on = false
        laptop.client.close()
        try laptop.sync()
        #expect(try laptop.store.stateLines() == city.store.stateLines())
    }
}

/// Whether the link alters snapshot chunks, and how many it altered.
final class Tampering: @unchecked Sendable {
    var on = true
    var altered = 0
}

/// A loopback whose answers are decoded, changed (one stock movement of a snapshot chunk), and re-encoded into
/// valid frames with the chunk's original checksum: a server bug or a middlebox, not line noise.
final class TamperingTransport: SyncTransport {
    let inner: LoopbackTransport
    let tampering: Tampering
    init(inner: LoopbackTransport, tampering: Tampering) { self.inner = inner; self.tampering = tampering }
    func send(_ frame: [UInt8]) throws { try inner.send(frame) }
    func close() { inner.close() }

    func receive() throws -> [UInt8] {
        let frame = try inner.receive()
        guard tampering.on, var response = try? MessageCodec.decodeResponse(try Frame.decode(frame, peer: "server")),
              var pull = response.pull, case .snapshot = pull.position,
              let index = pull.events.firstIndex(where: { if case .stock = $0.payload { true } else { false } }),
              case .stock(var movement) = pull.events[index].payload else { return frame }
        movement.delta += 1000
        let e = pull.events[index]
        pull.events[index] = Event(id: e.id, office: e.office, operator: e.operator, hlc: e.hlc, payload: .stock(movement))
        response.pull = pull
        tampering.altered += 1
        return Frame.encode(body: MessageCodec.encode(response))
    }
}
