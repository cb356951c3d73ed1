import Foundation
import Testing
import TestSupport
@testable import Model

@Suite struct CodecTests {
    static let alert = Alert(identifier: "140100-1-1", sender: "x@y", sent: Date(timeIntervalSince1970: 1_780_000_000),
                             references: ["a", "b"], responseType: .allClear, headline: "太原市气象台发布暴雨橙色预警信号",
                             description: "d", instruction: "i", onset: Date(timeIntervalSince1970: 1_780_000_100),
                             expires: nil, areaDesc: "太原", areas: [140100, 140121],
                             polygon: [GeoPoint(lat: 37.8, lon: 112.5), GeoPoint(lat: 37.9, lon: 112.6)],
                             circle: GeoCircle(center: GeoPoint(lat: 37.85, lon: 112.55), radiusKm: 12.5),
                             level: .orange, hazard: .rainstorm)

    static let payloads: [EventPayload] = [
        .alert(alert),
        .acknowledge(alertID: "140100-1-1"),
        .unitStatus(unitID: "U0100-001", status: .enRoute, alertID: "140100-1-1"),
        .unitStatus(unitID: "U0100-001", status: .available, alertID: nil),
        .stock(StockMovement(depot: "D140100", item: "tent-12", delta: -42, kind: .issue, reason: "救灾")),
        .stock(StockMovement(depot: "D140100", item: "tent-12", delta: 3, kind: .countAdjust, observed: 120, transfer: nil)),
        .fields(RecordRef(.unit, "U1"), ["name": "消防站", "strength": "30"]),
        .retire(RecordRef(.depot, "D1")),
    ]

    @Test func everyPayloadRoundTrips() throws {
        for p in Self.payloads {
            #expect(try EventCodec.decodePayload(EventCodec.encode(p)) == p)
        }
    }

    @Test func eventsRoundTripThroughTheWireForm() throws {
        var w = ByteWriter()
        let events = Self.payloads.enumerated().map { i, p in
            Event(id: EventID(device: 0xABCDEF, seq: Int64(i + 1)), office: 140100, operator: "张伟",
                  hlc: HLC(wall: 1_780_000_000_000 + Int64(i), counter: UInt32(i), node: 0xABCDEF), payload: p)
        }
        for e in events { EventCodec.encode(e, into: &w) }
        var r = ByteReader(w.bytes)
        var back: [Event] = []
        while !r.isAtEnd { back.append(try EventCodec.decodeEvent(&r)) }
        #expect(back == events)
    }

    @Test func truncatedBytesThrow() {
        let bytes = EventCodec.encode(.alert(Self.alert))
        for cut in 0..<bytes.count {
            #expect(throws: DecodeError.self, "cut at \(cut)") { try EventCodec.decodePayload(Array(bytes[0..<cut])) }
        }
        #expect(throws: DecodeError.self, "a trailing byte") { try EventCodec.decodePayload(bytes + [0]) }
    }

    /// The payload codec has no checksum (sync frames carry one and are tested for bit flips in SyncTests), so a
    /// flipped bit may decode to another valid payload. What it must never do is trap or build a value the codec
    /// cannot write back: whatever decodes is a payload that round-trips unchanged. (Byte-for-byte equality is
    /// not required: field order and varint padding are not canonical on input.)
    @Test(arguments: Seeds.list(default: [1, 2, 3]))
    func corruptBytesThrowOrDecodeExactly(seed: Seed) throws {
        var g = SeededGenerator(seed: try seed.value)
        var inputs: [[UInt8]] = []
        for p in Self.payloads {
            let bytes = EventCodec.encode(p)
            for _ in 0..<200 {
                var flipped = bytes
                let bit = Int.random(in: 0..<(bytes.count * 8), using: &g)
                flipped[bit / 8] ^= UInt8(1 << (bit % 8))
                inputs.append(flipped)
            }
        }
        for _ in 0..<2000 {
            inputs.append((0..<Int.random(in: 0...40, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) })
        }
        var decoded = 0, refused = 0
        for input in inputs {
            do {
                let payload = try EventCodec.decodePayload(input)
                decoded += 1
                #expect(try EventCodec.decodePayload(EventCodec.encode(payload)) == payload,
                        "\(input) decoded to \(payload), which does not round-trip; \(seed)")
            } catch is DecodeError {
                refused += 1
            }
        }
        #expect(decoded > 0 && refused > 0, "\(decoded) decoded, \(refused) refused; \(seed)")
    }

    @Test func varintsRoundTripAtTheEdges() throws {
        var w = ByteWriter()
        let values: [Int64] = [0, 1, -1, 63, -64, 64, Int64.max, Int64.min, 1 << 35]
        for v in values { w.varint(v) }
        var r = ByteReader(w.bytes)
        for v in values { #expect(try r.varint() == v) }
    }
}
