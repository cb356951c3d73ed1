import Foundation
import Testing
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

    @Test func truncatedOrCorruptBytesThrowInsteadOfCrashing() {
        let bytes = EventCodec.encode(.alert(Self.alert))
        for cut in stride(from: 0, to: bytes.count - 1, by: 3) {
            #expect(throws: DecodeError.self) { try EventCodec.decodePayload(Array(bytes[0..<cut])) }
        }
        var g = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let junk = (0..<Int.random(in: 0...40, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            _ = try? EventCodec.decodePayload(junk)   // must not trap
        }
    }

    @Test func varintsRoundTripAtTheEdges() throws {
        var w = ByteWriter()
        let values: [Int64] = [0, 1, -1, 63, -64, 64, Int64.max, Int64.min, 1 << 35]
        for v in values { w.varint(v) }
        var r = ByteReader(w.bytes)
        for v in values { #expect(try r.varint() == v) }
    }
}
