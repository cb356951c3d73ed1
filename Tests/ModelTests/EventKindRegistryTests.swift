import Foundation
import Testing
@testable import Model

/// The kind registry is the one place kinds are numbered; these pin the numbers stored files and peers hold.
@Suite struct EventKindRegistryTests {
    @Test func codesAndTagsAreUniqueAndNeverReserved() {
        #expect(Set(EventKind.all.map(\.code)).count == EventKind.all.count)
        #expect(Set(EventKind.all.map(\.tag)).count == EventKind.all.count)
        for kind in EventKind.all {
            #expect(!EventKind.reservedCodes.contains(kind.code), "\(kind) takes a reserved code")
            #expect(EventKind.code(Int(kind.code)) == kind)
            #expect(EventKind.tag(kind.tag) == kind)
        }
    }

    @Test func shippedKindsKeepTheirNumbersAndTags() {
        let shipped: [(UInt8, String)] = [(1, "alert"), (2, "ack"), (3, "unitStatus"), (4, "stock"), (5, "fields"), (6, "retire")]
        for (code, tag) in shipped {
            #expect(EventKind.code(Int(code))?.tag == tag)
        }
        // Only last-writer-wins kinds may be dropped from a central snapshot (was `kind == 3 || kind == 5`).
        #expect(EventKind.all.filter(\.isSupersedable).map(\.code) == [3, 5])
    }

    /// The store's bytes of a stock count, spelled out as the shipped format wrote them: tag 4, then a presence flag.
    @Test func storeFormOfAStockCountIsUnchanged() throws {
        let m = StockMovement(depot: "D1", item: "tent", delta: -3, kind: .countAdjust, reason: "count", observed: 17)
        var expected = ByteWriter()
        expected.byte(4)
        for s in ["D1", "tent"] { expected.string(s) }
        expected.varint(-3)
        expected.string("countAdjust")
        expected.string("count")
        expected.bool(true)
        expected.varint(17)
        expected.string("")
        #expect(EventCodec.encode(.stock(m)) == expected.bytes)
        #expect(try EventCodec.decodePayload(expected.bytes) == .stock(m))
    }

    @Test func anUnknownTagFailsClearly() {
        #expect(throws: DecodeError.self) { try EventCodec.decodePayload([7, 0]) }
        #expect(throws: DecodeError.self) { try EventCodec.decodePayload([200]) }
    }
}
