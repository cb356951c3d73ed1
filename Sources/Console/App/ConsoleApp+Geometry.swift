import Screen

extension ConsoleApp {
    /// The layout for the current size, or nil when the terminal is too small for any.
    func activeLayout(width: Int, height: Int) -> PaneLayout? { layouts.pick(width: width, height: height) }

    /// Where panes go at `width`×`height` (header on row 0, status bar on the last row), or nil when too small.
    func geometry(width: Int, height: Int) -> LayoutGeometry? {
        guard let layout = activeLayout(width: width, height: height) else { return nil }
        let body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
        if zoomed || !layout.panes.contains(focus) {
            return LayoutGeometry(panes: [(focus, body)], tabStrips: [])
        }
        return LayoutGeometry.solve(layout.root, in: body) { group in
            if group.contains(self.focus) { return self.focus }
            return self.lastTab[Self.tabKey(group)] ?? group[0]
        }
    }

    static func tabKey(_ group: [PaneKind]) -> String { group.map(\.rawValue).joined(separator: ",") }

    func visiblePanes() -> [PaneKind] {
        geometry(width: size.width, height: size.height)?.panes.map(\.kind) ?? []
    }

    /// Data rows that fit in a pane at the current size (below the title rule and the column header).
    func visibleRows(_ kind: PaneKind) -> Int {
        guard let rect = geometry(width: size.width, height: size.height)?.rect(of: kind) else { return 10 }
        var rows = rect.height - 2
        if kind == .drills && drillCalendar { rows -= DrillsPane.calendarHeight }
        return max(1, rows)
    }

    /// Panes Tab cycles through: those of the layout in use (the zoomed pane alone is not a cycle).
    func focusOrder() -> [PaneKind] {
        activeLayout(width: size.width, height: size.height)?.panes ?? PaneKind.allCases
    }

    /// Moves focus; a pane the layout lacks is shown zoomed.
    func setFocus(_ kind: PaneKind) {
        focus = kind
        if let layout = activeLayout(width: size.width, height: size.height) {
            if !layout.panes.contains(kind) {
                zoomed = true
                show(t(.errPaneNotInLayout, t.pane(kind)))
            }
            for case .tabs(let group) in tabGroups(layout.root) where group.contains(kind) {
                lastTab[Self.tabKey(group)] = kind
            }
        }
        if panes[kind]!.stale { reload(kind) }
        markSeen()
    }

    private func tabGroups(_ node: LayoutNode) -> [LayoutNode] {
        switch node {
        case .pane: []
        case .tabs: [node]
        case .split(_, _, let children): children.flatMap(tabGroups)
        }
    }
}
