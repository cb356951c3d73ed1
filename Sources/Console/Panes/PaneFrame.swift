import Screen

/// The chrome of a pane: a title row on top, and separator columns between panes side by side.
///
/// Full boxes cost four border cells per row and a bottom border, each a 3-byte box character
/// and most with a style change; a title row and one shared separator column say the same (where
/// a pane starts, what it is, which one has focus) in far fewer bytes, and give rows back to data.
enum PaneFrame {
    /// Draws the title row of `rect` and returns the rows below it. When the theme gives the title
    /// a background (or reverse or underline) the row is a bar in that style, which the terminal
    /// can paint with one erase; otherwise the title is followed by a rule in the border style.
    /// Focus shows in the style of either.
    static func draw(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String, focused: Bool, context c: DrawContext) -> Rect {
        guard rect.width > 0, rect.height > 0 else { return rect }
        let style = c.style(focused ? .paneTitleFocus : .paneTitle)
        let bar = isBar(style)
        if bar {
            buffer.fill(rect.row(0), style: style)
        } else {
            buffer.fill(rect.row(0), char: c.unicode ? "─" : "-", style: c.style(focused ? .paneBorderFocus : .paneBorder))
        }
        let label = bar ? " " + title : " " + title + " "
        buffer.put(label, x: rect.x, y: rect.y, maxWidth: rect.width, style: style)
        return Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    }

    /// Whether a title in `style` shows as a bar across the row on its own. A black background does
    /// not count: dark greys degrade to black on 8- and 16-colour terminals, where most backgrounds
    /// are black too, and the pane would lose its top edge.
    static func isBar(_ style: Style) -> Bool {
        let unseen: Set<Color> = [.default, .ansi(0), .indexed(0), .indexed(16), .rgb(0, 0, 0)]
        return !unseen.contains(style.bg) || !style.attrs.isDisjoint(with: [.reverse, .underline])
    }

    /// Draws a separator column between panes side by side.
    static func drawSeparator(_ buffer: inout ScreenBuffer, _ rect: Rect, context c: DrawContext) {
        buffer.fill(rect, char: c.unicode ? "│" : "|", style: c.style(.paneBorder))
    }
}
