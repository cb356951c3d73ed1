/// What the app remembers about one pane between frames (ratatui `ListState` style).
struct PaneState: Equatable {
    /// Index of the selected row in the loaded rows.
    var selected = 0
    /// Id of the selected record, so a refresh keeps the selection on the same record.
    var selectedID: String?
    /// First row shown.
    var scroll = 0
    /// The incremental filter text.
    var filter = ""
    /// Index into the pane's sort orders.
    var sort = 0
    /// How many rows to load (grows as the operator scrolls down).
    var limit = 100
    /// Whether the last query may have had more rows than the limit.
    var hasMore = false
    /// The data changed while the pane was hidden; reload it when it shows.
    var stale = false

    /// Keeps `selected` within `count` rows and visible in a window of `visible` rows.
    mutating func clamp(count: Int, visible: Int) {
        ScrollWindow.clamp(selected: &selected, scroll: &scroll, count: count, visible: visible)
    }
}
