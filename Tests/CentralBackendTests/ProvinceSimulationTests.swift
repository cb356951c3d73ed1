import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// The province simulation, smaller (`dutydesk bench province` runs the 300 offices): offices cut off for
/// 72 simulated hours, then all links back at once, eight syncs at a time, each on its own connection. On both
/// engines: nothing lost, nothing applied twice, every office showing exactly what the centre lets it read.
@Suite struct ProvinceSimulationTests {
    @Test(arguments: Engine.allCases)
    func aProvinceCutOffForThreeDaysConvergesWhenTheLinksComeBack(_ engine: Engine) throws {
        let fresh = try FreshCentral(engine)
        defer { withExtendedLifetime(fresh) {} }
        // The province, its cities, eight counties and a township under each of them.
        let all = ProvinceOffices.codes(300)
        let offices = Array(all.prefix(20)) + all.filter { RegionLevel.of($0) == .township }.prefix(8)
        var sim = ProvinceSimulation(offices: offices)
        sim.eventsPerOffice = 40
        sim.seed = 5
        let r = try sim.run(central: fresh.location, directory: fresh.directory.path)
        #expect(r.made == r.atCentre, "\(r.made) made, \(r.atCentre) at the centre on \(engine)")
        #expect(r.rejected == 0 && r.stuck.isEmpty, "on \(engine): \(r.rejected) rejected, stuck \(r.stuck)")
        #expect(r.differing.isEmpty, "offices differing from the centre on \(engine): \(r.differing)")
        #expect(Set(offices.map { RegionLevel.of($0) }).count == 4, "every level takes part")
        #expect(r.made > 1_100)
    }
}
