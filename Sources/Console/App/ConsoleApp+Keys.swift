import Screen
import Store

extension ConsoleApp {
    /// Handles one key and says what the caller must do next.
    public func handle(_ key: KeyEvent) -> ConsoleEffect {
        if case .resize = key { return .redraw }
        if case .mouse(let m) = key { return handleMouse(m) }
        if overlay == nil { message = nil }
        let effect: ConsoleEffect
        switch overlay {
        case .none: effect = handlePanes(key)
        case .filter(let kind): effect = handleFilter(key, kind)
        case .palette(let input): effect = handlePalette(key, input)
        case .help(let scroll): effect = handleScrolling(key, scroll) { .help(scroll: $0) }
        // A note from an alert's details is about that alert (N, as from the pane).
        case .detail(.alerts, _) where key == .char("N"): openNoteInput(); effect = .redraw
        case .detail(let kind, let scroll): effect = handleScrolling(key, scroll) { .detail(kind, scroll: $0) }
        case .picker(let picker): effect = handlePicker(key, picker)
        case .form(let form): effect = handleForm(key, form)
        case .confirmQuit(let form): effect = handleConfirmQuit(key, form)
        case .line(let line): effect = handleLine(key, line)
        case .log(let view): effect = handleLog(key, view)
        case .handover(let view): effect = handleHandover(key, view)
        case .confirm(let form, _): effect = handleConfirm(key, form)
        case .list(let view): effect = handleList(key, view)
        }
        markSeen()
        return effect
    }

    private func handlePanes(_ key: KeyEvent) -> ConsoleEffect {
        guard let command = CommandTable.command(for: key, pane: focus) else { return .none }
        return run(command)
    }

    /// Runs a command of the table in the normal (no overlay) state.
    func run(_ command: Command) -> ConsoleEffect {
        let entry = CommandTable.entry(command)
        if entry.quits { return .quit }
        entry.run(self)
        return .redraw
    }

    func moveSelection(by delta: Int) { moveSelection(to: panes[focus]!.selected + delta) }

    func moveSelection(to index: Int) {
        var target = index
        if target >= rowCount(focus), panes[focus]!.hasMore {
            panes[focus]!.limit = target + visibleRows(focus) + 50
            reload(focus)
        }
        target = min(max(0, target), max(0, rowCount(focus) - 1))
        var st = panes[focus]!
        st.selected = target
        st.clamp(count: rowCount(focus), visible: visibleRows(focus))
        st.selectedID = rowID(focus, st.selected)
        panes[focus] = st
    }

    func sortName(_ kind: PaneKind) -> String {
        let keys = kind.model.sortKeys
        let key = keys[panes[kind]!.sort % keys.count]
        return language == .zh ? (Self.sortNamesZH[key] ?? key) : key
    }

    static let sortNamesZH = [
        "severity": "按级别", "newest": "最新", "oldest": "最早", "kind": "按类别", "status": "按状态", "name": "按名称",
        "recent": "最近变动", "shortage": "按缺口", "depot": "按仓库", "item": "按物资", "expiry": "按到期", "date": "按日期",
        "latest": "最新",
    ]

    // MARK: overlays

    private func handleFilter(_ key: KeyEvent, _ kind: PaneKind) -> ConsoleEffect {
        switch key {
        case .char(let c): panes[kind]!.filter.append(c); applyFilter(kind)
        case .paste(let s): var input = TextInput(panes[kind]!.filter); input.type(s); panes[kind]!.filter = input.text; applyFilter(kind)
        case .backspace:
            guard !panes[kind]!.filter.isEmpty else { return .none }
            panes[kind]!.filter.removeLast(); applyFilter(kind)
        case .enter: overlay = nil
        case .escape: overlay = nil; panes[kind]!.filter = ""; applyFilter(kind)
        case .ctrl("c"): return .quit
        case .down, .up, .pageDown, .pageUp:
            overlay = nil
            return handlePanes(key)
        default: return .none
        }
        return .redraw
    }

    private func applyFilter(_ kind: PaneKind) {
        panes[kind]!.selected = 0
        panes[kind]!.scroll = 0
        panes[kind]!.selectedID = nil
        reload(kind)
    }

    func handleScrolling(_ key: KeyEvent, _ scroll: Int, _ make: (Int) -> Overlay) -> ConsoleEffect {
        switch key {
        case .escape, .enter, .char("q"), .char("?"): overlay = nil
        case .char("j"), .down: overlay = make(scroll + 1)
        case .char("k"), .up: overlay = make(max(0, scroll - 1))
        case .pageDown, .char(" "): overlay = make(scroll + 10)
        case .pageUp: overlay = make(max(0, scroll - 10))
        case .char("g"), .home: overlay = make(0)
        case .ctrl("c"): return .quit
        default: return .none
        }
        return .redraw
    }

    private func handlePicker(_ key: KeyEvent, _ picker: StatusPicker) -> ConsoleEffect {
        var p = picker
        switch key {
        case .escape: overlay = nil
        case .char("j"), .down, .tab: p.index = (p.index + 1) % p.options.count; overlay = .picker(p)
        case .char("k"), .up, .backTab: p.index = (p.index - 1 + p.options.count) % p.options.count; overlay = .picker(p)
        case .enter: pickStatus(p)
        case .char("q"), .ctrl("c"): return .quit
        default: return .none
        }
        return .redraw
    }

    private func handleForm(_ key: KeyEvent, _ form: Form) -> ConsoleEffect {
        var f = form
        switch key {
        case .escape: overlay = nil; return .redraw
        case .ctrl("c"):
            if f.holdsInput { overlay = .confirmQuit(f); return .redraw }
            return .quit
        case .tab, .down: f.move(1)
        case .backTab, .up: f.move(-1)
        case .left: f.cycle(-1)
        case .right: f.cycle(1)
        case .char(" ") where isChoice(f): f.cycle(1)
        case .char(let c): f.type(String(c))
        case .paste(let s): f.type(s)
        case .backspace: f.backspace()
        case .enter: submit(f); return .redraw
        default: return .none
        }
        overlay = .form(f)
        return .redraw
    }

    private func isChoice(_ f: Form) -> Bool { if case .choice = f.fields[f.focus].value { true } else { false } }

    /// y answers the form's question and submits it again; n goes back to the form.
    private func handleConfirm(_ key: KeyEvent, _ form: Form) -> ConsoleEffect {
        switch key {
        case .char("y"), .char("Y"):
            var f = form
            f.confirmed = true
            overlay = .form(f)
            submit(f)
        case .char("n"), .char("N"), .escape: overlay = .form(form)
        case .ctrl("c"): return .quit
        default: return .none
        }
        return .redraw
    }

    private func handleConfirmQuit(_ key: KeyEvent, _ form: Form) -> ConsoleEffect {
        switch key {
        case .char("y"), .char("Y"), .ctrl("c"): return .quit
        case .char("n"), .char("N"), .escape: overlay = .form(form); return .redraw
        default: return .none
        }
    }

    // MARK: mouse

    private func handleMouse(_ m: MouseEvent) -> ConsoleEffect {
        guard overlay == nil, let g = geometry(width: size.width, height: size.height) else { return .none }
        if let strip = g.tabStrips.first(where: { $0.rect.contains(x: m.x, y: m.y) }), m.kind == .press {
            let labels = TabStripView.spans(strip, catalog: t)
            if let hit = labels.first(where: { m.x >= $0.x && m.x < $0.x + $0.width }) { setFocus(hit.kind); return .redraw }
            return .none
        }
        guard let (kind, rect) = g.panes.first(where: { $0.rect.contains(x: m.x, y: m.y) }) else { return .none }
        switch m.kind {
        case .press:
            if kind != focus { setFocus(kind) }
            let row = m.y - rect.y - 2
            if row >= 0 { moveSelection(to: panes[kind]!.scroll + row) }
        case .wheelUp:
            if kind != focus { setFocus(kind) }
            moveSelection(by: -3)
        case .wheelDown:
            if kind != focus { setFocus(kind) }
            moveSelection(by: 3)
        case .release:
            return .none
        }
        return .redraw
    }
}
