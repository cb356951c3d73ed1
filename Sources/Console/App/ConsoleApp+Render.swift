import Foundation
import Model
import Screen
import Store

/// The labels of a tab strip and where each one sits.
enum TabStripView {
    static func spans(_ strip: TabStrip, catalog t: Catalog) -> [(kind: PaneKind, x: Int, width: Int, label: String)] {
        var x = strip.rect.x
        return strip.panes.map { kind in
            let number = (PaneKind.allCases.firstIndex(of: kind) ?? 0) + 1
            let label = " \(number) \(t.pane(kind)) "
            defer { x += Text.width(label) + 1 }
            return (kind, x, Text.width(label), label)
        }
    }
}

extension ConsoleApp {
    var drawContext: DrawContext {
        DrawContext(theme: theme, depth: options.colorDepth, catalog: t, format: format, now: now, unicode: options.unicode)
    }

    /// Draws the whole screen for `width`×`height` from the current state.
    /// (Remembers the size, so paging and visibility follow the terminal; the drawing depends on nothing else.)
    public func render(width: Int, height: Int) -> ScreenBuffer {
        size = (max(0, width), max(0, height))
        var buffer = ScreenBuffer(width: max(0, width), height: max(0, height))
        let c = drawContext
        guard let g = geometry(width: width, height: height) else {
            drawTooSmall(&buffer, width: width, height: height, context: c)
            return buffer
        }
        drawHeader(&buffer, width: width, context: c)
        for strip in g.tabStrips { drawTabStrip(&buffer, strip, context: c) }
        for separator in g.separators { PaneFrame.drawSeparator(&buffer, separator, context: c) }
        // With one pane on screen (zoomed, or under a tab strip) there is no focus to show: a focus-coloured
        // title bar would only repeat the active tab and the selected row.
        let showFocus = g.panes.count > 1
        for (kind, rect) in g.panes { drawPane(&buffer, kind, rect, showFocus: showFocus, context: c) }
        drawStatusBar(&buffer, width: width, y: height - 1, context: c)
        drawOverlay(&buffer, width: width, height: height, context: c)
        return buffer
    }

    private func drawTooSmall(_ buffer: inout ScreenBuffer, width: Int, height: Int, context c: DrawContext) {
        guard width > 0, height > 0 else { return }
        let lines = Text.wrap(t(.tooSmall, width, height), width)
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < height {
            buffer.put(line, x: max(0, (width - Text.width(line)) / 2), y: top + i, style: c.style(.error))
        }
    }

    // MARK: header and status bar

    private func drawHeader(_ buffer: inout ScreenBuffer, width: Int, context c: DrawContext) {
        let style = c.style(.header)
        buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), style: style)
        let clock = " " + c.format.clock(c.now) + " "
        let clockWidth = Text.width(clock)
        let room = width - clockWidth
        var x = 0
        func put(_ text: String, _ role: ThemeRole? = nil) {
            guard x < room else { return }
            x += buffer.put(text, x: x, y: 0, maxWidth: room - x, style: role.map(c.style) ?? style)
        }
        let identity = data.identity
        put(" " + identity.officeName + " · " + identity.operatorName + "  ")
        for level in WarningLevel.allCases {
            let role = (counts[level] ?? 0) > 0 ? ThemeRole.level(level) : nil
            // The space after a count keeps the count's style, so the counts form one strip and the
            // terminal switches style once per count instead of back to the bar in between.
            put(level.roman + ":" + String(counts[level] ?? 0) + " ", role)
        }
        put(" " + t(.queue, outbox))
        if rejectedUnseen > 0 { put(" · "); put(t(.rejectedCount, rejectedUnseen), .error) }
        if let sync = syncStatus {
            put("  ")
            put(sync.online ? t(.online) : t(.offline), sync.online ? .syncOnline : .syncOffline)
            if sync.waiting > 0 { put(" · " + t(.waiting, sync.waiting)) }
            put(" · " + (sync.lastSuccess.map { last in
                c.now.timeIntervalSince(last) < 60 ? t(.syncedJustNow) : t(.lastSync, c.format.age(since: last, now: c.now))
            } ?? t(.never)))
            if let error = sync.lastError { put(" · "); put(t(.syncError, error), .error) }
        }
        buffer.put(clock, x: max(0, width - clockWidth), y: 0, style: style)
    }

    private func drawStatusBar(_ buffer: inout ScreenBuffer, width: Int, y: Int, context c: DrawContext) {
        guard y > 0 else { return }
        let style = c.style(.status)
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), style: style)
        let cursor = c.unicode ? "▏" : "_"
        switch overlay {
        case .filter(let kind):
            let x = buffer.put(" " + t(.filterPrompt), x: 0, y: y, style: c.style(.statusKey))
            buffer.put(panes[kind]!.filter + cursor, x: x, y: y, maxWidth: width - x, style: style)
            return
        case .palette(let input):
            let x = buffer.put(" " + t(.palettePrompt), x: 0, y: y, style: c.style(.statusKey))
            buffer.put(input.text + cursor, x: x, y: y, maxWidth: width - x, style: style)
            return
        default: break
        }
        if let message {
            buffer.put(" " + message.text, x: 0, y: y, maxWidth: width, style: c.style(message.isError ? .error : .ok))
            return
        }
        let hints: S
        switch focus {
        case .alerts: hints = .hintsAlerts
        case .units: hints = .hintsUnits
        case .stock: hints = .hintsStock
        case .drills: hints = .hintsDrills
        }
        buffer.put(" " + t(hints), x: 0, y: y, maxWidth: width, style: style)
    }

    private func drawTabStrip(_ buffer: inout ScreenBuffer, _ strip: TabStrip, context c: DrawContext) {
        buffer.fill(strip.rect, style: c.style(.tabInactive))
        for span in TabStripView.spans(strip, catalog: t) where span.x < strip.rect.maxX {
            buffer.put(span.label, x: span.x, y: strip.rect.y, maxWidth: strip.rect.maxX - span.x,
                       style: c.style(span.kind == strip.active ? .tabActive : .tabInactive))
        }
    }

    // MARK: panes

    func paneTitle(_ kind: PaneKind) -> String {
        let st = panes[kind]!
        var title = "\((PaneKind.allCases.firstIndex(of: kind) ?? 0) + 1) \(t.pane(kind)) \(rowCount(kind))\(st.hasMore ? "+" : "")"
        title += " · " + sortName(kind)
        if kind == .alerts { title += " · " + (alertsActiveOnly ? t(.activeOnly) : t(.allAlerts)) }
        if kind == .stock {
            if let stockLevel { title += " · " + t.name(stockLevel) }
            if let stockCategory { title += " · " + t.name(stockCategory) }
        }
        if !st.filter.isEmpty { title += " · /" + st.filter }
        return title
    }

    private func drawPane(_ buffer: inout ScreenBuffer, _ kind: PaneKind, _ rect: Rect, showFocus: Bool, context c: DrawContext) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        let focused = kind == focus
        var inner = PaneFrame.draw(&buffer, rect, title: paneTitle(kind), focused: focused && showFocus, context: c)
        var st = panes[kind]!
        if kind == .drills && drillCalendar && inner.height > DrillsPane.calendarHeight {
            let (top, rest) = inner.splitTop(DrillsPane.calendarHeight)
            let selected = selectedDrill
            DrillsPane.drawCalendar(&buffer, in: top, drills: drillRows, focusDate: selected?.start ?? c.now,
                                    selectedDay: selected.map { c.format.dayOfMonth($0.start) }, context: c)
            inner = rest
        }
        st.clamp(count: rowCount(kind), visible: inner.height - 1)
        let (columns, rows): ([Column], [TableRow])
        switch kind {
        case .alerts: (columns, rows) = AlertsPane.table(alertRows, isNew: isNew, context: c)
        case .units: (columns, rows) = UnitsPane.table(unitRows, sort: UnitSort.allCases[st.sort % UnitSort.allCases.count], context: c)
        case .stock: (columns, rows) = StockPane.table(stockRows, width: inner.width, context: c)
        case .drills: (columns, rows) = DrillsPane.table(drillRows, context: c)
        }
        TableView.draw(&buffer, in: inner, columns: columns, rows: rows, selected: rows.isEmpty ? nil : st.selected,
                       scroll: st.scroll, focused: focused, context: c)
    }
}
