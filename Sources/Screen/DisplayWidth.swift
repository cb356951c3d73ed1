/// Terminal column widths of characters and strings, in pure Swift.
///
/// Widths follow what glibc's `wcwidth` reports in a UTF-8 locale (East Asian Wide and
/// Fullwidth, and emoji with default emoji presentation, are 2; marks and format characters
/// are 0), because ncurses places characters by `wcwidth`: if we disagreed, columns would drift.
public enum DisplayWidth {
    /// Columns a grapheme cluster occupies: the width of its base scalar (combining marks,
    /// ZWJ and variation selectors add nothing). Controls are 0; sanitise text first.
    public static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        let base = of(first)
        if base > 0 { return base }
        // A cluster that starts with a zero-width scalar (e.g. a lone mark) takes the widest of the rest.
        return c.unicodeScalars.dropFirst().map(of).max() ?? 0
    }

    /// Columns a string occupies: the sum over its grapheme clusters.
    public static func of(_ s: String) -> Int {
        // Printable ASCII is one column a byte; most of what the panes measure is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        var total = 0
        for c in s { total += of(c) }
        return total
    }

    /// Columns a single Unicode scalar occupies (0, 1 or 2).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }      // fast path for ASCII
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        // CJK ideographs and Hangul syllables: wide, and the bulk of Chinese text (skips the category lookup).
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xAC00...0xD7A3).contains(v) { return 2 }
        if v == 0xAD || prependedMarks.contains(v) { return 1 }   // format characters glibc shows
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) { return 2 }
        if scalar.properties.isEmojiPresentation && !(0x1F1E6...0x1F1FF).contains(v) { return 2 }
        return 1
    }

    /// `s` cut to at most `width` columns. A cut never splits a wide character; with
    /// `ellipsis` it ends in "…" (so the result may be one column short of `width` when a
    /// wide character would not fit before the "…"). Unchanged if it already fits.
    public static func fit(_ s: String, width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        let budget = ellipsis ? width - 1 : width
        var result = ""
        var used = 0
        for c in s {
            let w = of(c)
            if used + w > budget { break }
            result.append(c)
            used += w
        }
        if ellipsis { result.append("…") }
        return result
    }

    /// `s` fitted to `width` (with "…" when cut) and padded with spaces to exactly `width` columns.
    public static func pad(_ s: String, width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let fitted = fit(s, width: width)
        let gap = String(repeating: " ", count: max(0, width - of(fitted)))
        return alignRight ? gap + fitted : fitted + gap
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Hangul medial vowels and final consonants join the preceding initial consonant.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        if v == 0x200B { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Prepended concatenation marks (Arabic number signs and the like): format characters with a visible glyph.
    private static let prependedMarks: Set<UInt32> = [
        0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD,
    ]

    /// East Asian Wide (W) and Fullwidth (F) ranges that are not emoji (Unicode 15), plus the
    /// ones glibc also makes wide (e.g. Yijing hexagram symbols U+4DC0–4DFF).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5,
        0x2FF0...0x2FFF, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F,
        0x3131...0x318E, 0x3190...0x31E3, 0x31EF...0x321E,
        0x3220...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60,
        0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7,
        0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFFE, 0x1B000...0x1B122,
        0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167,
        0x1B170...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { high = mid - 1 } else if v > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}
