import Foundation
import Model
import Store
import Screen

extension ConsoleApp {
    func drawOverlay(_ buffer: inout ScreenBuffer, width: Int, height: Int, context c: DrawContext) {
        switch overlay {
        case .none, .filter: break
        case .palette(let input): drawPaletteHints(&buffer, input, width: width, height: height, context: c)
        case .help(let scroll): drawLines(&buffer, title: t(.helpTitle), lines: helpLines(), scroll: scroll, hint: t(.helpHints), width: width, height: height, context: c)
        case .detail(let kind, let scroll): drawDetail(&buffer, kind, scroll: scroll, width: width, height: height, context: c)
        case .picker(let picker): drawPicker(&buffer, picker, width: width, height: height, context: c)
        case .form(let form): drawForm(&buffer, form, width: width, height: height, context: c)
        case .confirmQuit(let form):
            drawForm(&buffer, form, width: width, height: height, context: c)
            drawQuestion(&buffer, t(.discardTitle), t(.discardHint), width: width, height: height, context: c)
        case .confirm(let form, let question):
            drawForm(&buffer, form, width: width, height: height, context: c)
            drawQuestion(&buffer, question, t(.confirmHint), width: width, height: height, context: c)
        case .line:
            if let view = logUnderLine { drawLog(&buffer, view, width: width, height: height, context: c) }
        case .log(let view): drawLog(&buffer, view, width: width, height: height, context: c)
        case .list(let view): drawList(&buffer, view, width: width, height: height, context: c)
        case .handover(let view):
            drawLines(&buffer, title: t(.handoverTitle), lines: view.lines.map { ("", $0) }, scroll: view.scroll,
                      hint: t(.handoverHints), width: width, height: height, context: c)
        }
    }

    /// A one-line question in a small box over what asked it.
    private func drawQuestion(_ buffer: inout ScreenBuffer, _ title: String, _ hint: String, width: Int, height: Int,
                              context c: DrawContext) {
        let box = centred(width: min(width - 2, max(Text.width(title), Text.width(hint)) + 4), height: 3, in: width, height)
        drawDialogBox(&buffer, box, title: title, context: c)
        buffer.put(hint, x: box.x + 2, y: box.y + 1, maxWidth: box.width - 4, style: c.style(.dialog))
    }

    /// The log overlay: a box along the bottom of the screen (so opening it rewrites few cells), one event a line,
    /// the selected line marked.
    private func drawLog(_ buffer: inout ScreenBuffer, _ view: LogView, width: Int, height: Int, context c: DrawContext) {
        let h = min(height - 2, min(logRows, max(1, view.entries.count)) + 3)
        let box = Rect(x: 0, y: max(1, height - 1 - h), width: width, height: h)
        drawDialogBox(&buffer, box, title: t(.logTitle, view.scope, view.entries.count), context: c)
        let inner = box.inset(by: 1)
        guard inner.width > 4, inner.height > 1 else { return }
        let visible = max(1, inner.height - 1)
        for (i, entry) in view.entries.enumerated().dropFirst(view.scroll).prefix(visible) {
            let y = inner.y + i - view.scroll
            let selected = i == view.selected
            let style = c.style(selected ? .dialogFocus : .dialog)
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            let text: String
            switch entry {
            case .event(let e): text = logLine(e, context: c)
            case .sync(let s): text = timeText(s.atMilliseconds, context: c) + "  " + s.summary(language)
            case .missed(let m): text = timeText(LogLine.missed(m).milliseconds, context: c) + "  " + t(.alarmMissed, m.step.name(language), m.alert)
            }
            buffer.put(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: style)
        }
        if view.entries.isEmpty { buffer.put(t(.empty), x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, style: c.style(.dim)) }
        drawScrollHint(&buffer, t(.logHints), top: view.scroll, visible: visible, total: view.entries.count, in: inner, context: c)
    }

    /// A log line's time: the clock today, the date and clock before.
    func timeText(_ wall: Int64, context c: DrawContext) -> String {
        let when = Date(timeIntervalSince1970: TimeInterval(wall) / 1000)
        return c.format.date(when) == c.format.date(c.now) ? c.format.clock(when) : c.format.dateTime(when)
    }

    /// One log line as the console shows it: the time (the date when not today), who, what (and the centre's refusal).
    func logLine(_ e: DutyLogEntry, context c: DrawContext) -> String {
        var line = timeText(e.event.hlc.wall, context: c) + "  " + e.event.operator + "  " + e.summary(language)
        if let reason = e.rejection { line += "  " + t(.logRejected, reason) }
        return line
    }

    func centred(width w: Int, height h: Int, in width: Int, _ height: Int) -> Rect {
        let bw = max(4, min(w, width)), bh = max(3, min(h, height))
        return Rect(x: max(0, (width - bw) / 2), y: max(0, (height - bh) / 2), width: bw, height: bh)
    }

    func drawDialogBox(_ buffer: inout ScreenBuffer, _ box: Rect, title: String, context c: DrawContext) {
        buffer.fill(box, style: c.style(.dialog))
        buffer.drawBox(box, title: title, style: c.style(.dialog), titleStyle: c.style(.paneTitleFocus), unicode: c.unicode)
    }

    /// The help text, generated from the command table: the keys, then the palette's words.
    func helpLines() -> [(String, String)] {
        var seen = Set<String>()
        var lines: [(String, String)] = []
        for e in CommandTable.entries where !e.keys.isEmpty {
            var help = t(e.help)
            if e.command == .focusUnits || e.command == .focusStock || e.command == .focusDrills { continue }
            if e.command == .focusAlerts { lines.append(("1 2 3 4", help)); continue }
            if let pane = e.pane { help += "  [" + t.pane(pane) + "]" }
            let key = e.label + help
            if seen.insert(key).inserted { lines.append((e.label, help)) }
        }
        lines.append(("", ""))
        for e in CommandTable.paletteEntries { lines.append(paletteLine(e)) }
        return lines
    }

    private func drawLines(_ buffer: inout ScreenBuffer, title: String, lines: [(String, String)], scroll: Int, hint: String,
                           width: Int, height: Int, context c: DrawContext) {
        let box = centred(width: min(width - 2, 100), height: min(height - 2, lines.count + 3), in: width, height)
        drawDialogBox(&buffer, box, title: title, context: c)
        let keyWidth = min(14, lines.reduce(0) { max($0, Text.width($1.0)) })
        let inner = box.inset(by: 1)
        let textWidth = max(1, inner.width - keyWidth - 3)
        var wrapped: [(String, String)] = []
        for (key, text) in lines {
            let parts = text.isEmpty ? [""] : Text.wrap(text, textWidth)
            for (i, part) in parts.enumerated() { wrapped.append((i == 0 ? key : "", part)) }
        }
        let visible = max(1, inner.height - 1)
        let top = min(scroll, max(0, wrapped.count - visible))
        // Scrolling past the end stays at the end, so one key back moves the view.
        if case .help(let s) = overlay, s > top { overlay = .help(scroll: top) }
        for (i, line) in wrapped.dropFirst(top).prefix(visible).enumerated() {
            let y = inner.y + i
            buffer.put(Text.pad(line.0, keyWidth), x: inner.x + 1, y: y, maxWidth: keyWidth, style: c.style(.statusKey))
            buffer.put(line.1, x: inner.x + keyWidth + 2, y: y, maxWidth: textWidth, style: c.style(.dialog))
        }
        drawScrollHint(&buffer, hint, top: top, visible: visible, total: wrapped.count, in: inner, context: c)
    }

    /// The hint line of a scrolling box, with where the view is ("12–30/41 ↓") at its right when not all shows.
    func drawScrollHint(_ buffer: inout ScreenBuffer, _ hint: String, top: Int, visible: Int, total: Int,
                                in inner: Rect, context c: DrawContext) {
        var position = ""
        if total > visible {
            let last = min(total, top + visible)
            let up = top > 0 ? (c.unicode ? "↑" : "^") : " "
            let down = last < total ? (c.unicode ? "↓" : "v") : " "
            position = "\(top + 1)\(c.unicode ? "–" : "-")\(last)/\(total) " + up + down
        }
        let room = inner.width - 1 - (position.isEmpty ? 0 : Text.width(position) + 1)
        buffer.put(hint, x: inner.x + 1, y: inner.maxY - 1, maxWidth: max(0, room), style: c.style(.dim))
        if !position.isEmpty {
            buffer.put(position, x: max(inner.x, inner.maxX - Text.width(position) - 1), y: inner.maxY - 1,
                       maxWidth: inner.width, style: c.style(.dialog))
        }
    }

    private func drawDetail(_ buffer: inout ScreenBuffer, _ kind: PaneKind, scroll: Int, width: Int, height: Int, context c: DrawContext) {
        let lines = kind.model.detail(self, c)
        let box = Rect(x: min(2, width / 10), y: min(2, height / 10), width: width - 2 * min(2, width / 10),
                       height: height - 2 * min(2, height / 10))
        drawDialogBox(&buffer, box, title: t(.detailTitle) + " · " + t.pane(kind), context: c)
        let inner = box.inset(by: 1)
        guard inner.width > 4, inner.height > 1 else { return }
        let labelWidth = min(inner.width / 3, lines.reduce(0) { max($0, Text.width($1.0)) })
        let textWidth = max(1, inner.width - labelWidth - 3)
        var wrapped: [(String, String)] = []
        for (label, value) in lines {
            for (i, part) in Text.wrap(value, textWidth).enumerated() { wrapped.append((i == 0 ? label : "", part)) }
        }
        let visible = max(1, inner.height - 1)
        let top = min(scroll, max(0, wrapped.count - visible))
        if case .detail(let k, let s) = overlay, s > top { overlay = .detail(k, scroll: top) }
        for (i, line) in wrapped.dropFirst(top).prefix(visible).enumerated() {
            buffer.put(Text.pad(line.0, labelWidth), x: inner.x + 1, y: inner.y + i, maxWidth: labelWidth, style: c.style(.columnHeader))
            buffer.put(line.1, x: inner.x + labelWidth + 2, y: inner.y + i, maxWidth: textWidth, style: c.style(.dialog))
        }
        drawScrollHint(&buffer, t(.detailHints), top: top, visible: visible, total: wrapped.count, in: inner, context: c)
    }

    private func drawPicker(_ buffer: inout ScreenBuffer, _ p: StatusPicker, width: Int, height: Int, context c: DrawContext) {
        let title = t(.statusPickerTitle, p.unit.name)
        let names = p.options.map { t.name($0) }
        let w = max(Text.width(title) + 6, names.reduce(Text.width(t(.pickerHints))) { max($0, Text.width($1)) } + 6)
        let box = centred(width: min(width - 2, w), height: names.count + 4, in: width, height)
        drawDialogBox(&buffer, box, title: title, context: c)
        let inner = box.inset(by: 1)
        let visible = max(1, inner.height - 1)
        let top = max(0, p.index - visible + 1)
        for (i, name) in names.enumerated().dropFirst(top).prefix(visible) {
            let y = inner.y + i - top
            let selected = i == p.index
            let style = c.style(selected ? .dialogFocus : .dialog)
            buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            let current = p.options[i] == p.unit.status ? " ←" : ""
            buffer.put((selected ? "> " : "  ") + name + current, x: inner.x + 1, y: y, maxWidth: inner.width - 1, style: style)
        }
        buffer.put(t(.pickerHints), x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 1, style: c.style(.dim))
    }

    func formTitle(_ form: Form) -> String {
        switch form.purpose {
        case .stock(let kind, let row):
            let item = row.item.names[language], depot = row.depot.name
            switch kind {
            case .issue: return t(.issueTitle, item, depot)
            case .receive: return t(.receiveTitle, item, depot)
            default: return t(.countTitle, item, depot)
            }
        case .transfer(let row): return t(.transferTitle, row.item.names[language], row.depot.name)
        case .unitAlert(let unit, let status): return unit.name + " → " + t.name(status)
        case .drill: return t(.drillTitle)
        case .takeOver: return t(.handoverTitle)
        }
    }

    private func drawForm(_ buffer: inout ScreenBuffer, _ form: Form, width: Int, height: Int, context c: DrawContext) {
        var notes: [String] = []
        if case .stock(_, let row) = form.purpose {
            notes.append(t(.onHand, row.line.quantity, row.item.unitOfMeasure[language], row.line.minimum))
        }
        if case .transfer(let row) = form.purpose {
            notes.append(t(.onHand, row.line.quantity, row.item.unitOfMeasure[language], row.line.minimum))
        }
        if case .unitAlert = form.purpose { notes.append(t(.alertIDHint)) }
        let labelWidth = form.fields.reduce(0) { max($0, Text.width(t($1.label))) }
        let w = min(width - 2, max(56, labelWidth + 30, Text.width(formTitle(form)) + 6))
        let h = form.fields.count + notes.count + 4 + (form.error == nil ? 0 : 1)
        let box = centred(width: w, height: h, in: width, height)
        drawDialogBox(&buffer, box, title: formTitle(form), context: c)
        let inner = box.inset(by: 1)
        var y = inner.y
        for note in notes {
            buffer.put(note, x: inner.x + 1, y: y, maxWidth: inner.width - 1, style: c.style(.dim)); y += 1
        }
        let fieldX = inner.x + labelWidth + 3
        let fieldWidth = max(1, inner.maxX - fieldX - 1)
        let cursor = c.unicode ? "▏" : "_"
        for (i, field) in form.fields.enumerated() where y < inner.maxY {
            let focused = i == form.focus
            buffer.put(Text.pad(t(field.label), labelWidth), x: inner.x + 1, y: y, maxWidth: labelWidth, style: c.style(focused ? .statusKey : .dialog))
            let style = c.style(focused ? .dialogFocus : .dialogField)
            buffer.fill(Rect(x: fieldX, y: y, width: fieldWidth, height: 1), style: style)
            let value: String
            switch field.value {
            case .text(let input):
                // Show the end of long input, so what is being typed stays visible.
                var shown = input.text + (focused ? cursor : "")
                while Text.width(shown) > fieldWidth, !shown.isEmpty { shown.removeFirst() }
                value = shown
            case .choice(let options, let index, _):
                value = "‹ " + options[index][language] + " ›"
            }
            buffer.put(value, x: fieldX, y: y, maxWidth: fieldWidth, style: style)
            y += 1
        }
        if let error = form.error, y < inner.maxY {
            buffer.put(error, x: inner.x + 1, y: y, maxWidth: inner.width - 1, style: c.style(.error)); y += 1
        }
        buffer.put(t(.dialogHints), x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 1, style: c.style(.dim))
    }

    private func drawPaletteHints(_ buffer: inout ScreenBuffer, _ input: TextInput, width: Int, height: Int, context c: DrawContext) {
        let hints = paletteHints(input.text) + [t(.paletteHints)]
        let shown = Array(hints.suffix(max(0, min(hints.count, height - 3))))
        let h = shown.count
        guard h > 0 else { return }
        let w = min(width, shown.reduce(0) { max($0, Text.width($1)) } + 2)
        let top = height - 1 - h
        for (i, line) in shown.enumerated() {
            let style = c.style(i == h - 1 ? .dim : .dialog)
            buffer.fill(Rect(x: 0, y: top + i, width: w, height: 1), style: c.style(.dialog))
            buffer.put(" " + line, x: 0, y: top + i, maxWidth: w, style: style)
        }
    }
}
