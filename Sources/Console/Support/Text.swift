import Screen

/// Display-width helpers for pane code: one place that talks to `Screen.DisplayWidth`.
enum Text {
    /// Columns `s` takes on screen (CJK 2, combining marks 0).
    static func width(_ s: String) -> Int { DisplayWidth.of(s) }

    /// `s` cut to at most `width` columns, the cut marked with …, never splitting a wide character.
    static func fit(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        return DisplayWidth.fit(s, width: width)
    }

    /// `s` fitted and padded with spaces to exactly `width` columns (left aligned).
    static func pad(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let f = fit(s, width)
        return f + String(repeating: " ", count: max(0, width - self.width(f)))
    }

    /// `s` fitted and padded on the left to exactly `width` columns (right aligned).
    static func padLeft(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let f = fit(s, width)
        return String(repeating: " ", count: max(0, width - self.width(f))) + f
    }

    /// Splits `s` into lines of at most `width` columns, breaking at spaces where possible
    /// (CJK text breaks anywhere). Existing newlines are kept.
    static func wrap(_ s: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var lastSpace: String.Index?
            for ch in paragraph {
                let w = DisplayWidth.of(String(ch))
                if lineWidth + w > width {
                    if let space = lastSpace, ch != " " {
                        let head = String(line[..<space])
                        let tail = String(line[line.index(after: space)...])
                        out.append(head)
                        line = tail
                        lineWidth = DisplayWidth.of(tail)
                    } else {
                        out.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    lastSpace = nil
                    if ch == " " { continue }
                }
                if ch == " " { lastSpace = line.endIndex }
                line.append(ch)
                lineWidth += w
            }
            out.append(line)
        }
        return out
    }
}
