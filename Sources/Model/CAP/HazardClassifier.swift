/// Maps a CAP `event`/`eventCode`/headline to the plan's hazard types, in Chinese or English.
public enum HazardClassifier {
    // Order matters: more specific phrases first (山洪 before 洪水, 森林火 before 火灾, fire weather before fire).
    // Latin terms are whole words of English, French, German, Spanish, Italian, Portuguese (INMET, IPMA), Dutch, the
    // Nordic languages and Indonesian (BMKG); CJK terms match as phrases: Chinese in Simplified and Traditional forms
    // (Hong Kong, Macao, Taiwan feeds), Japanese and Korean warning names. A bare "rain"/"regen" is no term: it is in
    // "freezing rain" and "gefrierender Regen", which are icing.
    private static let rules: [(Hazard, [String])] = [
        (.earthquake, ["地震", "earthquake", "seismic", "gempa", "gempabumi", "terremoto", "sismo", "séisme", "erdbeben", "지진"]),
        (.debrisFlow, ["泥石流", "土石流", "debris"]),
        (.landslide, ["滑坡", "山泥傾瀉", "landslide", "地质灾害", "地質災害", "tanah longsor", "longsor", "deslizamento", "deslizamentos", "土砂災害", "산사태"]),
        (.collapse, ["崩塌", "rockfall", "collapse"]),
        (.mountainTorrent, ["山洪", "flash flood", "torrent", "banjir bandang"]),
        (.urbanWaterlogging, ["内涝", "渍涝", "淹水", "waterlogging", "alagamento", "alagamentos"]),
        (.flood, ["洪水", "汛", "flood", "flooding", "banjir", "inundação", "inundações", "inondation", "inondations", "crue", "crues",
                  "hochwasser", "inundaciones", "홍수", "overstroming"]),
        (.rainstorm, ["暴雨", "大雨", "豪雨", "降雨", "rainstorm", "heavy rain", "downpour", "rainfall", "starkregen", "dauerregen",
                      "lluvia", "lluvias", "pluie", "pluies", "pioggia", "piogge", "chuva", "chuvas", "hujan", "호우", "precipitação", "zware regen"]),
        (.snowstorm, ["暴雪", "大雪", "snowstorm", "blizzard", "heavy snow", "snow", "snowfall", "snowsquall", "schnee", "schneefall",
                      "neige", "nieve", "nevadas", "neve", "nevicate", "暴風雪", "대설", "schneeverwehung", "schneeverwehungen", "sneeuw", "snø", "snö"]),
        (.highTemperature, ["高温", "高溫", "酷熱", "heat", "heatwave", "hitze", "canicule", "chaleur", "calor", "caldo", "폭염", "熱中症", "temperaturas máximas", "alte temperature", "temperature elevate", "tempo quente", "hitte"]),
        (.freezing, ["寒潮", "低温", "低溫", "寒冷", "冰冻", "冰凍", "结冰", "結冰", "积冰", "霜冻", "霜凍", "冻雨", "凍雨", "cold wave",
                     "extreme cold", "frost", "freeze", "freezing", "icy", "ice", "black ice", "wind chill", "glatteis", "glätte",
                     "verglas", "grand froid", "geada", "helada", "heladas", "gelate", "한파", "cold", "kälte", "froid", "temperaturas mínimas", "basse temperature", "ghiaccio", "tempo frio", "gladheid", "gefrierender regen"]),
        (.hailGale, ["冰雹", "大风", "大風", "強風", "hail", "gale", "strong wind", "high wind", "wind", "winds", "sturm", "sturmböen",
                     "orkan", "orkanböen", "windböen", "viento", "vientos", "vent", "vents", "vento", "venti", "vendaval", "vendavais",
                     "granizo", "angin kencang", "暴風", "강풍", "böen", "windstoten", "kuling", "vind", "tuuli"]),
        (.lightning, ["雷电", "雷電", "雷暴", "雷雨", "lightning", "thunder", "thunderstorm", "thunderstorms", "orage", "orages",
                      "gewitter", "tormenta", "tormentas", "temporale", "temporali", "tempestade", "tempestades", "petir", "낙뢰", "trovoada", "trovoadas", "onweer", "åska", "ukkonen"]),
        (.drought, ["干旱", "乾旱", "drought", "seca", "estiagem", "sequía", "kekeringan", "건조", "가뭄"]),
        (.forestFire, ["森林火", "森林草原火", "草原火", "火災危險", "fire weather", "red flag", "fire danger", "forest fire", "wildfire",
                       "grassland fire", "火险", "火險", "bushfire", "bush fire", "grassfire", "grass fire", "waldbrand",
                       "incêndio florestal", "incêndios florestais", "incêndio rural", "incêndios rurais",
                       "incendio forestal", "incendios forestales", "incendi boschivi", "feux de forêt", "kebakaran hutan", "산불", "skogbrannfare", "metsäpalovaroitus"]),
        (.coalMineGas, ["瓦斯", "mine gas", "methane"]),
        (.coalMineWater, ["透水", "水害", "mine water", "inrush"]),
        (.coalMineFire, ["井下发火", "煤矿火", "mine fire"]),
        (.tailingsPond, ["尾矿", "tailings"]),
        (.hazardousChemicals, ["危化", "危险化学", "化学品", "泄漏", "hazmat", "chemical", "toxic", "leak", "hazardous materials"]),
        (.constructionAccident, ["建筑", "施工", "坍塌", "construction"]),
        (.trafficAccident, ["交通", "相撞", "traffic", "collision", "road accident"]),
        (.fireAccident, ["火灾", "火災", "fire"]),
        (.publicHealth, ["公共卫生", "疫情", "传染", "health", "epidemic", "outbreak"]),
    ]

    /// Hazards the plan has no type for, named in a text: such a text is `.other` even when it also holds a word of a
    /// plan hazard ("Tropical Cyclone Wind Signal", "Freezing Fog Advisory", "Storm Surge / coastal flooding",
    /// "台风暴雨"): the event text is what the desk then shows. Checked before `rules`, for each text in turn.
    private static let outsidePlan: [String] = [
        "tornado", "tornadoes", "waterspout", "typhoon", "hurricane", "cyclone", "tropical storm", "tropical depression",
        "storm surge", "tsunami", "avalanche", "avalanches", "lawinen", "lawine", "volcano", "volcanic", "ashfall", "fog",
        "nebel", "brouillard", "niebla", "nebbia", "nevoeiro", "kabut", "dust", "sandstorm", "smoke", "air quality",
        "台风", "颱風", "热带气旋", "熱帶氣旋", "龙卷", "龍捲", "海啸", "海嘯", "风暴潮", "風暴潮", "雪崩", "火山",
        "大雾", "大霧", "濃霧", "浓雾", "霾", "沙尘", "沙塵", "臭氧", "空气质量", "空氣質素", "空氣品質",
        "polvo", "nieblas", "aludes", "valanghe", "mist", "竜巻", "津波", "噴火", "高潮", "なだれ", "태풍", "황사", "지진해일",
        "미세먼지",
    ]

    /// US SAME / NWS event codes (`<eventCode><valueName>SAME</valueName>`), which say the hazard exactly.
    static let sameCodes: [String: Hazard] = [
        "EQW": .earthquake, "FFW": .mountainTorrent, "FFA": .mountainTorrent, "FFS": .mountainTorrent,
        "FLW": .flood, "FLA": .flood, "FLS": .flood, "BZW": .snowstorm, "WSW": .snowstorm, "WSA": .snowstorm,
        "HWW": .hailGale, "HWA": .hailGale, "SVR": .lightning, "SVA": .lightning, "SVS": .lightning,
        "FRW": .fireAccident, "HMW": .hazardousChemicals, "EHW": .highTemperature, "EHA": .highTemperature,
        "FZW": .freezing, "LSW": .landslide, "EWW": .hailGale, "SQW": .snowstorm, "CFW": .flood, "CFA": .flood,
        // NWS product codes api.weather.gov sends beside SAME (`NationalWeatherService`): Red Flag Warning and Fire
        // Weather Watch are wildfire weather (never level Red), heat/wind/frost advisories; and the hazards the plan
        // has no type for, which stay `.other` whatever words their texts hold.
        "FWW": .forestFire, "FWA": .forestFire, "HTY": .highTemperature, "WIY": .hailGale, "FRY": .freezing, "WCY": .freezing,
        "WCW": .freezing, "TOR": .other, "TOA": .other, "HUW": .other, "HUA": .other, "TRW": .other, "TRA": .other,
        "TSW": .other, "TSA": .other, "AVW": .other, "AVA": .other, "VOW": .other, "SSW": .other, "SSA": .other,
        "DSW": .other, "AQA": .other, "FGY": .other,
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
        "severethunderstorm": .lightning, "severewind": .hailGale, "damagingwinds": .hailGale, "winterstorm": .snowstorm,
        "blowingsnow": .snowstorm, "snowdrift": .snowstorm, "heavysnow": .snowstorm, "icestorm": .freezing, "fireweather": .forestFire,
        "riverflood": .flood, "coastalflood": .flood, "tornado": .other, "hurricane": .other, "tropicalcyclone": .other,
        "typhoon": .other, "tsunami": .other, "stormsurge": .other, "avalanche": .other, "volcano": .other, "fog": .other,
        "airquality": .other, "duststorm": .other,
    ]
    static let awarenessTypes: [Int: Hazard] = [
        1: .hailGale, 2: .snowstorm, 3: .lightning, 5: .highTemperature, 6: .freezing, 8: .forestFire, 10: .rainstorm,
        12: .flood, 13: .flood, 4: .other, 7: .other, 9: .other,
    ]

    /// A code's hazard when the code says it exactly: a hazard's own name, a SAME code, a named code, or a MeteoAlarm
    /// awareness type ("1; Wind"). `.other` is an answer too: a code naming a hazard outside the plan (tornado, fog,
    /// MeteoAlarm's 4 fog, 7 coastal event, 9 avalanche) settles it, so no word of its texts can make it a plan hazard.
    static func exact(code: String) -> Hazard? {
        let c = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if let exact = Hazard(rawValue: c) ?? sameCodes[c.uppercased()] ?? namedCodes[c.lowercased()] { return exact }
        let parts = c.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, let n = Int(parts[0]) { return awarenessTypes[n] }
        return nil
    }

    /// The hazard an alert names: its event codes first (a known code, or a hazard's own name), then each text in
    /// order. Latin words match whole tokens ("Police" is not ice, "covered" not red); Chinese terms, written
    /// without spaces, match as phrases. `.other` when nothing matches, or a text names a hazard outside the plan
    /// (fog, haze, dust, tornado, typhoon…).
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
            let found = Found(text)
            if outsideTerms.matches(found) { return .other }
            for (hazard, terms) in ruleTerms where terms.matches(found) { return hazard }
        }
        return .other
    }

    /// A text as the terms are looked up in it: lowercased, its Latin words in order and as a set, and whether it holds
    /// any CJK at all (most foreign texts do not, so no phrase search runs for them).
    struct Found {
        let words: [String]
        let wordSet: Set<String>
        /// The text's scalar values when it holds any CJK, else empty.
        let cjk: [UInt32]

        init(_ text: String) {
            let lower = text.lowercased()
            words = HazardClassifier.tokens(lower)
            wordSet = Set(words)
            let scalars = lower.unicodeScalars.map(\.value)
            cjk = scalars.contains { $0 > 0x2E80 } ? scalars : []
        }
    }

    /// A list of terms compiled once: single Latin words (a set lookup), Latin phrases (consecutive words), CJK phrases
    /// (substrings). Classifying runs for every imported message, over a few hundred terms.
    struct Terms {
        var single: Set<String> = []
        var phrases: [[String]] = []
        /// CJK terms as scalar values, by their first scalar: a text is scanned once, not searched per term
        /// (Foundation's substring search bridges each call and cost more than the rest of a message).
        var cjk: [UInt32: [[UInt32]]] = [:]

        init(_ terms: [String]) {
            for term in terms {
                let scalars = term.unicodeScalars.map(\.value)
                if scalars.contains(where: { $0 > 0x2E80 }) {
                    cjk[scalars[0], default: []].append(scalars)
                } else {
                    let words = term.split(separator: " ").map(String.init)
                    if words.count == 1 { single.insert(words[0]) } else { phrases.append(words) }
                }
            }
        }

        func matches(_ f: Found) -> Bool {
            if !single.isDisjoint(with: f.wordSet) { return true }
            for phrase in phrases where f.wordSet.contains(phrase[0]) && HazardClassifier.contains(f.words, phrase) { return true }
            guard !cjk.isEmpty else { return false }
            let text = f.cjk
            for i in text.indices {
                guard let candidates = cjk[text[i]] else { continue }
                for term in candidates where term.count <= text.count - i && text[i..<(i + term.count)].elementsEqual(term) {
                    return true
                }
            }
            return false
        }
    }

    static let ruleTerms: [(Hazard, Terms)] = rules.map { ($0.0, Terms($0.1)) }
    static let outsideTerms = Terms(outsidePlan)

    /// True when `phrase` occurs as consecutive words of `words`.
    static func contains(_ words: [String], _ phrase: [String]) -> Bool {
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
