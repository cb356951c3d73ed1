/// Keeps a selection inside a list and visible in a window of rows: the panes, the log and the lists share it.
enum ScrollWindow {
    /// `selected` within `count` rows and on screen in a window of `visible` rows starting at `scroll`.
    static func clamp(selected: inout Int, scroll: inout Int, count: Int, visible: Int) {
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
        let v = max(1, visible)
        if selected < scroll { scroll = selected }
        if selected >= scroll + v { scroll = selected - v + 1 }
        scroll = max(0, min(scroll, max(0, count - v)))
    }
}
