import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// A hostile or careless client against the real `dutydesk serve-sync` behind sshd's forced command (office
/// 140121 pinned, central store with the demo province): `eval "$(scripts/ssh-test-setup.sh)"` then
/// `DUTYDESK_SSH_TEST=1 swift test --filter SSHAdversarialTests`. Raw frames go down the ssh pipe; each attack
/// must be refused with a reason and leave the centre as it was. With DUTYDESK_SSH_TEST=1 and no sshd, every
/// test fails (never skips).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DUTYDESK_SSH_TEST"] == "1"))
struct SSHAdversarialTests {
    struct Setup {
        let port: String, user: String, key: String, known: String, central: String
        let office: RegionCode
    }

    static func setup() throws -> Setup {
        let env = ProcessInfo.processInfo.environment
        guard let port = env["DUTYDESK_SSH_PORT"], let user = env["DUTYDESK_SSH_USER"], let key = env["DUTYDESK_SSH_KEY"],
              let known = env["DUTYDESK_SSH_KNOWN_HOSTS"], let central = env["DUTYDESK_SSH_CENTRAL"] else {
            throw SyncError.local("DUTYDESK_SSH_TEST=1 but no sshd: run `eval \"$(scripts/ssh-test-setup.sh)\"` first")
        }
        guard FileManager.default.fileExists(atPath: central) else { throw SyncError.local("no central store at \(central)") }
        return Setup(port: port, user: user, key: key, known: known, central: central,
                     office: Int(env["DUTYDESK_SSH_OFFICE"] ?? "140121") ?? 140121)
    }

    /// A raw connection: ssh runs the forced command, whatever command we ask for.
    static func connect(_ s: Setup) throws -> ProcessTransport {
        try ProcessTransport(executable: SyncOptions().sshExecutable, arguments: [
            "-o", "BatchMode=yes", "-i", s.key, "-o", "UserKnownHostsFile=\(s.known)", "-o", "StrictHostKeyChecking=yes",
            "-o", "IdentitiesOnly=yes", "-p", s.port, "\(s.user)@127.0.0.1", "--", "dutydesk", "serve-sync", "--store", "ignored",
        ], timeout: 30, peer: "server")
    }

    /// What an attack must not change: the epoch, everything other offices wrote, and everything the attacking
    /// devices did. (The honest SSH test may add its own office-140121 events concurrently; those are not compared.)
    static func fingerprint(_ s: Setup, devices: [DeviceID]) throws -> [String] {
        let c = try CentralDatabase.open(path: s.central)
        defer { c.close() }
        var lines = ["epoch \(c.epoch)"]
        var others = 0, lastOther: Int64 = 0
        var after: Int64 = 0
        while true {
            let page = try c.log(after: after, limit: 20_000)
            guard let last = page.last else { break }
            for e in page {
                if devices.contains(e.device) { lines.append("entry \(e.seq) \(e.device):\(e.deviceSeq) \(e.encoded)") }
                if let event = try? e.event(), event.office != s.office { others += 1; lastOther = e.seq }
            }
            after = last.seq
        }
        lines.append("other offices' entries \(others) through \(lastOther)")
        lines += try c.stockTotals().filter { !$0.key.hasPrefix("D\(s.office)|") }.map { "stock \($0.key) \($0.value)" }.sorted()
        for d in devices {
            lines.append("device \(d) applied \(try c.appliedThrough(device: d)) office \(String(describing: try c.deviceOffice(d)))")
        }
        lines += try c.rejections().filter { devices.contains($0.id.device) }.map { "rejected \($0.id) \($0.reason)" }
        return lines
    }

    /// What differs between two fingerprints, briefly (a fingerprint holds every stock line).
    static func changes(_ before: [String], _ after: [String]) -> [String] {
        let a = Set(before), b = Set(after)
        return (a.subtracting(b).sorted().map { "- " + $0.prefix(160) } + b.subtracting(a).sorted().map { "+ " + $0.prefix(160) })
    }

    /// Events in the central log made by `office`, newest last.
    static func events(of office: RegionCode, _ s: Setup, limit: Int = 200_000) throws -> [Event] {
        let c = try CentralDatabase.open(path: s.central)
        defer { c.close() }
        return try c.log(after: 0, limit: limit).compactMap { try? $0.event() }.filter { $0.office == office }
    }

    static func request(device: DeviceID, epoch: UInt64, cursor: LogCursor = .start, snapshot: SnapshotProgress? = nil,
                        acked: Int64 = 0, high: Int64 = 0, events: [Event] = []) -> SyncRequest {
        SyncRequest(requestID: 1, final: true, epoch: epoch, cursor: cursor, snapshot: snapshot, device: device,
                    ackedThrough: acked, deviceHigh: high, pullLimit: 10, events: events)
    }

    static func send(_ s: Setup, _ frame: [UInt8]) throws -> Result<SyncResponse, SyncError> {
        let t = try connect(s)
        defer { t.close() }
        try t.send(frame)
        do { return .success(try MessageCodec.decodeResponse(Frame.decode(t.receive(), peer: "server"))) } catch let e as SyncError {
            return .failure(e)
        }
    }

    static func epoch(_ s: Setup) throws -> UInt64 {
        let c = try CentralDatabase.open(path: s.central)
        defer { c.close() }
        return c.epoch
    }

    static func stock(_ device: DeviceID, seq: Int64, office: RegionCode, depot: String, delta: Int64, reason: String) -> Event {
        Event(id: EventID(device: device, seq: seq), office: office, operator: "adversary",
              hlc: HLC(wall: Int64(Date().timeIntervalSince1970 * 1000), counter: 0, node: device),
              payload: .stock(StockMovement(depot: depot, item: "tent-12", delta: delta, kind: delta < 0 ? .issue : .receive, reason: reason)))
    }

    @Test func aForeignDeviceIdIsRefused() throws {
        let s = try Self.setup()
        let city = try #require(try Self.events(of: 140100, s).last).id.device
        let before = try Self.fingerprint(s, devices: [city])
        let forged = Self.stock(city, seq: 1_000_000, office: s.office, depot: "D\(s.office)", delta: 5, reason: "冒用")
        let result = try Self.send(s, Frame.encode(body: MessageCodec.encode(Self.request(device: city, epoch: try Self.epoch(s), events: [forged]))))
        guard case .failure(let e) = result else { Issue.record("a foreign device was served: \(result)"); return }
        #expect(e.kind == .refused)
        #expect(e.description.contains("is registered to office 140100; this connection is office \(s.office)"), "\(e)")
        #expect(Self.changes(before, try Self.fingerprint(s, devices: [city])) == [])
    }

    @Test func aForgedAlertIdentityOfAnotherOfficeIsRefused() throws {
        let s = try Self.setup()
        // An alert another office issued for an area the county sees; the county re-issues its identifier.
        let theirs = try #require(try Self.events(of: 140100, s).compactMap { e -> Alert? in
            if case .alert(let a) = e.payload, a.references.isEmpty { return a } else { return nil }
        }.first)
        let device = DeviceID.random(in: 1...UInt64.max)
        let before = try Self.fingerprint(s, devices: [device])
        // The same CAP message (sender, identifier, sent) with other content, and a cancel of the city's alert.
        var forged = theirs
        forged.headline = "已解除 (forged)"
        forged.areas = [s.office]
        forged.level = .blue
        var cancel = theirs
        cancel.identifier = "forged-cancel-\(device)"
        cancel.sender = "county@\(s.office)"
        cancel.msgType = .cancel
        cancel.areas = [s.office]
        cancel.references = [theirs.messageID.reference]
        let hlc = HLC(wall: Int64(Date().timeIntervalSince1970 * 1000), counter: 0, node: device)
        let events = [forged, cancel].enumerated().map { i, alert in
            Event(id: EventID(device: device, seq: Int64(i + 1)), office: s.office, operator: "adversary",
                  hlc: HLC(wall: hlc.wall, counter: UInt32(i), node: device), payload: .alert(alert))
        }
        let result = try Self.send(s, Frame.encode(body: MessageCodec.encode(Self.request(device: device, epoch: try Self.epoch(s), high: 2, events: events))))
        let answer = try result.get()
        #expect(answer.rejected.map(\.id) == events.map(\.id))
        #expect(answer.rejected.first?.reason.contains("it was issued by office 140100") == true, "\(answer.rejected)")
        #expect(answer.rejected.last?.reason.contains("may not cancel alert") == true, "\(answer.rejected)")
        // The only change: the rejections (and the device's counter): no log entry, the city's alert untouched.
        let after = try Self.fingerprint(s, devices: [device])
        let changes = Self.changes(before, after)
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { $0.hasPrefix("+ rejected") || $0.contains("device \(device)") }, "\(changes)")
    }

    @Test func forgedPositionsAndAcknowledgmentsAreRefusedOrCorrected() throws {
        let s = try Self.setup()
        let device = DeviceID.random(in: 1...UInt64.max)
        let epoch = try Self.epoch(s)
        let before = try Self.fingerprint(s, devices: [device])
        for forged in [
            Self.request(device: device, epoch: epoch, cursor: LogCursor(seq: 1 << 40, tag: 1)),
            Self.request(device: device, epoch: epoch, snapshot: SnapshotProgress(target: LogCursor(seq: 1 << 40, tag: 1), done: 5)),
        ] {
            let result = try Self.send(s, Frame.encode(body: MessageCodec.encode(forged)))
            guard case .failure(let e) = result else { Issue.record("forged position served: \(result)"); continue }
            #expect(e.kind == .refused && e.description.contains("past this central store's head"), "\(e)")
        }
        #expect(Self.changes(before, try Self.fingerprint(s, devices: [device])) == [], "nothing changed, the epoch least of all")
        // An acknowledgment above what the centre applied gets the real value back; nothing moves.
        let ack = try Self.send(s, Frame.encode(body: MessageCodec.encode(
            Self.request(device: device, epoch: epoch, cursor: LogCursor(seq: 1 << 40, tag: 1), acked: 500, high: 500)))
        )
        #expect(throws: SyncError.self) { try ack.get() }  // the cursor is still forged
        let honest = try Self.send(s, Frame.encode(body: MessageCodec.encode(Self.request(device: device, epoch: epoch, acked: 500, high: 500))))
        #expect(try honest.get().applied[device] == 0)
        #expect(try honest.get().epoch == epoch)
        #expect(Self.changes(before, try Self.fingerprint(s, devices: [device])).allSatisfy { $0.hasPrefix("+ device \(device)") || $0.hasPrefix("- device \(device)") })
    }

    @Test func oversizedAndCorruptedFramesAreRefused() throws {
        let s = try Self.setup()
        let device = DeviceID.random(in: 1...UInt64.max)
        let before = try Self.fingerprint(s, devices: [device])
        // A header announcing more than the limit: refused before a byte of body is read.
        let n = UInt32(Frame.maxBodyBytes + 1)
        let oversized: [UInt8] = [Frame.magic.0, Frame.magic.1, Frame.protocolVersion, 0,
                                  UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
        guard case .failure(let big) = try Self.send(s, oversized) else { Issue.record("an oversized frame was served"); return }
        #expect(big.description.contains("exceeds"), "\(big)")
        // A one-event push with one bit flipped in its body.
        let push = Self.stock(device, seq: 1, office: s.office, depot: "D\(s.office)", delta: 9, reason: "corrupt")
        var frame = Frame.encode(body: MessageCodec.encode(Self.request(device: device, epoch: try Self.epoch(s), high: 1, events: [push])))
        frame[Frame.headerSize + 5] ^= 0x10
        guard case .failure(let bad) = try Self.send(s, frame) else { Issue.record("a corrupted frame was served"); return }
        #expect(bad.kind == .protocolViolation && bad.description.contains("checksum"), "\(bad)")
        #expect(Self.changes(before, try Self.fingerprint(s, devices: [device])) == [])
    }

    @Test func aReplayedRequestChangesNothing() throws {
        let s = try Self.setup()
        let device = DeviceID.random(in: 1...UInt64.max)
        let push = Self.stock(device, seq: 1, office: s.office, depot: "D\(s.office)", delta: 3, reason: "replay")
        let frame = Frame.encode(body: MessageCodec.encode(Self.request(device: device, epoch: try Self.epoch(s), high: 1, events: [push])))
        #expect(try Self.send(s, frame).get().applied[device] == 1)
        let before = try Self.fingerprint(s, devices: [device])
        #expect(before.contains { $0.hasPrefix("entry ") })
        // The same bytes again, on a new connection: acknowledged as a duplicate, applied once.
        #expect(try Self.send(s, frame).get().applied[device] == 1)
        #expect(Self.changes(before, try Self.fingerprint(s, devices: [device])) == [])
        // The same (device, seq) with other content is a conflict, never a duplicate.
        let other = Self.stock(device, seq: 1, office: s.office, depot: "D\(s.office)", delta: 300, reason: "replay, altered")
        let answer = try Self.send(s, Frame.encode(body: MessageCodec.encode(Self.request(device: device, epoch: try Self.epoch(s), high: 1, events: [other])))).get()
        #expect(answer.conflict == 1 && answer.applied[device] == 0, "\(answer)")
        #expect(Self.changes(before, try Self.fingerprint(s, devices: [device])) == [])
    }
}
