import CNcursesw
import Screen

extension Terminal {
    /// Draws `buffer`, writing only the cells that differ from the last presented buffer,
    /// then refreshes once. An unchanged buffer writes nothing at all (idle costs no bytes).
    /// The first frame, and the first after a resize or `invalidate()`, is drawn in full.
    public func present(_ buffer: ScreenBuffer) {
        guard !restored else { return }
        // Sounded even when no cell changed: an alarm for something already on screen (a deadline just missed).
        defer { if let alarm = buffer.alarm { sound(alarm) } }
        let changes: [CellChange]
        let repaintingAll: Bool
        if let last = lastPresented, !needsFullRepaint {
            changes = buffer.diff(from: last)
            if changes.isEmpty { return }
            repaintingAll = false
        } else {
            changes = buffer.fullRepaint()
            // Cells the buffer doesn't cover (a buffer smaller than the screen) must not keep old text.
            werase(window)
            if needsClear { wclear(window) }
            repaintingAll = true
        }
        lastPresented = buffer
        needsFullRepaint = false
        needsClear = false
        if synchronizedOutput { fputs("\u{1B}[?2026h", outputFile); fflush(outputFile) }
        defer { if synchronizedOutput { fputs("\u{1B}[?2026l", outputFile); fflush(outputFile) } }

        let rows = Int(getmaxy(window)), columns = Int(getmaxx(window))
        for change in changes where change.y < rows {
            // Over an erased screen, long runs of blanks are drawn like it so ncurses can skip them (see
            // BlankRuns). A diff only holds cells that changed, which must be written anyway, and in
            // their own style they need no attribute change.
            let cleared = repaintingAll ? BlankRuns.cleared(ArraySlice(change.cells), colour: colorDepth != .none) : nil
            var x = change.x
            for (i, cell) in change.cells.enumerated() {
                defer { x += 1 }
                if cell.isContinuation || x >= columns { continue }
                draw(cell, x: x, y: change.y, columns: columns, cleared: cleared?[i] ?? false)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Puts one cell into the curses window. A character curses would give a different
    /// width than `Screen` did is drawn as U+FFFD (or "?"), padded, so columns never drift.
    /// `cleared` draws a blank like those of a cleared screen (see `BlankRuns`).
    private func draw(_ cell: Cell, x: Int, y: Int, columns: Int, cleared: Bool) {
        let width = cell.width
        var text = characterScalars(cell.char, width: width)
        if text.isEmpty || (width == 2 && x + 1 >= columns) {
            text = [unicode ? 0xFFFD : 0x3F]
            if width == 2 && x + 1 < columns { drawScalars([0x20], style: cell.style, x: x + 1, y: y) }
        }
        drawScalars(text, style: cell.style, x: x, y: y, cleared: cleared)
    }

    /// The scalars to hand curses for `char`: its base plus any combining marks, or empty
    /// when curses can't draw it at `width` columns in this locale.
    private func characterScalars(_ char: Character, width: Int) -> [wchar_t] {
        guard let base = char.unicodeScalars.first else { return [] }
        if !unicode {
            if base.isASCII { return [wchar_t(base.value)] }
            return ASCIIFallback.standIns[base].map { [wchar_t($0.value)] } ?? []
        }
        guard wcwidth(wchar_t(base.value)) == width else { return [] }
        var result = [wchar_t(base.value)]
        // cchar_t holds a spacing character and a few non-spacing ones (CCHARW_MAX in all).
        for scalar in char.unicodeScalars.dropFirst() where result.count < 4 {
            if wcwidth(wchar_t(scalar.value)) == 0 && scalar.value != 0x200D { result.append(wchar_t(scalar.value)) }
        }
        return result
    }

    private func drawScalars(_ scalars: [wchar_t], style: Style, x: Int, y: Int, cleared: Bool = false) {
        let (attributes, pair) = cleared ? (cncursesw_wa_normal(), 0) : cursesStyle(style)
        var cc = cchar_t()
        var text = scalars + [0]
        if setcchar(&cc, &text, attributes, pair, nil) != OK {
            var fallback: [wchar_t] = [unicode ? 0xFFFD : 0x3F, 0]
            setcchar(&cc, &fallback, attributes, pair, nil)
        }
        // At the bottom-right cell curses reports ERR because the cursor can't advance; the cell is still set.
        mvwadd_wch(window, Int32(y), Int32(x), &cc)
        cellsWritten += 1
    }

    /// Attributes and colour pair for `style`, with colours degraded to what the terminal shows.
    func cursesStyle(_ style: Style) -> (attr_t, Int16) {
        var attributes = cncursesw_wa_normal()
        let map: [(Attributes, attr_t)] = [
            (.bold, cncursesw_wa_bold()), (.dim, cncursesw_wa_dim()), (.reverse, cncursesw_wa_reverse()),
            (.underline, cncursesw_wa_underline()), (.italic, cncursesw_wa_italic()), (.blink, cncursesw_wa_blink()),
        ]
        for (attribute, flag) in map where style.attrs.contains(attribute) { attributes |= flag }
        guard colorDepth != .none else { return (attributes, 0) }
        let key = ColorPairs.Key(fg: colorNumber(style.fg, foreground: true), bg: colorNumber(style.bg, foreground: false))
        return (attributes, pairs.number(for: key))
    }

    /// The curses colour number for `color`: -1 is the terminal's default when available.
    func colorNumber(_ color: Color, foreground: Bool) -> Int16 {
        // Cells are drawn through the 256-colour palette even on truecolor terminals.
        switch color.degraded(to: min(colorDepth, .indexed256)) {
        case .ansi(let n), .indexed(let n): return Int16(n)
        case .default, .rgb: return defaultColorsAvailable ? -1 : (foreground ? 7 : 0)
        }
    }

    /// One bell (or flash); curses sends the terminal's `bel` (or `flash`) and falls back to the other when the
    /// terminal lacks it.
    private func sound(_ alarm: ScreenAlarm) {
        switch alarm {
        case .bell: beep()
        case .flash: flash()
        }
    }
}
