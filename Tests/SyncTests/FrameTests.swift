import Foundation
import Model
import Testing
@testable import Sync

@Suite struct FrameTests {
    @Test func smallBodiesTravelAsTheyAreAndLargeOnesCompressed() throws {
        let small: [UInt8] = Array("hello".utf8)
        let f1 = Frame.encode(body: small)
        #expect(f1.count == Frame.headerSize + small.count + Frame.checksumSize)
        #expect(try Frame.decode(f1, peer: "server") == small)

        let large = [UInt8](repeating: 7, count: 100_000)
        let f2 = Frame.encode(body: large)
        #expect(f2.count < 1_000)
        #expect(try Frame.decode(f2, peer: "server") == large)
    }

    @Test func aNewerPeerGetsTheUpgradeMessage() throws {
        let frame = Frame.encode(body: [1, 2, 3], version: Frame.protocolVersion + 1)
        let error = #expect(throws: SyncError.self) { try Frame.decode(frame, peer: "server") }
        #expect(error?.kind == .versionMismatch)
        #expect(error?.description == "server speaks protocol 3, this dutydesk speaks 2; upgrade this dutydesk")
    }

    @Test func errorTextFramesAreReadableWhateverTheVersion() throws {
        let frame = Frame.encodeError("no office pinned", version: 9)
        let error = #expect(throws: SyncError.self) { try Frame.decode(frame, peer: "server") }
        #expect(error?.kind == .refused)
        #expect(error?.description == "no office pinned")
    }

    @Test func garbageIsACleanErrorNeverACrash() throws {
        let banner = Array("Welcome to Ubuntu 24.04\n".utf8)
        let e1 = #expect(throws: SyncError.self) { try Frame.decode(banner, peer: "server") }
        #expect(e1?.description.contains("not a DutyDesk sync stream") == true)

        var frame = Frame.encode(body: [UInt8](repeating: 1, count: 5_000))
        frame.removeLast(10)
        #expect(throws: SyncError.self) { try Frame.decode(frame, peer: "server") }

        // Oversized length prefix.
        let huge: [UInt8] = [0xDD, 0x53, 1, 0, 0x7F, 0xFF, 0xFF, 0xFF]
        let e2 = #expect(throws: SyncError.self) { try Frame.decode(huge, peer: "server") }
        #expect(e2?.description.contains("exceeds") == true)

        // Random bytes after a valid current-version header (any flags) and a random trailer: the checksum
        // turns every one away.
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let n = Int.random(in: 0..<200, using: &rng)
            let body = (0..<n + Frame.checksumSize).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let f = [0xDD, 0x53, Frame.protocolVersion, UInt8.random(in: 0...3, using: &rng), 0, 0, UInt8(n >> 8), UInt8(n & 0xFF)] + body
            #expect(throws: SyncError.self, "random frame \(f) was accepted") { try Frame.decode(f, peer: "server") }
        }
    }

    @Test func aZipBombIsRefused() throws {
        let bomb = Zlib.compress([UInt8](repeating: 0, count: Frame.maxInflatedBytes + 1_000_000))
        #expect(throws: SyncError.self) { try Zlib.decompress(bomb[...], limit: Frame.maxInflatedBytes) }
    }
}
