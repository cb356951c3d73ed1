import Foundation
import Model
import Testing
@testable import Sync

/// The wire's payload forms, spelled out as the shipped `EventBatchCodec` wrote them, so moving the wire onto the
/// one payload codec (`EventCodec`) cannot change a byte a peer reads.
@Suite struct WirePayloadFormTests {
    @Test func aStockCountTakesTagSevenWithoutAFlag() throws {
        let m = StockMovement(depot: "D1", item: "tent", delta: 2, kind: .countAdjust, reason: "", observed: 9)
        var w = WireWriter()
        EventCodec.encode(.stock(m), into: &w)
        var expected = WireWriter()
        expected.byte(7)
        expected.string("D1"); expected.string("tent"); expected.varint(2)
        expected.string("countAdjust"); expected.string(""); expected.varint(9); expected.string("")
        #expect(w.bytes == expected.bytes)
        var r = WireReader(w.bytes)
        #expect(try EventCodec.decodePayload(&r) == .stock(m))
    }

    @Test func aMovementTakesTagFourAndAnAlertTravelsAsABlob() throws {
        let m = StockMovement(depot: "D1", item: "tent", delta: -1, kind: .issue, reason: "r")
        var w = WireWriter()
        EventCodec.encode(.stock(m), into: &w)
        #expect(w.bytes.first == 4)
        let alert = CodecTests.alert
        var a = WireWriter()
        EventCodec.encode(.alert(alert), into: &a)
        var expected = WireWriter()
        expected.byte(1)
        expected.blob(EventCodec.encode(.alert(alert)))
        #expect(a.bytes == expected.bytes)
        var r = WireReader(a.bytes)
        #expect(try EventCodec.decodePayload(&r) == .alert(alert))
    }
}
