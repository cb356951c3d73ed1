/// ASCII stand-ins for the symbols the console draws, for terminals and locales that are not UTF-8 and for the
/// plain (screen-reader, teletype) mode.
public enum ASCIIFallback {
    /// What box-drawing, bars, marks, arrows and punctuation become.
    public static let standIns: [Unicode.Scalar: Unicode.Scalar] = [
        "…": ".", "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "·": ".", "•": "*", "–": "-", "—": "-",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "▲": "^", "▼": "v", "►": ">", "◄": "<", "█": "#",
        "▮": "#", "▯": "-", "▏": "_", "✓": "+", "●": "*", "←": "<", "→": ">", "↑": "^", "↓": "v", "‹": "<", "›": ">",
        "«": "<", "»": ">", "×": "x",
    ]

    /// `text` with every symbol above replaced; other non-ASCII kept when `keepText` (CJK names in a UTF-8
    /// locale), else `?`. "…" becomes "..." here: in a line of text the width does not matter.
    public static func fold(_ text: String, keepText: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.append(scalar); continue }
            if scalar == "…" { out.append(contentsOf: "...".unicodeScalars); continue }
            if let s = standIns[scalar] { out.append(s) } else { out.append(keepText ? scalar : "?") }
        }
        return String(out)
    }
}
