import Foundation
import Model
import Store

/// Brings the demo province to life: new alerts, unit movements and stock issues from other offices,
/// at a human pace, written as events from a simulated device so they never enter this store's outbox.
final class DemoSimulator {
    private let store: Store
    private var rng: SeededGenerator
    private let device: DeviceID
    private var seq: Int64 = 0
    private var clock: HybridClock
    private var nextAt: Date
    private let wall: any WallClock
    private var counter = 0

    init(store: Store, seed: UInt64, wall: any WallClock = SystemClock()) {
        self.store = store
        self.rng = SeededGenerator(seed: seed ^ 0x5EED)
        self.device = 0xD5_0000_0000_0000 | UInt64.random(in: 0...0xFFFF_FFFF)
        self.clock = HybridClock(node: device)
        self.wall = wall
        self.nextAt = Date().addingTimeInterval(3)
    }

    /// Called from the console loop; does at most one write, when its moment has come.
    func step(now: Date = Date()) {
        guard now >= nextAt else { return }
        nextAt = now.addingTimeInterval(Double.random(in: 3...9, using: &rng))
        do {
            // The first thing an officer sees happen is a new warning coming in.
            let roll = counter == 0 ? 0 : Int.random(in: 0..<10, using: &rng)
            switch roll {
            case 0..<3: try newAlert(now)
            case 3..<7: try moveUnit(now)
            default: try moveStock(now)
            }
        } catch {
            // The simulator is decoration: a failed write (e.g. a locked store) is skipped, never fatal.
        }
    }

    private func emit(_ office: RegionCode, _ payload: EventPayload) throws {
        seq += 1
        let hlc = clock.now(physical: wall.nowMilliseconds())
        let op = DemoCatalog.operators.randomElement(using: &rng) ?? "值班员"
        try store.ingest([Event(id: EventID(device: device, seq: seq), office: office, operator: op, hlc: hlc, payload: payload)])
    }

    private func newAlert(_ now: Date) throws {
        let counties = RegionCatalog.demo.regions(at: .county)
        let area = counties[Int.random(in: 0..<counties.count, using: &rng)]
        let hazard = DemoCatalog.hazardMix[Int.random(in: 0..<DemoCatalog.hazardMix.count, using: &rng)]
        let level = WarningLevel(rawValue: [1, 2, 2, 3, 3, 3, 4, 4][Int.random(in: 0..<8, using: &rng)])!
        counter += 1
        let headline = DemoCatalog.headline(hazard, level: level, area: area.names.zh,
                                            magnitude: Double.random(in: 3.0...5.5, using: &rng))
        // Named by the simulated device and the sequence number its event will carry, as Store names records:
        // unique however many simulators run in the same second.
        let alert = Alert(identifier: "\(area.code)-\(String(device, radix: 16))-\(seq + 1)",
                          sender: "\(area.code)@yjgl.shanxi.gov.cn", sent: now,
                          urgency: level <= .orange ? .immediate : .expected, headline: headline,
                          description: "\(area.names.zh)\(DemoCatalog.issuer(hazard))发布：\(headline)。",
                          instruction: level <= .orange ? "立即启动应急响应。" : "加强监测。",
                          onset: now, expires: now.addingTimeInterval(12 * 3600), areaDesc: area.names.zh,
                          areas: [area.code], level: level, hazard: hazard)
        try emit(area.code, .alert(alert))
    }

    private func moveUnit(_ now: Date) throws {
        var q = UnitQuery()
        q.sort = .recent
        q.limit = 60
        let units = try store.units(q)
        guard !units.isEmpty else { return }
        let u = units[Int.random(in: 0..<units.count, using: &rng)]
        let next: UnitStatus
        var alert: String? = u.servingAlert
        switch u.status {
        case .available, .standby:
            var aq = AlertQuery()
            aq.activeOnly = true
            aq.limit = 10
            guard let target = try store.alerts(aq).randomElement(using: &rng) else { return }
            next = .dispatched
            alert = target.key
        case .dispatched: next = .enRoute
        case .enRoute: next = .onScene
        case .onScene: next = .returning
        case .returning, .training: next = .available; alert = nil
        case .outOfService: next = .standby; alert = nil
        }
        try emit(u.owner, .unitStatus(unitID: u.id, status: next, alertID: next.isCommitted || next == .returning ? alert : nil))
    }

    private func moveStock(_ now: Date) throws {
        var q = StockQuery()
        q.sort = .depot
        q.limit = 200
        let lines = try store.stock(q)
        guard !lines.isEmpty else { return }
        let row = lines[Int.random(in: 0..<lines.count, using: &rng)]
        let issue = row.line.quantity > row.line.minimum && Bool.random(using: &rng)
        let qty = max(1, row.line.minimum / 10)
        try emit(row.depot.owner, .stock(StockMovement(depot: row.depot.id, item: row.item.id,
                                                       delta: issue ? -min(qty, row.line.quantity) : qty,
                                                       kind: issue ? .issue : .receive,
                                                       reason: issue ? "救灾发放" : "补充入库")))
    }
}
