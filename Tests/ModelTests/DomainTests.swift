import Foundation
import Testing
@testable import Model

@Suite struct DomainTests {
    @Test func regionLevelsAndAncestryFollowGBT2260() {
        #expect(RegionLevel.of(140000) == .province)
        #expect(RegionLevel.of(140100) == .city)
        #expect(RegionLevel.of(140121) == .county)
        #expect(RegionLevel.of(140121100) == .township)
        #expect(Region.lineage(of: 140121100) == [140000, 140100, 140121, 140121100])
        #expect(Region.isWithin(140121, 140100))
        #expect(!Region.isWithin(140121, 140200))
        #expect(!Region.isWithin(140100, 140121))
    }

    @Test func shanxiHasElevenCitiesAndRealCounties() {
        let c = RegionCatalog.shanxi
        #expect(c.regions(at: .city).count == 11)
        #expect(c[141100]?.names.zh == "吕梁市")
        #expect(c.children(of: 140100).count >= 10)
        #expect(c.regions(at: .county, within: 141000).count == 17)
        for r in c.regions { #expect(r.code == 140000 || c[Region.parent(of: r.code)!] != nil, "orphan \(r.code)") }
    }

    @Test func unitStatusRulesRefuseImpossibleMoves() {
        #expect(UnitStatus.available.refusal(to: .dispatched, alert: "A") == nil)
        #expect(UnitStatus.available.refusal(to: .dispatched, alert: nil) == (.needsAlert(.dispatched)))
        #expect(UnitStatus.available.refusal(to: .available, alert: nil) == (.unchanged(.available)))
        #expect(UnitStatus.outOfService.refusal(to: .enRoute, alert: "A") == (.outOfService(.enRoute)))
        #expect(UnitStatus.training.refusal(to: .returning, alert: nil) == (.notCommitted))
        #expect(UnitStatus(loose: "en-route") == .enRoute)
        #expect(UnitStatus(loose: "On Scene") == .onScene)
    }

    @Test func alertStateDerivationRanksCancellationFirst() {
        let now = Date(timeIntervalSince1970: 1000)
        #expect(AlertState.derive(cancelled: true, resolved: true, expires: nil, now: now, respondingUnits: 3, acknowledgments: 1) == .cancelled)
        #expect(AlertState.derive(cancelled: false, resolved: false, expires: Date(timeIntervalSince1970: 999), now: now, respondingUnits: 0, acknowledgments: 0) == .expired)
        #expect(AlertState.derive(cancelled: false, resolved: false, expires: nil, now: now, respondingUnits: 1, acknowledgments: 0) == .responding)
        #expect(AlertState.derive(cancelled: false, resolved: false, expires: nil, now: now, respondingUnits: 0, acknowledgments: 2) == .acknowledged)
    }

    @Test func languageComesFromTheLocale() {
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8"], explicit: "en") == .en)
        #expect(Language.from(environment: [:]) == .en)
    }
}
