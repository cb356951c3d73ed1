import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// The shortage order comes from two indexed queries (short lines by fill, then the rest by key); every page of
/// it, at any offset, must be the slice of the one order a reader expects.
@Suite struct ShortageOrderTests {
    @Test func pagesAcrossTheShortAndTheRestAreSlicesOfOneOrder() throws {
        let t = try TestStore(office: 140000)
        try DemoSeeding.ingest(t.store, events: 6000)
        var all = StockQuery()
        all.limit = 100_000
        let rows = try t.store.stock(all)
        let lines = rows.map(\.line)
        let short = lines.filter { $0.quantity < $0.minimum }
        #expect(short.count >= 3, "the sample needs some short lines")
        #expect(lines.count > short.count + 3, "and some that are not")
        func fill(_ l: StockLine) -> Double { Double(l.quantity) / Double(l.minimum) }
        let expected = short.sorted { (fill($0), $0.depot, $0.item) < (fill($1), $1.depot, $1.item) }
            + lines.filter { $0.quantity >= $0.minimum }.sorted { ($0.depot, $0.item) < ($1.depot, $1.item) }
        #expect(lines == expected)

        for limit in [1, 2, short.count, short.count + 1, 7] {
            for offset in [0, 1, short.count - 1, short.count, short.count + 2] where offset >= 0 && limit > 0 {
                var q = StockQuery()
                q.limit = limit
                q.offset = offset
                let page = try t.store.stock(q).map(\.line)
                #expect(page == Array(expected.dropFirst(offset).prefix(limit)), "limit \(limit) offset \(offset)")
            }
        }
        var below = StockQuery()
        below.belowMinimumOnly = true
        below.limit = 100_000
        #expect(try t.store.stock(below).map(\.line) == Array(expected.prefix(short.count)))
    }
}

/// Feeds the first `events` demo events into a store.
enum DemoSeeding {
    static func ingest(_ store: Store, events n: Int) throws {
        var events: [Event] = []
        try DemoProvince(seed: 3, scale: 1, now: date(t0)).generate { if events.count < n { events.append($0) } }
        try store.ingest(events)
    }
}
