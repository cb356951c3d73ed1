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
        (.rainstorm, ["暴雨", "rainstorm", "heavy rain", "downpour", "rainfall", "starkregen", "dauerregen", "lluvias", "pluie"]),
        (.snowstorm, ["暴雪", "snowstorm", "blizzard", "heavy snow"]),
        (.highTemperature, ["高温", "heat", "heatwave", "hitze", "canicule", "calor"]),
        (.freezing, ["寒潮", "低温", "冰冻", "结冰", "霜冻", "冻雨", "cold wave", "frost", "freeze", "freezing", "icy", "ice", "black ice", "wind chill", "glatteis"]),
        (.hailGale, ["冰雹", "大风", "hail", "gale", "strong wind", "high wind", "wind", "winds", "sturm", "sturmböen", "orkan", "viento", "vientos"]),
        (.lightning, ["雷电", "雷暴", "lightning", "thunder", "thunderstorm", "thunderstorms", "orage", "orages", "gewitter"]),
        (.drought, ["干旱", "drought"]),
        (.forestFire, ["森林火", "森林草原火", "草原火", "forest fire", "wildfire", "grassland fire", "火险", "bushfire", "bush fire", "grassfire", "grass fire", "waldbrand"]),
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

    /// US SAME / NWS event codes (`<eventCode><valueName>SAME</valueName>`), which say the hazard exactly.
    static let sameCodes: [String: Hazard] = [
        "EQW": .earthquake, "FFW": .mountainTorrent, "FFA": .mountainTorrent, "FFS": .mountainTorrent,
        "FLW": .flood, "FLA": .flood, "FLS": .flood, "BZW": .snowstorm, "WSW": .snowstorm, "WSA": .snowstorm,
        "HWW": .hailGale, "HWA": .hailGale, "SVR": .lightning, "SVA": .lightning, "SVS": .lightning,
        "FRW": .fireAccident, "HMW": .hazardousChemicals, "EHW": .highTemperature, "EHA": .highTemperature,
        "FZW": .freezing, "LSW": .landslide,
    ]

    /// Event codes other feeds use as whole values, lowercased: Canadian CAP-CP events, Australian CAP-AU events, DWD
    /// `GROUP`s; and MeteoAlarm `awareness_type`s ("10; rain"), looked up by their number.
    static let namedCodes: [String: Hazard] = [
        "rainfall": .rainstorm, "rain": .rainstorm, "snowfall": .snowstorm, "blizzard": .snowstorm, "snowsquall": .snowstorm,
        "freezingrain": .freezing, "freezingdrizzle": .freezing, "frost": .freezing, "glaze": .freezing, "coldwave": .freezing,
        "extremecold": .freezing, "heat": .highTemperature, "heatwave": .highTemperature, "wind": .hailGale, "hail": .hailGale,
        "thunderstorm": .lightning, "flood": .flood, "flooding": .flood, "flashflood": .mountainTorrent, "forestfire": .forestFire,
        "wildfire": .forestFire, "bushfire": .forestFire, "grassfire": .forestFire, "drought": .drought,
        "earthquake": .earthquake, "landslide": .landslide, "chemical": .hazardousChemicals,
    ]
    static let awarenessTypes: [Int: Hazard] = [
        1: .hailGale, 2: .snowstorm, 3: .lightning, 5: .highTemperature, 6: .freezing, 8: .forestFire, 10: .rainstorm,
        12: .flood, 13: .flood,
    ]

    /// A code's hazard when the code says it exactly: a hazard's own name, a SAME code, a named code, or a MeteoAlarm
    /// awareness type ("1; Wind"; 4 fog, 7 coastal event, 9 avalanche have no hazard of the plan).
    static func exact(code: String) -> Hazard? {
        let c = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if let exact = Hazard(rawValue: c) ?? sameCodes[c.uppercased()] ?? namedCodes[c.lowercased()] { return exact }
        let parts = c.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, let n = Int(parts[0]) { return awarenessTypes[n] }
        return nil
    }

    /// The hazard an alert names: its event codes first (a known code, or a hazard's own name), then each text in
    /// order. Latin words match whole tokens ("Police" is not ice, "covered" not red); Chinese terms, written
    /// without spaces, match as phrases. `.other` when nothing matches (fog, haze, dust, tornado…).
    public static func classify(eventCodes: [String], texts: [String]) -> Hazard {
        for code in eventCodes {
            if let exact = exact(code: code) { return exact }
        }
        return classify(eventCodes + texts)
    }

    /// The best matching hazard of the first text that names one, or `.other`.
    public static func classify(_ texts: [String]) -> Hazard {
        for text in texts {
            if let exact = Hazard(rawValue: text) { return exact }
        }
        for text in texts {
            let lower = text.lowercased()
            let words = tokens(lower)
            for (hazard, terms) in rules where terms.contains(where: { matches($0, lower, words) }) { return hazard }
        }
        return .other
    }

    static func matches(_ term: String, _ lower: String, _ words: [String]) -> Bool {
        if term.unicodeScalars.contains(where: { $0.value > 0x2E80 }) { return lower.contains(term) }
        let phrase = term.split(separator: " ").map(String.init)
        guard phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if Array(words[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }

    /// Lowercase Latin words of a text (letters and digits; everything else separates).
    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) || $0.unicodeScalars.first!.value > 0x2E80 }.map(String.init)
    }
}
