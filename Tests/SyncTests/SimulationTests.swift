import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// Seeds for the randomized simulations: `DUTYDESK_SYNC_SEEDS=1,2,3` (scripts/test runs several), default two.
/// A malformed or empty list fails the test (see `Seeds.list`) instead of leaving it with no cases.
let simulationSeeds = Seeds.list("DUTYDESK_SYNC_SEEDS", default: [1, 2])

/// The central engines a simulation runs on: SQLite always; PostgreSQL when DUTYDESK_PG_URL names a server
/// (scripts/test starts one). A URL that names no reachable server fails the PostgreSQL cases, never skips them.
enum CentralEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
    static var available: [CentralEngine] {
        (ProcessInfo.processInfo.environment["DUTYDESK_PG_URL"] ?? "").isEmpty ? [.sqlite] : [.sqlite, .postgres]
    }
    /// The server to make a scratch database on (nil: a SQLite file).
    var server: String? { self == .postgres ? ProcessInfo.processInfo.environment["DUTYDESK_PG_URL"] : nil }
}

@Suite(.serialized) struct SimulationTests {
    /// Province, five cities, twelve counties, three townships: 21 offices over four levels.
    static let offices: [RegionCode] = [140000,
        140100, 140200, 140400, 141000, 141100,
        140105, 140106, 140121, 140181, 140212, 140213, 140403, 140404, 141002, 141024, 141102, 141124,
        140121100, 140181100, 141024100]
    static let items = ["tent-12", "quilt", "water-5l", "sandbag"]

    @Test(arguments: CentralEngine.available, simulationSeeds)
    func partitionedOfficesConvergeAfterReconnecting(engine: CentralEngine, seed: Seed) throws {
        let sim = try Simulation(seed: try seed.value, offices: Self.offices, items: Self.items, postgres: engine.server)
        try sim.setUp()
        try sim.runPartitioned(totalEvents: 10_000, rounds: 25)
        try sim.reconnectAll()
        try sim.verify()
    }
}

/// A province of offices making events while mostly cut off, syncing over faulty links now and then.
final class Simulation {
    let seed: UInt64
    let centre: TestCentre
    var rng: SeededGenerator
    let schedule: FaultSchedule
    var offices: [TestOffice] = []
    let items: [String]
    var made = 0
    var stockSum: [String: Int64] = [:]
    var ownAlerts: [RegionCode: [String]] = [:]
    var alertIssuer: [String: RegionCode] = [:]
    var alertCounter = 0
    let label: Comment

    init(seed: UInt64, offices codes: [RegionCode], items: [String], postgres: String? = nil) throws {
        self.seed = seed
        self.items = items
        label = "simulation seed \(seed) on \(postgres == nil ? "SQLite" : "PostgreSQL") (rerun with DUTYDESK_SYNC_SEEDS=\(seed))"
        rng = SeededGenerator(seed: seed)
        schedule = FaultSchedule(seed: seed &* 31 &+ 7, rates: FaultRates())
        let clock = ManualClock()
        centre = try TestCentre(clock: clock, postgres: postgres)
        centre.options.maxDriftMilliseconds = 365 * 86_400_000
        var options = SyncOptions()
        options.pushBatch = 200
        options.pullBatch = 300
        for code in codes {
            // Each office reaches the centre two ways: a clean link (setup, final reconnection) and a faulty one.
            let clean = try TestOffice(code, centre: centre, clock: ManualClock(), options: options)
            offices.append(clean)
        }
        let schedule = self.schedule
        for o in offices {
            let client = SyncClient(store: o.store, options: options) { [centre] in
                FaultyTransport(session: centre.session(office: o.code), schedule: schedule)
            }
            faultyClients[o.code] = client
        }
    }

    var faultyClients: [RegionCode: SyncClient] = [:]

    func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }

    func setUp() throws {
        let province = offices[0]
        for item in items {
            try province.make(.fields(RecordRef(.item, item), ["name": item, "nameEN": item, "category": "shelter", "uom": "件", "uomEN": "pc"]))
        }
        for o in offices {
            try o.depot("D\(o.code)")
            for n in 1...2 { try o.unit("U\(o.code)-\(n)") }
            made += 3
            for item in items { try stock(o, item, Int64.random(in: 50...500, using: &rng)) }
        }
        made += items.count
        for o in offices { try o.sync() }
        for o in offices { try o.sync() }
    }

    func stock(_ o: TestOffice, _ item: String, _ delta: Int64) throws {
        try o.stock("D\(o.code)", item, delta, kind: delta < 0 ? .issue : .receive)
        stockSum["D\(o.code)|\(item)", default: 0] += delta
        made += 1
    }

    func makeEvent(_ o: TestOffice) throws {
        let roll = Int.random(in: 0..<100, using: &rng)
        switch roll {
        case 0..<40:
            let delta = Int64.random(in: -40...60, using: &rng)
            try stock(o, pick(items), delta == 0 ? 1 : delta)
            return
        case 40..<70:
            let unit = "U\(o.code)-\(Int.random(in: 1...2, using: &rng))"
            if let alert = ownAlerts[o.code]?.last, Bool.random(using: &rng) {
                try o.make(.unitStatus(unitID: unit, status: pick([.dispatched, .enRoute, .onScene]), alertID: alert))
            } else {
                try o.make(.unitStatus(unitID: unit, status: pick([.available, .standby, .training, .outOfService]), alertID: nil))
            }
        case 70..<85:
            var q = AlertQuery(); q.limit = 10; q.sort = .newest
            if let a = try o.store.alerts(q).first(where: { !$0.acknowledgedByUs }) {
                try o.make(.acknowledge(alertID: a.id))
            } else {
                try o.make(.fields(RecordRef(.unit, "U\(o.code)-1"), ["contact": "0351-\(roll)"]))
            }
        case 85..<92 where RegionLevel.of(o.code) != .township:
            alertCounter += 1
            let id = "\(o.code)-sim-\(alertCounter)"
            let a = Alert(identifier: id, sender: "\(o.code)@sim", sent: Date(timeIntervalSince1970: 1_780_000_000 + Double(alertCounter)),
                          headline: "预警\(alertCounter)", areas: [o.code], level: pick(WarningLevel.allCases), hazard: .rainstorm)
            try o.make(.alert(a))
            ownAlerts[o.code, default: []].append(id)
            alertIssuer[id] = o.code
        case 92..<95:
            // Cancel an alert issued here or below (a superior may cancel).
            guard let id = alertIssuer.keys.sorted().first(where: { Region.isWithin(alertIssuer[$0]!, o.code) && knows(o, $0) }) else {
                try o.make(.fields(RecordRef(.depot, "D\(o.code)"), ["name": "库\(roll)"]))
                break
            }
            var cancel = Alert(identifier: id + "-x\(roll)", sender: "\(o.code)@sim", sent: Date(timeIntervalSince1970: 1_780_100_000),
                               headline: "取消", areas: [alertIssuer[id]!], level: .blue, hazard: .rainstorm)
            cancel.msgType = .cancel
            cancel.references = [id]
            try o.make(.alert(cancel))
            alertIssuer[id] = nil
        default:
            try o.make(.fields(RecordRef(.unit, "U\(o.code)-2"), ["name": "站\(roll)"]))
        }
        made += 1
    }

    func knows(_ o: TestOffice, _ alert: String) -> Bool { (try? o.store.alert(id: alert)) != nil }

    func runPartitioned(totalEvents: Int, rounds: Int) throws {
        let perRound = totalEvents / rounds
        for _ in 0..<rounds {
            for _ in 0..<perRound {
                let o = pick(offices)
                try makeEvent(o)
                centre.clock.set(milliseconds: max(centre.clock.nowMilliseconds(), o.clock.nowMilliseconds()))
            }
            // A few offices get a faulty link this round; failures are expected and harmless.
            for o in offices where Int.random(in: 0..<100, using: &rng) < 25 {
                _ = try? faultyClients[o.code]!.syncOnce()
            }
        }
    }

    func reconnectAll() throws {
        for pass in 1...6 {
            var quiet = true
            for o in offices {
                let r = try o.sync()
                if r.pushed > 0 || r.pulledNew > 0 || r.waiting > 0 || r.epochChanged { quiet = false }
            }
            if quiet && pass > 1 { return }
        }
        Issue.record("the province did not settle after 6 passes; \(label)")
    }

    func verify() throws {
        #expect(try centre.central.rejections().isEmpty, label)
        let applied = try centre.central.eventCount()
        #expect(applied == made, "\(applied) events at the centre, \(made) made: lost or doubled; \(label)")
        var centreStock = try centre.central.stockTotals()
        centreStock = centreStock.filter { $0.value != 0 || stockSum[$0.key] != nil }
        #expect(centreStock == stockSum.filter { $0.value != 0 || centreStock[$0.key] != nil }, "stock is not the sum of deltas; \(label)")
        for o in offices {
            #expect(try o.store.outboxDepth() == 0, "office \(o.code) queue stuck; \(label)")
            let expected = try reference(for: o.code)
            let actual = try o.store.stateLines()
            if actual != expected {
                let missing = Set(expected).subtracting(actual).sorted().prefix(3)
                let extra = Set(actual).subtracting(expected).sorted().prefix(3)
                Issue.record("office \(o.code) differs from the centre's view: missing \(Array(missing)), extra \(Array(extra)); \(label)")
            }
        }
        #expect(schedule.counts.values.reduce(0, +) > 20, "the fault schedule hardly struck: \(schedule.counts)")
        #expect(schedule.counts.keys.contains { $0.hasPrefix("flip a bit") }, "no bit was flipped: \(schedule.counts)")
    }

    /// The state an office should have: a fresh store fed every central event that office may read.
    func reference(for office: RegionCode) throws -> [String] {
        let ref = try TestStore(office: office, officeName: "office \(office)", operatorName: "ref")
        let scope = ReadScope(office: office)
        var after: Int64 = 0
        let head = try centre.central.head()
        while true {
            let page = try centre.central.log(after: after, through: head, limit: 5_000)
            guard let last = page.last else { break }
            after = last.seq
            try ref.store.ingest(try page.filter { scope.canSee($0.scope) }.map { try $0.event() })
        }
        return try ref.store.stateLines()
    }
}
