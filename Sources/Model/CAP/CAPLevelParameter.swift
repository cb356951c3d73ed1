import Foundation

/// The warning level a `<parameter>` states, in the forms national feeds use: a colour word in any of several
/// languages ("naranja", "ORANGE", "黄色"), MeteoAlarm's `awareness_level` ("2; yellow; Moderate", whose number is
/// MeteoAlarm's own 1–4 scale where 4 is red, never a level I–IV), and green, which states that there is no warning.
enum CAPLevelParameter {
    /// What a message's parameters say about its level: nothing (`nil`), or a statement, which may be "no level".
    static func stated(_ parameters: [(name: String, value: String)]) -> WarningLevel?? {
        for p in parameters {
            let name = p.name.trimmed.lowercased()
            if CAPParser.levelParameterNames.contains(name), let level = CAPParser.levelFrom(p.value) { return .some(level) }
            guard namesALevel(p.name.trimmed) else { continue }
            if let said = colour(p.value) { return .some(said) }
        }
        return nil
    }

    /// A parameter named for a level or colour by its words ("awareness_level", "rainfall_warning_level",
    /// "AEMET-Meteoalerta nivel", "Warnstufe"): whole tokens, so "waterlevel" or "nivelation" are not.
    static func namesALevel(_ name: String) -> Bool {
        if ["级别", "等级", "颜色", "級別", "等級", "顏色"].contains(where: { name.contains($0) }) { return true }
        return HazardClassifier.tokens(camelSpaced(name)).contains { levelNameWords.contains($0) }
    }

    /// "ColourCode" → "Colour Code", "warningLevel" → "warning Level": a camel-case name's words, so MetService's
    /// `ColourCode` names a colour as `awareness_level` names a level.
    static func camelSpaced(_ name: String) -> String {
        var out = ""
        var previousLower = false
        for ch in name {
            if ch.isUppercase && previousLower { out.append(" ") }
            out.append(ch)
            previousLower = ch.isLowercase
        }
        return out
    }

    static let levelNameWords: Set<String> = ["level", "nivel", "niveau", "livello", "stufe", "warnstufe", "colour", "color", "farbe"]

    /// The colour among a value's `;`/`,`/space-separated tokens: `.some(nil)` for green (no warning), nil when the
    /// value names no colour. Numbers are not read here: their scale depends on the feed.
    static func colour(_ value: String) -> WarningLevel?? {
        let tokens = HazardClassifier.tokens(value) + value.split(whereSeparator: { ";, ".contains($0) }).map { String($0).trimmed.lowercased() }
        for t in tokens {
            if noWarningWords.contains(t) { return .some(nil) }
            for (level, words) in colourWords where words.contains(t) { return .some(level) }
        }
        return nil
    }

    static let noWarningWords: Set<String> = ["green", "grün", "gruen", "verde", "vert", "绿色", "绿", "綠色", "綠"]

    static let colourWords: [(WarningLevel, Set<String>)] = [
        (.red, ["red", "rot", "rouge", "rojo", "rosso", "红", "红色", "紅", "紅色"]),
        (.orange, ["orange", "amber", "naranja", "arancione", "橙", "橙色"]),
        (.yellow, ["yellow", "gelb", "jaune", "amarillo", "giallo", "黄", "黄色", "黃", "黃色"]),
        (.blue, ["blue", "blau", "bleu", "azul", "蓝", "蓝色", "藍", "藍色"]),
    ]
}
