import Model

/// What must survive when text is cut: the hazard and colour words of a headline, a name without the prefix every
/// row of the view shares.
enum Essentials {
    /// Colour words as headlines write them, both languages (a Chinese headline in an English console stays Chinese).
    private static func colourWords(_ level: WarningLevel?) -> [String] {
        guard let level else { return [] }
        return [level.names.zh, level.names.en, level.names.en.lowercased(), level.names.en.uppercased()]
    }

    /// The first place `word` stands in `text` as a word: Latin words not inside a longer one ("red" is not in
    /// "hundred"); Chinese words anywhere.
    static func find(_ word: String, in text: String) -> Range<String.Index>? {
        guard !word.isEmpty else { return nil }
        let latin = word.unicodeScalars.allSatisfy(\.isASCII)
        var from = text.startIndex
        while let r = text.range(of: word, range: from..<text.endIndex) {
            let before = r.lowerBound > text.startIndex ? text[text.index(before: r.lowerBound)] : " "
            let after = r.upperBound < text.endIndex ? text[r.upperBound] : " "
            if !latin || (!before.isLetter && !after.isLetter) { return r }
            from = text.index(after: r.lowerBound)
        }
        return nil
    }

    /// Where the words that matter start in `headline`: the hazard's name, or, when the headline words the hazard
    /// its own way, the clause holding the colour word (after 发布 / a comma / a space before it). Nil when the
    /// headline names neither, or they already start it.
    static func start(of headline: String, hazard: Hazard, level: WarningLevel?) -> String.Index? {
        let hazardHit = [hazard.names.zh, hazard.names.en, hazard.names.en.lowercased()]
            .compactMap { find($0, in: headline)?.lowerBound }.min()
        let colourHit = colourWords(level).compactMap { find($0, in: headline)?.lowerBound }.min()
        var start: String.Index?
        if let h = hazardHit, colourHit.map({ h <= $0 }) ?? true {
            start = h
        } else if let c = colourHit {
            // Back up to the clause the colour word is in, at most eight characters (the hazard word before it).
            var i = c
            var steps = 0
            while i > headline.startIndex, steps < 8 {
                let before = headline.index(before: i)
                if "、，,：:；; （(".contains(headline[before]) { break }
                if headline[headline.startIndex..<i].hasSuffix("发布") || headline[headline.startIndex..<i].hasSuffix("发生") { break }
                i = before
                steps += 1
            }
            start = i
        }
        guard let start, start > headline.startIndex else { return nil }
        return start
    }

    /// The headline for a cell `width` columns wide: whole when it fits, cut at the end when the cut keeps the hazard
    /// and colour; otherwise the issuer is abbreviated to "…" and the words from the hazard on come first.
    static func headline(_ headline: String, hazard: Hazard, level: WarningLevel?, width: Int, mark: String = "") -> String {
        // A watermark ("[演练] ", "[TEST] ") leads whatever is cut: an exercise must never read as a live alert.
        if !mark.isEmpty, headline.hasPrefix(mark) {
            let rest = String(headline.dropFirst(mark.count))
            return mark + Self.headline(rest, hazard: hazard, level: level, width: width - Text.width(mark))
        }
        guard width > 0, Text.width(headline) > width,
              let start = start(of: headline, hazard: hazard, level: level) else { return headline }
        let head = String(headline[..<start]), tail = String(headline[start...])
        // The essential words end at the colour word, or after the hazard's name when the headline has no colour.
        let colourEnd = colourWords(level).compactMap { find($0, in: tail)?.upperBound }.min()
        let hazardEnd = [hazard.names.zh, hazard.names.en, hazard.names.en.lowercased()]
            .compactMap { find($0, in: tail)?.upperBound }.min()
        let end = colourEnd ?? hazardEnd ?? tail.startIndex
        if Text.width(head) + Text.width(String(tail[..<end])) < width { return headline }
        return "…" + tail
    }

    /// `name` without `prefix` (marked "…") when it starts with it and something is left.
    static func shortened(_ name: String, dropping prefix: String) -> String {
        guard !prefix.isEmpty, name.hasPrefix(prefix), name.count > prefix.count + 1 else { return name }
        return "…" + name.dropFirst(prefix.count)
    }

    /// The prefix all of `names` share, in whole characters; empty for fewer than two names.
    static func commonPrefix(_ names: [String]) -> String {
        guard names.count >= 2, var common = names.first else { return "" }
        for n in names.dropFirst() {
            while !n.hasPrefix(common) { common.removeLast() }
            if common.isEmpty { break }
        }
        return common
    }
}
