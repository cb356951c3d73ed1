/// The hazards of the provincial emergency plan, grouped as the plan groups them.
public enum Hazard: String, Sendable, Codable, CaseIterable, Named {
    case earthquake
    case landslide, collapse, debrisFlow
    case rainstorm, snowstorm, highTemperature, freezing, hailGale, lightning, drought
    case flood, mountainTorrent, urbanWaterlogging
    case forestFire
    case coalMineGas, coalMineWater, coalMineFire
    case hazardousChemicals, tailingsPond
    case constructionAccident, trafficAccident, fireAccident
    case publicHealth
    /// A warning outside the plan's list (fog, haze, sand and dust…), kept rather than refused.
    case other

    public var names: Names {
        switch self {
        case .earthquake: Names(zh: "地震", en: "Earthquake")
        case .landslide: Names(zh: "滑坡", en: "Landslide")
        case .collapse: Names(zh: "崩塌", en: "Collapse")
        case .debrisFlow: Names(zh: "泥石流", en: "Debris flow")
        case .rainstorm: Names(zh: "暴雨", en: "Rainstorm")
        case .snowstorm: Names(zh: "暴雪", en: "Snowstorm")
        case .highTemperature: Names(zh: "高温", en: "Heat")
        case .freezing: Names(zh: "低温冰冻", en: "Freezing")
        case .hailGale: Names(zh: "冰雹大风", en: "Hail & gale")
        case .lightning: Names(zh: "雷电", en: "Lightning")
        case .drought: Names(zh: "干旱", en: "Drought")
        case .flood: Names(zh: "洪水", en: "Flood")
        case .mountainTorrent: Names(zh: "山洪", en: "Flash flood")
        case .urbanWaterlogging: Names(zh: "城市内涝", en: "Waterlogging")
        case .forestFire: Names(zh: "森林草原火灾", en: "Forest fire")
        case .coalMineGas: Names(zh: "煤矿瓦斯", en: "Mine gas")
        case .coalMineWater: Names(zh: "煤矿水害", en: "Mine water")
        case .coalMineFire: Names(zh: "煤矿火灾", en: "Mine fire")
        case .hazardousChemicals: Names(zh: "危险化学品", en: "Hazmat")
        case .tailingsPond: Names(zh: "尾矿库", en: "Tailings dam")
        case .constructionAccident: Names(zh: "建筑施工事故", en: "Construction")
        case .trafficAccident: Names(zh: "交通事故", en: "Traffic")
        case .fireAccident: Names(zh: "火灾事故", en: "Fire")
        case .publicHealth: Names(zh: "公共卫生", en: "Public health")
        case .other: Names(zh: "其他", en: "Other")
        }
    }

    /// The CAP 1.2 category this hazard belongs to.
    public var capCategory: CAPCategory {
        switch self {
        case .earthquake, .landslide, .collapse, .debrisFlow: .geo
        case .rainstorm, .snowstorm, .highTemperature, .freezing, .hailGale, .lightning, .drought,
             .flood, .mountainTorrent, .urbanWaterlogging: .met
        case .forestFire, .fireAccident, .coalMineFire: .fire
        case .coalMineGas, .coalMineWater, .constructionAccident, .tailingsPond: .safety
        case .hazardousChemicals: .cbrne
        case .trafficAccident: .transport
        case .publicHealth: .health
        case .other: .other
        }
    }
}

/// Chinese warning level: red (I) is the most severe, blue (IV) the least.
public enum WarningLevel: Int, Sendable, Codable, CaseIterable, Comparable, Named {
    case red = 1, orange, yellow, blue

    /// Lower raw value = more severe, so red sorts first.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var roman: String { ["I", "II", "III", "IV"][rawValue - 1] }

    public var names: Names {
        switch self {
        case .red: Names(zh: "红色", en: "Red")
        case .orange: Names(zh: "橙色", en: "Orange")
        case .yellow: Names(zh: "黄色", en: "Yellow")
        case .blue: Names(zh: "蓝色", en: "Blue")
        }
    }

    /// The CAP severity a level maps to when a feed does not say.
    public var capSeverity: CAPSeverity {
        switch self {
        case .red: .extreme
        case .orange: .severe
        case .yellow: .moderate
        case .blue: .minor
        }
    }

    public init?(roman: String) {
        guard let i = ["I", "II", "III", "IV"].firstIndex(of: roman.uppercased()) else { return nil }
        self.init(rawValue: i + 1)
    }
}
