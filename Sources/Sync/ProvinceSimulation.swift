import Foundation
import Model
import Store
import Synchronization

/// A province after a storm: every office connected once, then cut off for `hours` of simulated time while it
/// keeps working (unit statuses, stock, record edits, alerts), then all links come back at once and the offices
/// sync, `workers` at a time, each sync on its own connection to the centre (as each `serve-sync` process has),
/// until a whole pass brings nothing new. Then every office is compared with what the centre lets it read.
///
/// Used by `dutydesk bench province` (300 offices, figures) and, smaller, by the test suite on both engines.
public struct ProvinceSimulation {
    /// What a run did and found.
    public struct Result: Sendable {
        public var offices = 0
        /// Events the offices recorded (set-up and partition).
        public var made = 0
        /// Entries in the centre's log at the end (equal to `made`: nothing lost, nothing applied twice).
        public var atCentre = 0
        public var rejected = 0
        /// Offices whose queue still holds events, and offices whose state differs from the centre's view.
        public var stuck: [RegionCode] = []
        public var differing: [RegionCode] = []
        public var partitionSeconds = 0.0
        /// Wall time from the links coming back until a pass brought nothing new.
        public var reconnectSeconds = 0.0
        public var passes = 0
        public var verifySeconds = 0.0
        public var isClean: Bool { made == atCentre && rejected == 0 && stuck.isEmpty && differing.isEmpty }
    }

    public var offices: [RegionCode]
    public var hours = 72
    /// Events each office records during the partition.
    public var eventsPerOffice = 300
    public var workers = 8
    public var seed: UInt64 = 1

    public init(offices: [RegionCode]) { self.offices = offices }

    /// Runs against the (empty, created) central store at `location`; local stores go in `directory`.
    public func run(central location: String, directory: String) throws -> Result {
        var result = Result()
        result.offices = offices.count
        let start: Int64 = 1_780_000_000_000
        let clock = SimulatedClock(start)
        var server = ServerOptions()
        server.clock = clock
        let stores = try offices.map { code in
            try Store.create(path: (directory as NSString).appendingPathComponent("office-\(code).db"), office: code,
                             officeName: "office \(code)", operatorName: "op\(code % 1000)", clock: clock)
        }
        defer { for s in stores { s.close() } }
        var rng = SeededGenerator(seed: seed)
        var made = 0
        func record(_ s: Store, _ p: EventPayload) throws {
            clock.advance(1)
            try s.record(p)
            made += 1
        }

        // Before the storm: the catalogue, each office's depot, units and stock, and one sync each (twice, so
        // every office also holds what the others published).
        for item in Self.items {
            try record(stores[0], .fields(RecordRef(.item, item), ["name": item, "nameEN": item, "category": "shelter", "uom": "件", "uomEN": "pc"]))
        }
        for (s, code) in zip(stores, offices) {
            try record(s, .fields(RecordRef(.depot, "D\(code)"), ["name": "库\(code)", "level": "city", "region": String(code)]))
            for n in 1...2 {
                try record(s, .fields(RecordRef(.unit, "U\(code)-\(n)"), ["kind": "fireRescue", "name": "站\(code)-\(n)",
                                                                      "region": String(code), "strength": "20", "contact": "0351"]))
            }
            for item in Self.items {
                try record(s, .stock(StockMovement(depot: "D\(code)", item: item, delta: 500, kind: .receive, reason: "入库")))
            }
        }
        _ = try syncAll(stores, location: location, server: server)
        _ = try syncAll(stores, location: location, server: server)

        // The partition: everyone keeps working, nobody syncs.
        let t0 = monotonicSeconds()
        let total = eventsPerOffice * offices.count
        let step = max(1, Int64(hours) * 3_600_000 / Int64(max(total, 1)))
        var alerts = 0
        for _ in 0..<total {
            let i = Int.random(in: 0..<offices.count, using: &rng)
            let (s, code) = (stores[i], offices[i])
            clock.advance(step)
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<40:
                let q = Int64.random(in: 1...40, using: &rng)
                let issue = Bool.random(using: &rng)
                try record(s, .stock(StockMovement(depot: "D\(code)", item: Self.items[Int.random(in: 0..<Self.items.count, using: &rng)],
                                                   delta: issue ? -q : q, kind: issue ? .issue : .receive, reason: "抢险")))
            case 40..<75:
                let status = [UnitStatus.available, .standby, .training, .outOfService][Int.random(in: 0..<4, using: &rng)]
                try record(s, .unitStatus(unitID: "U\(code)-\(Int.random(in: 1...2, using: &rng))", status: status, alertID: nil))
            case 75..<92 where RegionLevel.of(code) != .township:
                alerts += 1
                let a = Alert(identifier: "\(code)-storm-\(alerts)", sender: "\(code)@sim",
                              sent: Date(timeIntervalSince1970: Double(clock.nowMilliseconds()) / 1000), headline: "暴雨预警\(alerts)",
                              areas: [code], level: WarningLevel.allCases[Int.random(in: 0..<WarningLevel.allCases.count, using: &rng)],
                              hazard: .rainstorm)
                try record(s, .alert(a))
            default:
                try record(s, .fields(RecordRef(.unit, "U\(code)-1"), ["contact": "0351-\(Int.random(in: 1000...9999, using: &rng))"]))
            }
        }
        result.partitionSeconds = monotonicSeconds() - t0

        // The links come back.
        let t1 = monotonicSeconds()
        while result.passes < 10 {
            result.passes += 1
            if try !syncAll(stores, location: location, server: server), result.passes > 1 { break }
        }
        result.reconnectSeconds = monotonicSeconds() - t1
        result.made = made

        let t2 = monotonicSeconds()
        try verify(stores, location: location, into: &result, directory: directory)
        result.verifySeconds = monotonicSeconds() - t2
        return result
    }

    static let items = ["tent-12", "quilt", "water-5l", "sandbag"]

    /// One pass: every office syncs once, `workers` at a time. Returns whether anything moved.
    private func syncAll(_ stores: [Store], location: String, server: ServerOptions) throws -> Bool {
        let next = Mutex(0), moved = Mutex(false), failure = Mutex<String?>(nil)
        let group = DispatchGroup()
        let shared = SharedStores(stores: stores, offices: offices)
        for _ in 0..<min(workers, stores.count) {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let central = try CentralStore.open(location)
                    defer { central.close() }
                    while true {
                        let i = next.withLock { n in defer { n += 1 }; return n }
                        guard i < shared.stores.count else { return }
                        let office = shared.offices[i]
                        let client = SyncClient(store: shared.stores[i]) {
                            LoopbackTransport(session: ServerSession(central: central, office: office, options: server))
                        }
                        defer { client.close() }
                        let r = try client.syncOnce()
                        if r.pushed > 0 || r.pulledNew > 0 || r.waiting > 0 || r.epochChanged { moved.withLock { $0 = true } }
                    }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                }
            }.start()
        }
        group.wait()
        if let f = failure.withLock({ $0 }) { throw SyncError.local("province simulation: a sync failed: \(f)") }
        return moved.withLock { $0 }
    }

    /// Nothing lost or doubled at the centre; every office's queue empty and its state what the centre lets it
    /// read (a fresh store fed exactly those events).
    private func verify(_ stores: [Store], location: String, into result: inout Result, directory: String) throws {
        let central = try CentralStore.open(location)
        defer { central.close() }
        result.atCentre = try central.eventCount()
        result.rejected = try central.rejections().count
        var log: [CentralLogEntry] = []
        let head = try central.head()
        var after: Int64 = 0
        while true {
            let page = try central.log(after: after, through: head, limit: 20_000)
            guard let last = page.last else { break }
            log += page
            after = last.seq
        }
        for (s, code) in zip(stores, offices) {
            if try s.outboxDepth() != 0 { result.stuck.append(code) }
            let path = (directory as NSString).appendingPathComponent("reference-\(code).db")
            let reference = try Store.create(path: path, office: code, officeName: "office \(code)", operatorName: "ref")
            defer { reference.close(); try? FileManager.default.removeItem(atPath: path) }
            let scope = ReadScope(office: code)
            try reference.ingest(try log.filter { scope.canSee($0.scope) }.map { try $0.event() })
            if try s.stateLines() != reference.stateLines() { result.differing.append(code) }
        }
    }

}

/// The offices' stores, handed to the sync workers (each store is used by one worker at a time).
private final class SharedStores: @unchecked Sendable {
    let stores: [Store]
    let offices: [RegionCode]
    init(stores: [Store], offices: [RegionCode]) { self.stores = stores; self.offices = offices }
}

/// Simulated time shared by every office and the centre: moves only when the simulation moves it.
final class SimulatedClock: WallClock, @unchecked Sendable {
    private let now: Mutex<Int64>
    init(_ start: Int64) { now = Mutex(start) }
    func nowMilliseconds() -> Int64 { now.withLock { $0 } }
    func advance(_ ms: Int64) { now.withLock { $0 += ms } }
}
