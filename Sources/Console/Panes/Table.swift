import Foundation
import Screen

/// What a pane needs to draw: look, language, clock.
struct DrawContext {
    var theme: Theme
    var depth: ColorDepth
    var catalog: Catalog
    var format: Format
    var now: Date
    var unicode: Bool
    /// The name a county office's own records start with ("清徐县"), shortened to "…" inside its view; empty above.
    var ownPrefix: String = ""

    func style(_ role: ThemeRole) -> Style { theme.style(role, depth: depth) }
}

/// A run of text in one role.
struct Segment {
    var text: String
    var role: ThemeRole?
    init(_ text: String, _ role: ThemeRole? = nil) { self.text = text; self.role = role }
}

/// A table column. Width comes from the content (capped); a flex column takes the room left.
/// When the pane is too narrow, columns with the highest `priority` number go first (0 never goes).
struct Column {
    var title: String
    var width: Int
    var priority: Int
    var flex = false
    var right = false

    /// A column as wide as its widest cell or title, at most `cap` (and at least `floor`).
    static func fitting(_ title: String, _ cells: [String], cap: Int, floor: Int = 1, priority: Int,
                        flex: Bool = false, right: Bool = false) -> Column {
        let widest = cells.reduce(Text.width(title)) { max($0, Text.width($1)) }
        return Column(title: title, width: max(floor, min(cap, widest)), priority: priority, flex: flex, right: right)
    }
}

/// One table row: the segments of each cell.
struct TableRow {
    var cells: [[Segment]]
    /// A cell that words itself for the width it gets (a headline that keeps its hazard and colour), by column.
    var sized: [Int: (Int) -> [Segment]] = [:]
    /// What the row says in full, shown on a line of its own when the row is selected and a cell of it is cut.
    var full: String?

    init(cells: [[Segment]], sized: [Int: (Int) -> [Segment]] = [:], full: String? = nil) {
        self.cells = cells; self.sized = sized; self.full = full
    }
}

/// Draws a column-aligned, width-aware table with a header row, selection and scrolling.
enum TableView {
    /// Column widths for `total` columns of room; nil marks a dropped column. One space between columns.
    static func widths(_ columns: [Column], total: Int) -> [Int?] {
        var kept = Array(repeating: true, count: columns.count)
        func used() -> Int {
            let ws = columns.indices.filter { kept[$0] }.map { columns[$0].width }
            return ws.reduce(0, +) + max(0, ws.count - 1)
        }
        while used() > total {
            let candidates = columns.indices.filter { kept[$0] && columns[$0].priority > 0 }
            guard let drop = candidates.max(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) else { break }
            kept[drop] = false
        }
        var out: [Int?] = columns.indices.map { kept[$0] ? columns[$0].width : nil }
        let spare = total - used()
        if spare > 0, let flex = columns.indices.first(where: { kept[$0] && columns[$0].flex }) {
            out[flex] = columns[flex].width + spare
        }
        return out
    }

    /// Whether blank cells in `style` look the same as in `base`: same background, no underline or reverse.
    static func spacesLookPlain(_ style: Style, on base: Style) -> Bool {
        style.bg == base.bg && style.attrs.isDisjoint(with: [.underline, .reverse])
    }

    static func draw(_ buffer: inout ScreenBuffer, in rect: Rect, columns: [Column], rows: [TableRow],
                     selected: Int?, scroll: Int, focused: Bool, context c: DrawContext) {
        guard rect.width > 0, rect.height > 0 else { return }
        let widths = Self.widths(columns, total: rect.width)
        // Header.
        var x = rect.x
        let headerStyle = c.style(.columnHeader)
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: headerStyle)
        for (column, width) in zip(columns, widths) {
            guard let width else { continue }
            let text = column.right ? Text.padLeft(column.title, width) : column.title
            buffer.put(text, x: x, y: rect.y, maxWidth: min(width, rect.maxX - x), style: headerStyle)
            x += width + 1
        }
        guard rect.height > 1 else { return }
        if rows.isEmpty {
            buffer.put(c.catalog(.empty), x: rect.x + 1, y: rect.y + 1, maxWidth: rect.width - 1, style: c.style(.dim))
            return
        }
        var bodyHeight = rect.height - 1
        var scroll = scroll
        // The selected row in full on the pane's last line, when a cell of it is cut and the pane has room.
        if focused, let selected, rows.indices.contains(selected), bodyHeight >= 4,
           let full = fullText(rows[selected], widths: widths, columns: columns) {
            bodyHeight -= 1
            if selected >= scroll + bodyHeight { scroll = selected - bodyHeight + 1 }
            let y = rect.maxY - 1
            let style = c.style(.row)
            buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            buffer.put((c.unicode ? "» " : "> ") + full, x: rect.x, y: y, maxWidth: rect.width, style: style)
        }
        for line in 0..<bodyHeight {
            let index = scroll + line
            guard index < rows.count else { break }
            let y = rect.y + 1 + line
            let isSelected = index == selected
            let base = isSelected ? c.style(focused ? .rowSelected : .rowSelectedUnfocused) : c.style(.row)
            buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base)
            var x = rect.x
            // The end and style of the last segment drawn: a gap between two segments of one style is painted
            // in that style, so the terminal gets one run instead of switching styles for a few spaces.
            var previous: (end: Int, style: Style)?
            for (i, plain) in rows[index].cells.enumerated() where i < columns.count {
                guard let width = widths[i] else { continue }
                let room = min(width, rect.maxX - x)
                guard room > 0 else { break }
                let cell = rows[index].sized[i]?(room) ?? plain
                let total = cell.reduce(0) { $0 + Text.width($1.text) }
                var cx = x
                if columns[i].right, total < room { cx += room - total }
                for segment in cell {
                    let left = x + room - cx
                    guard left > 0 else { break }
                    let keep = segment.role?.keepsStyleWhenSelected ?? false
                    let style = isSelected && !keep ? base : c.style(segment.role ?? .row)
                    if let p = previous, p.style == style, p.end < cx, style != base, Self.spacesLookPlain(style, on: base) {
                        buffer.setStyle(Rect(x: p.end, y: y, width: cx - p.end, height: 1), style)
                    }
                    cx += buffer.put(segment.text, x: cx, y: y, maxWidth: left, style: style)
                    previous = (cx, style)
                }
                x += width + 1
            }
        }
    }

    /// The row's full text when some cell of it does not fit its column; nil when every shown cell shows whole.
    static func fullText(_ row: TableRow, widths: [Int?], columns: [Column]) -> String? {
        var cut = false
        for (i, cell) in row.cells.enumerated() where i < columns.count {
            let text = cell.map(\.text).joined()
            guard let width = widths[i] else { continue }  // a dropped column is in the details (Enter)
            if Text.width(text) > width { cut = true }
        }
        guard cut else { return nil }
        return row.full ?? row.cells.map { $0.map(\.text).joined() }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .joined(separator: " · ")
    }
}
