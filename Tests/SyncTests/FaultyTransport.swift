import Foundation
import Model
@testable import Sync

/// How often each fault strikes, per frame.
struct FaultRates {
    var drop = 0.03
    var duplicate = 0.03
    var reorder = 0.03
    var truncate = 0.02
    /// One bit of the frame flips on the way (no SSH MAC on a pipe, a file or a serial link).
    var bitFlip = 0.02
    /// The server dies: before handling a request, or part-way through its answer.
    var killServer = 0.02
    /// The client dies part-way through reading answers.
    var killClient = 0.02
    static let none = FaultRates(drop: 0, duplicate: 0, reorder: 0, truncate: 0, bitFlip: 0, killServer: 0, killClient: 0)
}

/// A shared, seeded source of randomness for one fault schedule.
final class FaultSchedule: @unchecked Sendable {
    var rng: SeededGenerator
    let rates: FaultRates
    private(set) var counts: [String: Int] = [:]
    init(seed: UInt64, rates: FaultRates) { rng = SeededGenerator(seed: seed); self.rates = rates }
    func strikes(_ p: Double, _ name: String) -> Bool {
        guard p > 0, Double.random(in: 0..<1, using: &rng) < p else { return false }
        counts[name, default: 0] += 1
        return true
    }
    func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &rng) }
    /// `frame` with one random bit flipped.
    func flipBit(_ frame: [UInt8]) -> [UInt8] {
        guard !frame.isEmpty else { return frame }
        var f = frame
        f[int(0..<f.count)] ^= UInt8(1) << UInt8(int(0..<8))
        return f
    }
}

/// An in-process connection whose frames, both ways, are dropped, duplicated, reordered, cut short or have a bit
/// flipped, and whose ends die, on a seeded schedule.
final class FaultyTransport: SyncTransport {
    private let session: ServerSession
    private let schedule: FaultSchedule
    private var inbox: [[UInt8]] = []
    private var heldRequest: [UInt8]?
    private var dead = false
    private var serverGone = false

    init(session: ServerSession, schedule: FaultSchedule) { self.session = session; self.schedule = schedule }

    private struct ServerKilled: Error {}

    func send(_ frame: [UInt8]) throws {
        guard !dead else { throw SyncError.connection("connection is dead") }
        let s = schedule, r = s.rates
        if s.strikes(r.killServer, "kill server before request") { dead = true; throw SyncError.connection("server killed") }
        if s.strikes(r.drop, "drop request") { return }
        if s.strikes(r.truncate, "truncate request") { try deliver(Array(frame.prefix(s.int(0..<frame.count)))); return }
        if s.strikes(r.bitFlip, "flip a bit of a request") { try deliver(s.flipBit(frame)); return }
        if heldRequest == nil, s.strikes(r.reorder, "reorder request") { heldRequest = frame; return }
        try deliver(frame)
        if s.strikes(r.duplicate, "duplicate request") { try deliver(frame) }
        if let held = heldRequest { heldRequest = nil; try deliver(held) }
    }

    private func deliver(_ frame: [UInt8]) throws {
        guard !serverGone else { return }
        let s = schedule, r = s.rates
        do {
            let keepOpen = try session.handle(frame) { out in
                if s.strikes(r.killServer / 4, "kill server mid-answer") { throw ServerKilled() }
                if s.strikes(r.drop, "drop answer") { return }
                if s.strikes(r.truncate, "truncate answer") { inbox.append(Array(out.prefix(s.int(0..<out.count)))); return }
                if s.strikes(r.bitFlip, "flip a bit of an answer") { inbox.append(s.flipBit(out)); return }
                inbox.append(out)
                if s.strikes(r.duplicate, "duplicate answer") { inbox.append(out) }
                if inbox.count >= 2, s.strikes(r.reorder, "reorder answer") { inbox.swapAt(inbox.count - 1, inbox.count - 2) }
            }
            if !keepOpen { serverGone = true }
        } catch is ServerKilled {
            serverGone = true
        }
    }

    func receive() throws -> [UInt8] {
        guard !dead else { throw SyncError.connection("connection is dead") }
        if schedule.strikes(schedule.rates.killClient, "kill client") { dead = true; throw SyncError.connection("client killed") }
        guard !inbox.isEmpty else { throw SyncError.connection("the server did not answer (timed out)") }
        return inbox.removeFirst()
    }

    func close() { dead = true; inbox.removeAll() }
}
