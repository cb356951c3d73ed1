import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// The same seeded province (offices creating units and changing their status, syncing in random order) run on
/// SQLite and on PostgreSQL: every office ends in the same state on both engines, and that state is what its
/// scope allows (its own subtree's units, each at its latest status).
@Suite struct CrossEngineSimulationTests {
    static let offices: [RegionCode] = [140000, 140100, 140121, 140200]

    /// Each office's units as "id status name", after the run.
    static func simulate(_ engine: Engine, seed: UInt64) throws -> [RegionCode: [String]] {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        let clock = ManualClock()
        var rng = SplitMix(seed: seed)
        var stores: [RegionCode: TestStore] = [:]
        var clients: [RegionCode: SyncClient] = [:]
        var own: [RegionCode: [String]] = [:]
        for code in offices {
            let t = try TestStore(office: code, officeName: "office \(code)", operatorName: "op", clock: clock)
            var options = SyncOptions()
            options.pullBatch = 1 + Int(rng.next() % 7)
            var server = ServerOptions()
            server.clock = clock
            let central = fresh.backend
            stores[code] = t
            clients[code] = SyncClient(store: t.store, options: options) {
                LoopbackTransport(session: ServerSession(central: central, office: code, options: server))
            }
        }
        for step in 0..<120 {
            let code = offices[Int(rng.next() % UInt64(offices.count))]
            let store = stores[code]!.store
            clock.advance(milliseconds: 1_000)
            switch rng.next() % 3 {
            case 0:
                let id = "u\(code)-\(step)"
                try store.record(.fields(RecordRef(.unit, id), ["kind": "fireRescue", "name": "站\(step)", "region": String(code),
                                                                "strength": "20", "contact": "0351"]))
                own[code, default: []].append(id)
            case 1:
                guard let units = own[code], !units.isEmpty else { continue }
                let unit = units[Int(rng.next() % UInt64(units.count))]
                let status = [UnitStatus.available, .standby, .training][Int(rng.next() % 3)]
                try store.record(.unitStatus(unitID: unit, status: status, alertID: nil))
            default:
                _ = try clients[code]!.syncOnce()
            }
        }
        for _ in 0..<2 { for code in offices { _ = try clients[code]!.syncOnce() } }
        var out: [RegionCode: [String]] = [:]
        for code in offices {
            out[code] = try stores[code]!.store.units(UnitQuery()).map { "\($0.id) \($0.status.rawValue) \($0.name)" }.sorted()
            #expect(try stores[code]!.store.outboxDepth() == 0, "office \(code) still has events to push on \(engine)")
        }
        return out
    }

    @Test(arguments: Seeds.list(default: [3, 4]))
    func bothEnginesBringEveryOfficeToTheSameState(_ seed: Seed) throws {
        let s = try seed.value
        let lite = try Self.simulate(.sqlite, seed: s)
        let pg = try Self.simulate(.postgres, seed: s)
        for code in Self.offices {
            #expect(lite[code] == pg[code], "office \(code) differs between SQLite and PostgreSQL — \(seed)")
        }
        // Scope: the province sees every unit; Taiyuan sees its own and Qingxu's; Datong only its own.
        let all = Set(lite.values.flatMap { $0 })
        #expect(Set(lite[140000] ?? []) == all, "\(seed)")
        #expect((lite[140200] ?? []).allSatisfy { $0.hasPrefix("u140200-") }, "\(seed)")
        #expect((lite[140100] ?? []).allSatisfy { $0.hasPrefix("u140100-") || $0.hasPrefix("u140121-") }, "\(seed)")
        #expect(all.count > 10, "\(seed)")
    }
}
