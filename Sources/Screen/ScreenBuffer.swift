/// A grid of cells that panes draw into; the backend diffs successive buffers.
///
/// Every write keeps wide characters whole: overwriting either half of a wide character
/// blanks the other half (keeping its style), so the buffer never holds half of one.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]
    /// An alarm to sound when this frame is presented (the backend owns the terminal: `Console` only asks).
    public var alarm: ScreenAlarm?

    /// A buffer of blank cells in `style`.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: Cell(" ", style: style), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; both must be inside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(width)×\(height)")
        return cells[y * width + x]
    }

    /// Writes one character at (x, y), with its continuation cell if it is wide. Controls
    /// become U+FFFD; a wide character that would not fit before the right edge becomes a
    /// space; zero-width characters are ignored. Returns the columns used.
    @discardableResult
    public mutating func set(_ char: Character, x: Int, y: Int, style: Style) -> Int {
        guard x >= 0 && x < width && y >= 0 && y < height else { return 0 }
        var char = char
        if char.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) {
            char = Character(Sanitizer.replacement)
        }
        let w = DisplayWidth.of(char)
        if w == 0 { return 0 }
        if w == 2 && x + 1 >= width {
            place(Cell(" ", style: style), x: x, y: y)
            return 1
        }
        place(Cell(char, style: style), x: x, y: y)
        if w == 2 { place(.continuation(style: style), x: x + 1, y: y) }
        return w
    }

    /// Stores `cell` at (x, y), first blanking the other half of any wide character it breaks.
    mutating func place(_ cell: Cell, x: Int, y: Int) {
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0 {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        } else if old.width == 2, x + 1 < width {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Fills `rect` (clipped to the buffer) with `char` in `style`. A wide `char` is laid in
    /// pairs, with a space where an odd column is left over.
    public mutating func fill(_ rect: Rect, char: Character = " ", style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let w = max(1, DisplayWidth.of(char))
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                if w == 2 && x + 1 >= area.maxX {
                    place(Cell(" ", style: style), x: x, y: y)
                    x += 1
                } else {
                    x += max(1, set(char, x: x, y: y, style: style))
                }
            }
        }
    }

    /// Replaces the style of every cell in `rect` (clipped), keeping the characters: for
    /// highlight bars and selections. Both halves of a wide character change together.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        updateStyle(rect) { $0 = style }
    }

    /// Changes the style of every cell in `rect` (clipped) with `update`, e.g. to add
    /// `.reverse` or swap the background while keeping each cell's foreground.
    public mutating func updateStyle(_ rect: Rect, _ update: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            var start = area.x, end = area.maxX
            // Widen to whole wide characters at the edges.
            if cells[y * width + start].isContinuation, start > 0 { start -= 1 }
            if end < width, cells[y * width + end].isContinuation { end += 1 }
            for x in start..<end { update(&cells[y * width + x].style) }
        }
    }

    /// The buffer as text, one string per row, each wide character once (so every line is
    /// exactly `width` columns wide). Trailing spaces are kept unless `trimmingTrailingSpaces`.
    public func lines(trimmingTrailingSpaces: Bool = false) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].isContinuation {
                line.append(cells[y * width + x].char)
            }
            if trimmingTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }
}
