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
        let office = data.identity.office
        let prefix = RegionLevel.of(office) >= .county ? RegionCatalog.shanxi.name(office, .zh) : ""
        return DrawContext(theme: theme, depth: options.colorDepth, catalog: t, format: format, now: now,
                           unicode: options.unicode, ownPrefix: prefix == String(office) ? "" : prefix)
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
        drawBanner(&buffer, width: width, context: c)
        drawOverlay(&buffer, width: width, height: height, context: c)
        buffer.alarm = takeAlarm()
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
        var x = 0
        for item in headerItems(width: width, context: c) {
            guard x < width else { break }
            x += buffer.put(item.text, x: x, y: 0, maxWidth: width - x, style: item.role.map(c.style) ?? style)
        }
    }

    /// One piece of the header: what it says, its look, and when it may go (`drop` 0 never goes; higher goes first).
    struct HeaderItem {
        var text: String
        var role: ThemeRole?
        var drop: Int
    }

    /// The header for `width` columns, the clock at the right edge. The level counts and the sync state stay at every
    /// width: the office and operator names shorten first, then the extras go (last sync, queue, the error's text,
    /// rejections, the clock, the names), each with its separator.
    func headerItems(width: Int, context c: DrawContext) -> [HeaderItem] {
        let identity = data.identity
        var office = identity.officeName
        // Who is on duty, when a shift is on: the officer and the 带班领导 (else the console's operator).
        var op = duty.map { t(.onDuty, $0.officer, $0.leader) } ?? identity.operatorName
        var items: [HeaderItem] = []
        func build() -> [HeaderItem] {
            var out: [HeaderItem] = []
            out.append(HeaderItem(text: " " + office + " · " + op + "  ", role: nil, drop: 6))
            for level in WarningLevel.allCases {
                let role = (counts[level] ?? 0) > 0 ? ThemeRole.level(level) : nil
                // The space after a count keeps the count's style, so the counts form one strip and the
                // terminal switches style once per count instead of back to the bar in between.
                out.append(HeaderItem(text: level.roman + ":" + String(counts[level] ?? 0) + " ", role: role, drop: 0))
            }
            // Duty steps past their deadline: a count in the error colour that stays at every width.
            let missed = missedCount
            if missed > 0 { out.append(HeaderItem(text: t(.missedCount, missed) + " ", role: .error, drop: 0)) }
            // One number for the events not yet at the centre: the sync state's when it runs, the store's otherwise.
            out.append(HeaderItem(text: " " + t(.queue, syncStatus?.waiting ?? outbox), role: nil, drop: 2))
            if rejectedUnseen > 0 {
                out.append(HeaderItem(text: " · ", role: nil, drop: 4))
                out.append(HeaderItem(text: t(.rejectedCount, rejectedUnseen), role: .error, drop: 4))
            }
            if let sync = syncStatus {
                out.append(HeaderItem(text: " ", role: nil, drop: 0))
                out.append(HeaderItem(text: sync.online ? t(.online) : t(.offline), role: sync.online ? .syncOnline : .syncOffline, drop: 0))
                out.append(HeaderItem(text: " · " + (sync.lastSuccess.map { last in
                    c.now.timeIntervalSince(last) < 60 ? t(.syncedJustNow) : t(.lastSync, c.format.age(since: last, now: c.now))
                } ?? t(.never)), role: nil, drop: 1))
                if let offset = sync.clockOffset {
                    // Stamps decide every last-writer-wins merge: a clock minutes off must turn a head.
                    let span = c.format.age(since: Date(timeIntervalSince1970: 0),
                                            now: Date(timeIntervalSince1970: TimeInterval(abs(offset)) / 1000))
                    out.append(HeaderItem(text: " · ", role: nil, drop: 3))
                    out.append(HeaderItem(text: offset > 0 ? t(.clockBehind, span) : t(.clockAhead, span), role: .error, drop: 3))
                }
                if let error = sync.lastError {
                    out.append(HeaderItem(text: " · ", role: nil, drop: 3))
                    out.append(HeaderItem(text: t(.syncError, Self.shortReason(error)), role: .error, drop: 3))
                }
            }
            return out
        }
        let clock = " " + c.format.clock(c.now) + " "
        func total(_ list: [HeaderItem], clock: Bool) -> Int {
            list.reduce(0) { $0 + Text.width($1.text) } + (clock ? Text.width(" " + c.format.clock(c.now) + " ") + 1 : 0)
        }
        items = build()
        // Short of room, who is on duty reads "officer/leader" before any name is cut.
        if total(items, clock: true) > width, let d = duty { op = d.officer + "/" + d.leader; items = build() }
        var withClock = true
        // Names first: whichever is wider loses a column, down to six for the office and four for the operator
        // (who is on duty is not cut: it goes whole, with the names, after the extras).
        var excess = total(items, clock: true) - width
        var ow = Text.width(office), pw = Text.width(op)
        let least = duty == nil ? 4 : pw
        while excess > 0, ow > 6 || pw > least {
            if ow > 6 && (ow >= pw || pw <= least) { ow -= 1 } else { pw -= 1 }
            excess -= 1
        }
        if ow < Text.width(office) { office = Text.fit(office, ow) }
        if pw < Text.width(op) { op = Text.fit(op, pw) }
        items = build()
        for level in [1, 2, 3, 4, 5, 6] where total(items, clock: withClock) > width {
            if level == 5 { withClock = false; continue }
            items.removeAll { $0.drop == level }
        }
        if withClock {
            let used = total(items, clock: false)
            items.append(HeaderItem(text: String(repeating: " ", count: max(0, width - used - Text.width(clock))) + clock,
                                    role: nil, drop: 0))
        }
        if items.first?.drop != 6, let first = items.first, !first.text.hasPrefix(" ") {
            items[0].text = " " + first.text
        }
        return items
    }

    /// The offline reason as the header shows it: the first clause of the error (its full text is in the log).
    static func shortReason(_ error: String) -> String {
        let oneLine = error.split(whereSeparator: \.isNewline).first.map(String.init) ?? error
        var clause = oneLine
        for mark in [": ", "; ", " (", "：", "；"] {
            if let r = clause.range(of: mark), clause.distance(from: clause.startIndex, to: r.lowerBound) >= 8 {
                clause = String(clause[..<r.lowerBound])
            }
        }
        return Text.fit(clause, 40)
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
        case .line(let line):
            let x = buffer.put(" " + linePrompt(line), x: 0, y: y, maxWidth: width / 2, style: c.style(.statusKey))
            // The end of a long line stays visible as it is typed.
            var shown = line.input.text + cursor
            while Text.width(shown) > width - x, !shown.isEmpty { shown.removeFirst() }
            buffer.put(shown, x: x, y: y, maxWidth: width - x, style: style)
            return
        default: break
        }
        if let message {
            buffer.put(" " + message.text, x: 0, y: y, maxWidth: width, style: c.style(message.isError ? .error : .ok))
            return
        }
        // Quarantine and feed health take the right end; the hints fit in what is left (`ConsoleApp+FeedStatus`).
        let extras = statusExtras(width: width / 2)
        let used = extras.reduce(0) { $0 + Text.width($1.text) }
        buffer.put(Self.hintLine(t(focus.model.hints), width: width - used), x: 0, y: y, maxWidth: width - used, style: style)
        var x = width - used
        for item in extras { x += buffer.put(item.text, x: x, y: y, maxWidth: width - x, style: item.role.map(c.style) ?? style) }
    }

    /// The hints that fit in `width` columns. The last two (`? help`, `q quit`) stay at any width; the others go
    /// from the end, and below that the two shrink to their keys.
    static func hintLine(_ hints: String, width: Int) -> String {
        let parts = hints.components(separatedBy: " · ")
        guard parts.count > 2 else { return " " + hints }
        let kept = Array(parts.suffix(2))
        var others = Array(parts.dropLast(2))
        func line() -> String { " " + (others + kept).joined(separator: " · ") }
        while !others.isEmpty, Text.width(line()) > width { others.removeLast() }
        if Text.width(line()) <= width { return line() }
        let keys = kept.map { String($0.split(separator: " ").first ?? Substring($0)) }
        return " " + keys.joined(separator: " ")
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
        for extra in kind.model.titleExtras(self) { title += " · " + extra }
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
        let (columns, rows) = kind.model.table(self, st, inner.width, c)
        TableView.draw(&buffer, in: inner, columns: columns, rows: rows, selected: rows.isEmpty ? nil : st.selected,
                       scroll: st.scroll, focused: focused, context: c)
    }
}
