import Foundation

/// The regions DutyDesk knows by name; the built-in set is Shanxi (140000).
public struct RegionCatalog: Sendable {
    public let regions: [Region]
    private let byCode: [RegionCode: Region]
    private let matchable: [(name: String, code: RegionCode)]

    public init(_ regions: [Region]) {
        self.regions = regions
        self.byCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var count: [String: Int] = [:]
        for r in regions { count[r.names.zh, default: 0] += 1 }
        // 城区, 矿区, 郊区 name districts but are also common nouns in any area description: never matched.
        self.matchable = regions.filter { $0.level <= .county && count[$0.names.zh] == 1 && !($0.names.zh.count == 2 && $0.names.zh.hasSuffix("区")) }
            .map { ($0.names.zh, $0.code) }.sorted { $0.name.count != $1.name.count ? $0.name.count > $1.name.count : $0.code < $1.code }
    }

    public subscript(code: RegionCode) -> Region? { byCode[code] }

    /// The region's name, or its code when the catalog does not know it.
    public func name(_ code: RegionCode, _ language: Language) -> String {
        byCode[code]?.name(language) ?? String(code)
    }

    /// Direct children of a region that the catalog knows.
    public func children(of code: RegionCode) -> [Region] {
        regions.filter { Region.parent(of: $0.code) == code }
    }

    /// Regions at one level, optionally inside an ancestor.
    public func regions(at level: RegionLevel, within ancestor: RegionCode? = nil) -> [Region] {
        regions.filter { region in region.level == level && (ancestor.map { Region.isWithin(region.code, $0) } ?? true) }
    }

    /// Shanxi province from the national code tables: its 11 prefecture-level cities, all 117 county-level divisions
    /// (plus the development zones the statistical tables list beside them) and every township under them.
    public static let shanxi = RegionCatalog(ShanxiRegions.all)

    /// The demo province's fixed set of offices (`DemoProvince`).
    public static let demo = RegionCatalog(DemoRegions.all)

    /// The region a GB/T 2260 geocode names: 6 digits (a county, city or province), or a township's 9-digit
    /// statistical code, also when written with its 3-digit village part (12 digits, `…000`). Nil for anything else.
    public func region(geocode: String) -> Region? {
        let digits = geocode.trimmingCharacters(in: .whitespaces)
        guard [6, 9, 12].contains(digits.utf8.count), digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let code = Int(digits.prefix(digits.utf8.count == 6 ? 6 : 9)) else { return nil }
        return byCode[code]
    }

    /// Names of regions down to county level that no other region shares, longest first: what an `<areaDesc>` may be
    /// matched against when a message has no geocode (城区 is two districts' name, 郊区 a common noun: both left out).
    public var matchableNames: [(name: String, code: RegionCode)] { matchable }

    /// True for a development or scenic-area zone the statistical tables list at county level (codes xx71–xx79 under
    /// a city): it holds townships but is not an administrative division.
    public static func isZone(_ code: RegionCode) -> Bool {
        RegionLevel.of(code) == .county && (71...79).contains(code % 100)
    }
}


/// The built-in Shanxi catalog: province and cities by hand (their English names are conventional), counties and
/// townships parsed once from the code table (`ShanxiDivisionTable`).
enum ShanxiRegions {
    static let province = [Region(140000, "山西省", "Shanxi")]

    static let cities = [
        Region(140100, "太原市", "Taiyuan"), Region(140200, "大同市", "Datong"),
        Region(140300, "阳泉市", "Yangquan"), Region(140400, "长治市", "Changzhi"),
        Region(140500, "晋城市", "Jincheng"), Region(140600, "朔州市", "Shuozhou"),
        Region(140700, "晋中市", "Jinzhong"), Region(140800, "运城市", "Yuncheng"),
        Region(140900, "忻州市", "Xinzhou"), Region(141000, "临汾市", "Linfen"),
        Region(141100, "吕梁市", "Lüliang"),
    ]

    /// "code|中文名|English" lines; a malformed line is a bug in the generated table and stops the program at once.
    static func parse(_ text: String) -> [Region] {
        text.split(separator: "\n").map { line in
            let f = line.split(separator: "|", omittingEmptySubsequences: false)
            guard f.count == 3, let code = Int(f[0]) else { preconditionFailure("ShanxiDivisionTable: bad line '\(line)'") }
            return Region(code, String(f[1]), String(f[2]))
        }
    }

    static let all = province + cities + parse(ShanxiDivisionTable.text)
}
