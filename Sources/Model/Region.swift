/// A GB/T 2260 administrative division code (6 digits; townships use 9-digit statistical codes).
public typealias RegionCode = Int

/// Level in the province → city → county → township chain of command.
public enum RegionLevel: Int, Sendable, Codable, Comparable, CaseIterable, Named {
    case province = 1, city, county, township

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var names: Names {
        switch self {
        case .province: Names(zh: "省级", en: "province")
        case .city: Names(zh: "市级", en: "city")
        case .county: Names(zh: "县级", en: "county")
        case .township: Names(zh: "乡镇", en: "township")
        }
    }

    /// The level a code denotes by its shape (GB/T 2260: PP0000, PPCC00, PPCCDD; 9 digits township).
    public static func of(_ code: RegionCode) -> RegionLevel {
        if code >= 100_000_000 { return .township }
        if code % 10_000 == 0 { return .province }
        if code % 100 == 0 { return .city }
        return .county
    }
}

/// An administrative region with its bilingual name.
public struct Region: Sendable, Hashable, Codable, Named {
    public let code: RegionCode
    public let names: Names
    public var level: RegionLevel { RegionLevel.of(code) }
    public init(_ code: RegionCode, _ zh: String, _ en: String) {
        self.code = code
        self.names = Names(zh: zh, en: en)
    }

    /// The enclosing region's code by GB/T 2260 structure, nil for a province.
    public static func parent(of code: RegionCode) -> RegionCode? {
        switch RegionLevel.of(code) {
        case .province: return nil
        case .city: return code / 10_000 * 10_000
        case .county: return code / 100 * 100
        case .township: return code / 1000
        }
    }

    /// The province a code lies in (itself for a province).
    public static func province(of code: RegionCode) -> RegionCode {
        var current = code
        while let up = parent(of: current) { current = up }
        return current
    }

    /// True when `code` is `ancestor` or lies inside it.
    public static func isWithin(_ code: RegionCode, _ ancestor: RegionCode) -> Bool {
        var current: RegionCode? = code
        while let c = current {
            if c == ancestor { return true }
            current = parent(of: c)
        }
        return false
    }

    /// The chain from the province down to `code`, inclusive.
    public static func lineage(of code: RegionCode) -> [RegionCode] {
        var chain: [RegionCode] = []
        var current: RegionCode? = code
        while let c = current { chain.append(c); current = parent(of: c) }
        return chain.reversed()
    }
}
