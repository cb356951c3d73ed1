import Testing
@testable import Model

@Suite struct HLCTests {
    @Test func localEventsAreStrictlyIncreasingEvenWhenTheWallClockStandsStillOrGoesBack() {
        var clock = HybridClock(node: 1)
        let a = clock.now(physical: 1000)
        let b = clock.now(physical: 1000)
        let c = clock.now(physical: 900)
        #expect(a < b && b < c)
        #expect(c.wall == 1000 && c.counter == 2)
        let d = clock.now(physical: 2000)
        #expect(d == HLC(wall: 2000, counter: 0, node: 1))
    }

    @Test func receiveAdvancesPastTheRemoteTimestamp() {
        var clock = HybridClock(node: 1)
        _ = clock.now(physical: 1000)
        let remote = HLC(wall: 1500, counter: 7, node: 2)
        guard case .merged(let merged) = clock.receive(remote, physical: 1200) else { Issue.record("refused"); return }
        #expect(merged > remote)
        #expect(merged == HLC(wall: 1500, counter: 8, node: 1))
        #expect(clock.now(physical: 1200) > merged)
    }

    @Test func receiveWithEqualWallsTakesTheLargerCounter() {
        var clock = HybridClock(node: 1)
        _ = clock.now(physical: 1000)
        _ = clock.now(physical: 1000)   // counter 1
        guard case .merged(let m) = clock.receive(HLC(wall: 1000, counter: 5, node: 3), physical: 900) else {
            Issue.record("refused"); return
        }
        #expect(m == HLC(wall: 1000, counter: 6, node: 1))
    }

    @Test func aFarFutureTimestampFromAPeerDoesNotDragTheClock() {
        var clock = HybridClock(node: 1, maxDriftMilliseconds: 60_000)
        _ = clock.now(physical: 1_000_000)
        let future = HLC(wall: 1_000_000 + 86_400_000, counter: 0, node: 9)
        #expect(clock.receive(future, physical: 1_000_000) == .rejectedDrift(aheadByMilliseconds: 86_400_000))
        #expect(clock.now(physical: 1_000_001).wall == 1_000_001)
    }

    @Test func orderIsWallThenCounterThenNode() {
        #expect(HLC(wall: 1, counter: 9, node: 9) < HLC(wall: 2, counter: 0, node: 0))
        #expect(HLC(wall: 2, counter: 0, node: 9) < HLC(wall: 2, counter: 1, node: 0))
        #expect(HLC(wall: 2, counter: 1, node: 1) < HLC(wall: 2, counter: 1, node: 2))
    }

    @Test func textFormSortsLikeTheValueAndRoundTrips() {
        var g = SeededGenerator(seed: 7)
        let values = (0..<500).map { _ in
            HLC(wall: Int64.random(in: 0...4_000_000_000_000, using: &g), counter: UInt32.random(in: 0...70_000, using: &g),
                node: UInt64.random(in: 0...UInt64.max, using: &g))
        }
        #expect(values.sorted() == values.sorted { $0.description < $1.description })
        for v in values { #expect(HLC(v.description) == v) }
    }
}
