extension ScreenBuffer {
    /// Writes `text` from column `x` of row `y` and returns the columns used.
    ///
    /// The text is always sanitised (see `Sanitizer`), then fitted to the room left before
    /// the right edge and before `maxWidth`: a cut never splits a wide character and ends in
    /// "…". Columns left of 0 are skipped (a wide character straddling column 0 shows as a
    /// space). Rows outside the buffer draw nothing and return 0.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0 && y < height else { return 0 }
        let room = min(maxWidth ?? Int.max, width - x)
        guard room > 0 else { return 0 }
        let fitted = DisplayWidth.fit(Sanitizer.clean(text), width: room)
        var column = x
        for c in fitted {
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if column >= 0 {
                set(c, x: column, y: y, style: style)
            } else if column + w > 0 {
                place(Cell(" ", style: style), x: 0, y: y)
            }
            column += w
        }
        return max(0, column - max(x, 0))
    }

    /// Draws a box around the edge of `rect` (clipped to the buffer) with an optional title
    /// in the top border. Light Unicode box characters when `unicode`, else `+`, `-` and `|`.
    public mutating func drawBox(_ rect: Rect, title: String? = nil, style: Style, titleStyle: Style? = nil, unicode: Bool) {
        guard rect.width >= 2 && rect.height >= 2 else { return }
        let (h, v, tl, tr, bl, br): (Character, Character, Character, Character, Character, Character) =
            unicode ? ("─", "│", "┌", "┐", "└", "┘") : ("-", "|", "+", "+", "+", "+")
        let (left, right, top, bottom) = (rect.x, rect.maxX - 1, rect.y, rect.maxY - 1)
        fill(Rect(x: left + 1, y: top, width: rect.width - 2, height: 1), char: h, style: style)
        fill(Rect(x: left + 1, y: bottom, width: rect.width - 2, height: 1), char: h, style: style)
        fill(Rect(x: left, y: top + 1, width: 1, height: rect.height - 2), char: v, style: style)
        fill(Rect(x: right, y: top + 1, width: 1, height: rect.height - 2), char: v, style: style)
        set(tl, x: left, y: top, style: style)
        set(tr, x: right, y: top, style: style)
        set(bl, x: left, y: bottom, style: style)
        set(br, x: right, y: bottom, style: style)
        if let title, !title.isEmpty, rect.width > 4 {
            put(" " + title + " ", x: left + 1, y: top, maxWidth: rect.width - 2, style: titleStyle ?? style)
        }
    }
}
