import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

@Suite struct TransportTests {
    @Test func framesCrossRealPipesToAChildProcess() throws {
        // `cat` echoes every frame back: framing over pipes, partial reads, large frames.
        let t = try ProcessTransport(executable: "/bin/cat", arguments: [], timeout: 10, peer: "server")
        defer { t.close() }
        for size in [0, 10, 70_000, 1_000_000] {
            let frame = Frame.encode(body: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try t.send(frame)
            #expect(try t.receive() == frame)
        }
    }

    @Test func aFailingRemoteSaysWhatItPrinted() throws {
        let t = try ProcessTransport(executable: "/bin/sh", arguments: ["-c", "echo 'Permission denied (publickey).' >&2; exit 255"],
                                     timeout: 10, peer: "server")
        defer { t.close() }
        let e = #expect(throws: SyncError.self) { _ = try t.receive() }
        #expect(e?.kind == .connection)
        #expect(e?.description.contains("Permission denied (publickey).") == true)
    }

    @Test func aSilentRemoteTimesOut() throws {
        let t = try ProcessTransport(executable: "/bin/sleep", arguments: ["2"], timeout: 0.3, peer: "server")
        defer { t.close() }
        let e = #expect(throws: SyncError.self) { _ = try t.receive() }
        #expect(e?.description.contains("did not answer") == true)
    }

    @Test func theServeLoopAnswersOverPipesAndStopsOnGarbage() throws {
        let centre = try TestCentre()
        let office = try TestOffice(140100, centre: centre)
        try office.depot("D140100")
        // Server side on one pipe pair, client side on the other, in this process.
        var toServer: [Int32] = [0, 0], toClient: [Int32] = [0, 0]
        #expect(pipe(&toServer) == 0 && pipe(&toClient) == 0)
        let serverSide = FileDescriptorTransport(input: toServer[0], output: toClient[1], timeout: nil, peer: "client", ownsDescriptors: true)
        let server = ServerEnd(session: centre.session(office: 140100), transport: serverSide)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { server.run(); done.signal() }
        thread.start()
        let clientSide = FileDescriptorTransport(input: toClient[0], output: toServer[1], timeout: 10, peer: "server", ownsDescriptors: true)
        let client = SyncClient(store: office.store) { clientSide }
        let r = try client.syncOnce()
        #expect(r.pushed == 1 && r.roundTrips == 1)
        try clientSide.send(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        let e = #expect(throws: SyncError.self) { _ = try Frame.decode(try clientSide.receive(), peer: "server") }
        #expect(e?.description.contains("not a DutyDesk sync stream") == true)
        clientSide.close()
        #expect(done.wait(timeout: .now() + 10) == .success)
    }
}

@Suite struct BackgroundSyncTests {
    @Test func statusGoesOfflineBacksOffThenRecovers() throws {
        let centre = try TestCentre()
        let test = try TestStore(office: 140100)
        let link = LinkSwitch()
        let client = SyncClient(store: test.store) {
            guard link.up else { throw SyncError.connection("network is unreachable") }
            return LoopbackTransport(session: centre.session(office: 140100))
        }
        let clock = ManualClock()
        let bg = BackgroundSync(client: client, interval: 30, backoff: SyncBackoff(initial: 2, maximum: 60, jitter: 0.5),
                                now: { clock.now }, random: { 0 })
        try test.store.record(.fields(RecordRef(.depot, "D140100"), ["name": "库", "region": "140100"]))
        #expect(bg.status.waiting == 1 && !bg.status.online)

        #expect(bg.step() == 2)
        #expect(bg.step() == 4)
        #expect(bg.step() == 8)
        var s = bg.status
        #expect(!s.online && s.consecutiveFailures == 3 && s.lastError == "network is unreachable" && s.waiting == 1)
        #expect(s.lastSuccess == nil)

        link.up = true
        clock.advance(by: 8)
        #expect(bg.step() == 30)
        s = bg.status
        #expect(s.online && s.waiting == 0 && s.lastError == nil && s.lastSuccess == clock.now && s.consecutiveFailures == 0)
    }

    @Test func theThreadRunsAndTriggerNowCutsTheWaitShort() throws {
        let centre = try TestCentre()
        let test = try TestStore(office: 140100)
        let client = SyncClient(store: test.store) { LoopbackTransport(session: centre.session(office: 140100)) }
        let bg = BackgroundSync(client: client, interval: 3_600)
        bg.start()
        defer { bg.stop() }
        try waitUntil { bg.status.online }
        try test.store.record(.fields(RecordRef(.depot, "D140100"), ["name": "库", "region": "140100"]))
        bg.triggerNow()
        try waitUntil { (try? centre.db.eventCount()) == 1 }
    }

    func waitUntil(_ condition: () -> Bool) throws {
        for _ in 0..<500 { if condition() { return }; usleep(10_000) }
        Issue.record("timed out waiting")
    }
}

final class LinkSwitch: @unchecked Sendable { var up = false }

/// The server half of a pipe test, run on its own thread (handed over whole, never shared).
final class ServerEnd: @unchecked Sendable {
    let session: ServerSession
    let transport: FileDescriptorTransport
    init(session: ServerSession, transport: FileDescriptorTransport) { self.session = session; self.transport = transport }
    func run() { try? SyncServer.serve(session, over: transport); transport.close() }
}
