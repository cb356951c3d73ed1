import Foundation
import Model
import Testing
@testable import Sync

@Suite struct CodecTests {
    static let alert = Alert(identifier: "140100-1780000000-1", sender: "140100@yjgl.shanxi.gov.cn",
                             sent: Date(timeIntervalSince1970: 1_780_000_000), headline: "太原市发布暴雨橙色预警",
                             description: "注意防范", areas: [140100], level: .orange, hazard: .rainstorm)

    static func mixed(count: Int) -> [Event] { MixedWorkload.events(count: count) }

    @Test func everyShapeRoundTrips() throws {
        var events = Self.mixed(count: 200)
        events.append(Event(id: EventID(device: 9, seq: 5), office: 140000, operator: "李娜",
                            hlc: HLC(wall: 1, counter: 7, node: 77), payload: .alert(Self.alert)))
        events.append(Event(id: EventID(device: 9, seq: 3), office: 140000, operator: "李娜",
                            hlc: HLC(wall: -5, counter: 0, node: 9), payload: .fields(RecordRef(.unit, "U1"), ["name": "站", "strength": "30"])))
        events.append(Event(id: EventID(device: 9, seq: 4), office: 140000, operator: "李娜",
                            hlc: HLC(wall: 2, counter: 0, node: 9), payload: .retire(RecordRef(.depot, "D1"))))
        events.append(Event(id: EventID(device: 9, seq: 6), office: 140000, operator: "李娜", hlc: HLC(wall: 3, counter: 0, node: 9),
                            payload: .stock(StockMovement(depot: "D", item: "i", delta: 5, kind: .transferIn, transfer: "T1"))))
        var w = WireWriter()
        EventBatchCodec.encode(events, into: &w)
        var r = WireReader(w.bytes)
        #expect(try EventBatchCodec.decode(&r) == events)
        #expect(r.isAtEnd)
    }

    @Test func tenThousandMixedEventsFitTheByteBudget() throws {
        let events = Self.mixed(count: 10_000)
        let req = SyncRequest(requestID: 1, final: true, epoch: 0x1234_5678_9ABC_DEF0, cursor: LogCursor(seq: 10, tag: 99),
                              snapshot: nil, device: events[0].id.device, ackedThrough: 0, pullLimit: 5_000, events: events)
        let frame = Frame.encode(body: MessageCodec.encode(req))
        let perEvent = Double(frame.count) / Double(events.count)
        #expect(perEvent <= 40, "mean \(perEvent) bytes/event")
        #expect(try MessageCodec.decodeRequest(Frame.decode(frame, peer: "client")) == req)
    }

    @Test func messagesRoundTrip() throws {
        let resp = SyncResponse(requestID: 7, frameIndex: 2, epoch: 42, applied: [1: 10, 2: 3],
                                rejected: [Rejection(id: EventID(device: 1, seq: 9), reason: "office 140121 may not write stock")],
                                quarantined: [EventID(device: 2, seq: 3)],
                                pull: Pull(from: 40, events: Self.mixed(count: 5), position: .snapshot(
                                    SnapshotProgress(target: LogCursor(seq: 100, tag: 5), done: 50), checksum: 77), more: true))
        #expect(try MessageCodec.decodeResponse(MessageCodec.encode(resp)) == resp)
    }

    /// A mutated frame (the unit on the wire) either throws or decodes to exactly the original request.
    @Test func corruptedMessagesFailCleanly() throws {
        let original = SyncRequest(requestID: 1, final: true, epoch: 5, cursor: .start, snapshot: nil,
                                   device: 1, ackedThrough: 0, pullLimit: 10, events: Self.mixed(count: 50))
        let body = Frame.encode(body: MessageCodec.encode(original))
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            var b = body
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1: b.removeLast(Int.random(in: 1..<b.count, using: &rng))
            default: b.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0..<b.count, using: &rng))
            }
            if let decoded = try? MessageCodec.decodeRequest(Frame.decode(b, peer: "client")) {
                #expect(decoded == original, "a corrupted frame decoded to another request")
            }
        }
    }
}
