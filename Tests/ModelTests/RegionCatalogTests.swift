import Foundation
import Testing
@testable import Model

/// The Shanxi catalog from the national code tables (issue 9): all 117 county-level divisions and their townships,
/// so any Shanxi geocode resolves to a name and a place in the tree.
@Suite struct RegionCatalogTests {
    let c = RegionCatalog.shanxi

    @Test func everyCountyLevelDivisionOfShanxiIsThere() {
        let countyLevel = c.regions(at: .county).filter { !RegionCatalog.isZone($0.code) }
        #expect(countyLevel.count == 117, "districts, counties and county-level cities")
        #expect(c.regions(at: .county).count == 121, "with the four zones the statistical tables list beside them")
        #expect(countyLevel.filter { $0.names.zh.hasSuffix("区") }.count == 26)
        #expect(countyLevel.filter { $0.names.zh.hasSuffix("市") }.count == 11)
        #expect(countyLevel.filter { $0.names.zh.hasSuffix("县") }.count == 80)
        #expect(c.regions(at: .township).count == 1352)
        for city in c.regions(at: .city) { #expect(!c.children(of: city.code).isEmpty, "\(city.code) has no counties") }
    }

    @Test func everyRegionHasItsParentAndANameInBothLanguages() {
        for r in c.regions {
            #expect(r.code == 140000 || c[Region.parent(of: r.code)!] != nil, "orphan \(r.code)")
            #expect(!r.names.zh.isEmpty && !r.names.en.isEmpty && r.names.en.allSatisfy { $0.isLetter || $0 == "'" }, "\(r.code) \(r.names.en)")
        }
        #expect(Set(c.regions.map(\.code)).count == c.regions.count)
    }

    @Test func anyShanxiGeocodeResolvesToANameAndAPlaceInTheTree() throws {
        let county = try #require(c.region(geocode: "140428"))
        #expect(county.names.zh == "长子县" && county.names.en == "Zhangzi")
        let township = try #require(c.region(geocode: "141024101"))
        #expect(township.names.zh == "甘亭镇")
        #expect(c.region(geocode: "141024101000")?.code == 141024101, "the 12-digit form of a township code")
        #expect(Region.lineage(of: township.code) == [140000, 141000, 141024, 141024101])
        #expect(c.region(geocode: "140971100")?.names.zh == "台怀镇", "a township under the Wutaishan zone")
        #expect(c.region(geocode: "350000") == nil && c.region(geocode: "006037") == nil && c.region(geocode: "14042") == nil)
        // Through the parser: a township geocode becomes its GB/T 2260 region; a foreign one stays foreign.
        #expect(CAPParser.gbt2260(name: "GB/T 2260", value: "141024101000", catalog: c) == 141024101)
        #expect(CAPParser.gbt2260(name: "", value: "140931", catalog: c) == 140931, "保德县, absent from the old catalog")
        #expect(CAPParser.gbt2260(name: "SAME", value: "140931", catalog: c) == nil)
    }

    /// An <areaDesc> is matched only against names one region has: 城区 (two districts) and 城关镇 (many towns) never.
    @Test func areaNamesMatchOnlyWhenUnique() {
        let names = Set(c.matchableNames.map(\.name))
        #expect(names.contains("保德县") && names.contains("太原市"))
        #expect(!names.contains("城区") && !names.contains("郊区"))
        #expect(c.matchableNames.allSatisfy { RegionLevel.of($0.code) <= .county })
    }
}
