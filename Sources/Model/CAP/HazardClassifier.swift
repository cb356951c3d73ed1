/// Maps a CAP `event`/`eventCode`/headline to the plan's hazard types, in Chinese or English.
public enum HazardClassifier {
    // Order matters: more specific phrases first (山洪 before 洪水, 森林火 before 火灾).
    private static let rules: [(Hazard, [String])] = [
        (.earthquake, ["地震", "earthquake", "seismic"]),
        (.debrisFlow, ["泥石流", "debris"]),
        (.landslide, ["滑坡", "landslide", "地质灾害"]),
        (.collapse, ["崩塌", "rockfall", "collapse"]),
        (.mountainTorrent, ["山洪", "flash flood", "torrent"]),
        (.urbanWaterlogging, ["内涝", "waterlogging"]),
        (.flood, ["洪水", "汛", "flood"]),
        (.rainstorm, ["暴雨", "rainstorm", "heavy rain", "downpour"]),
        (.snowstorm, ["暴雪", "snowstorm", "blizzard", "heavy snow"]),
        (.highTemperature, ["高温", "heat"]),
        (.freezing, ["寒潮", "低温", "冰冻", "结冰", "霜冻", "冻雨", "cold wave", "frost", "freez", "icy", "ice"]),
        (.hailGale, ["冰雹", "大风", "hail", "gale", "strong wind", "high wind"]),
        (.lightning, ["雷电", "雷暴", "lightning", "thunder"]),
        (.drought, ["干旱", "drought"]),
        (.forestFire, ["森林", "草原火", "forest fire", "wildfire", "grassland fire", "火险"]),
        (.coalMineGas, ["瓦斯", "mine gas", "methane"]),
        (.coalMineWater, ["透水", "水害", "mine water", "inrush"]),
        (.coalMineFire, ["井下发火", "煤矿火", "mine fire"]),
        (.tailingsPond, ["尾矿", "tailings"]),
        (.hazardousChemicals, ["危化", "危险化学", "化学品", "泄漏", "hazmat", "chemical", "toxic", "leak"]),
        (.constructionAccident, ["建筑", "施工", "坍塌", "construction"]),
        (.trafficAccident, ["交通", "相撞", "traffic", "collision", "road accident"]),
        (.fireAccident, ["火灾", "fire"]),
        (.publicHealth, ["公共卫生", "疫情", "传染", "health", "epidemic", "outbreak"]),
    ]

    /// The best matching hazard, or `.other` when nothing matches (fog, haze, dust…).
    public static func classify(_ texts: [String]) -> Hazard {
        for text in texts {
            if let exact = Hazard(rawValue: text) { return exact }
        }
        for (hazard, words) in rules {
            for text in texts {
                let lower = text.lowercased()
                if words.contains(where: { lower.contains($0) }) { return hazard }
            }
        }
        return .other
    }
}
