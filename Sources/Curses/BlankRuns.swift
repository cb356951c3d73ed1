import Screen

/// Which blank cells of a row, drawn over an erased screen, to draw like the erased screen's blanks.
///
/// Text in the default colours has a pair of its own (see `ColorPairs`), but ncurses 6.4 erases
/// the screen to pair-0 blanks and skips a cell only when it equals what is on screen. So in a full
/// repaint a long run of blanks is drawn in pair 0 with no attributes, and ncurses jumps over it
/// with one cursor move; a short gap inside text is written anyway, and keeps the text's pair so
/// the attributes need not change for it. A space with the default background and no underline or
/// reverse looks the same whatever its foreground, bold or dim, so this never changes how it looks.
enum BlankRuns {
    /// ncurses skips a stretch of unchanged cells only when it is longer than its cheapest cursor
    /// move (`ESC[nG`, 5 bytes on xterm), so shorter runs are written whatever their pair.
    static let minimumRun = 6

    /// For each cell of `row`, whether it is a blank in a run of at least `minimumRun` blanks.
    /// `colour` is false when colours are not drawn (then only attributes make a blank show).
    static func cleared(_ row: ArraySlice<Cell>, colour: Bool) -> [Bool] {
        var mask = Array(repeating: false, count: row.count)
        var runStart: Int?
        for (i, cell) in row.enumerated() {
            let blank = looksBlank(cell, colour: colour)
            if blank && runStart == nil { runStart = i }
            if let start = runStart, !blank || i == row.count - 1 {
                let end = blank ? i + 1 : i
                if end - start >= minimumRun { for k in start..<end { mask[k] = true } }
                runStart = nil
            }
        }
        return mask
    }

    /// A space whose style shows nothing on it: default background, no underline or reverse.
    static func looksBlank(_ cell: Cell, colour: Bool) -> Bool {
        cell.char == " " && (!colour || cell.style.bg == .default) && cell.style.attrs.isDisjoint(with: [.underline, .reverse])
    }
}
