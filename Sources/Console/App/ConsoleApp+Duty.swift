import Foundation
import Model
import Screen
import Store

extension ConsoleApp {
    // MARK: notes

    /// The alert a note links to: the selected one when the alerts pane has focus.
    var noteAlert: String? { focus == .alerts ? selectedAlert?.id : nil }

    func openNoteInput() { overlay = .line(LineInput(purpose: .note(alert: noteAlert))) }

    func writeNote(_ text: String, alert: String?) {
        do {
            try data.addNote(text, alertID: alert)
            afterWrite()
            refreshLog()
            show(alert.map { t(.noteWrittenFor, $0) } ?? t(.noteWritten))
        } catch {
            show(error)
        }
    }

    /// The status-bar prompt of a line input.
    func linePrompt(_ line: LineInput) -> String {
        switch line.purpose {
        case .note(let alert): alert.map { t(.notePromptAlert, $0) } ?? t(.notePrompt)
        case .undo(let id): t(.undoPrompt, id.description)
        }
    }

    func handleLine(_ key: KeyEvent, _ line: LineInput) -> ConsoleEffect {
        var l = line
        switch key {
        case .escape: overlay = returnOverlay(); return .redraw
        case .ctrl("c"): return .quit
        case .char(let c): l.input.type(String(c))
        case .paste(let s): l.input.type(s)
        case .backspace: l.input.backspace()
        case .enter:
            overlay = returnOverlay()
            switch l.purpose {
            case .note(let alert): writeNote(l.input.text, alert: alert)
            case .undo(let id): correctEvent(id.description, reason: l.input.text)
            }
            return .redraw
        default: return .none
        }
        overlay = .line(l)
        return .redraw
    }

    /// The log overlay a line input came from, re-read, or nothing.
    private func returnOverlay() -> Overlay? {
        guard var view = logUnderLine else { return nil }
        logUnderLine = nil
        view.entries = (try? readLog(logScope)) ?? view.entries
        return .log(view)
    }

    // MARK: the log overlay

    /// Opens the log: "" or "shift" the shift that is on (else the last day), "all" the last day of every office,
    /// else an alert's timeline, else one operator's lines.
    func openLog(_ argument: String) {
        do {
            logScope = argument
            let entries = try readLog(argument)
            var view = LogView(scope: logTitle(argument), entries: entries, selected: max(0, entries.count - 1))
            view.clamp(visible: logRows)
            lastLogSelection = view.selectedEntry?.event.id
            overlay = .log(view)
        } catch {
            show(error)
        }
    }

    /// The lines of the log `argument` names, with this desk's sync results in the spans that have them.
    func readLog(_ argument: String) throws -> [LogLine] {
        let dayAgo = options.clock.nowMilliseconds() - 86_400_000
        let limit = 2_000
        let query: DutyLogQuery
        switch argument {
        case "", "shift", "本班":
            query = try data.currentShift().map { DutyLogQuery(shift: $0, limit: limit) }
                ?? DutyLogQuery(sinceMilliseconds: dayAgo, limit: limit)
        case "all", "全部":
            query = DutyLogQuery(sinceMilliseconds: dayAgo, limit: limit)
        default:
            if let timeline = try? data.timeline(alert: argument) {
                return LogLine.merged(timeline, [], missed: missedSteps(alert: argument, since: 0))
            }
            query = DutyLogQuery(sinceMilliseconds: dayAgo, operator: argument, limit: limit)
            return LogLine.merged(try data.dutyLog(query), try data.syncLog(query))
        }
        let since = query.shift?.start.wall ?? query.sinceMilliseconds ?? 0
        return LogLine.merged(try data.dutyLog(query), try data.syncLog(query), missed: missedSteps(alert: nil, since: since))
    }

    /// The steps missed by now (of one alert, or all) due since `since`: the log shows them where they fell due.
    private func missedSteps(alert: String?, since: Int64) -> [MissedStep] {
        let now = self.now
        return deadlines.values.filter { alert == nil || $0.alert.id == alert || $0.alert.key == alert }.flatMap { d in
            d.missed(now: now).filter { Int64($0.due.timeIntervalSince1970 * 1000) >= since }
                .map { MissedStep(alert: d.alert.id, step: $0.step, due: $0.due) }
        }
    }

    private func logTitle(_ argument: String) -> String {
        switch argument {
        case "", "shift", "本班": duty.map { t(.logShift, $0.officer) } ?? t(.logDay)
        case "all", "全部": t(.logDay)
        default: t(.logOf, argument)
        }
    }

    /// Re-reads the open log after a write, keeping the view on its last line when it was there.
    func refreshLog() {
        guard case .log(var view) = overlay, let entries = try? readLog(logScope) else { return }
        let atEnd = view.selected >= view.entries.count - 1
        view.entries = entries
        if atEnd { view.selected = entries.count - 1 }
        overlay = .log(view)
    }

    func handleLog(_ key: KeyEvent, _ view: LogView) -> ConsoleEffect {
        var v = view
        let page = max(1, logRows - 1)
        switch key {
        case .escape, .char("q"), .char("L"): overlay = nil; return .redraw
        case .ctrl("c"): return .quit
        case .char("j"), .down: v.selected += 1
        case .char("k"), .up: v.selected -= 1
        case .pageDown, .ctrl("f"), .char(" "): v.selected += page
        case .pageUp, .ctrl("b"): v.selected -= page
        case .char("g"), .home: v.selected = 0
        case .char("G"), .end: v.selected = v.entries.count - 1
        case .char("u"):
            guard let entry = v.selectedEntry else { return .none }
            logUnderLine = v
            overlay = .line(LineInput(purpose: .undo(entry.event.id)))
            return .redraw
        case .char("N"):
            logUnderLine = v
            overlay = .line(LineInput(purpose: .note(alert: v.selectedEntry?.event.payload.linkedAlert)))
            return .redraw
        default: return .none
        }
        v.clamp(visible: logRows)
        lastLogSelection = v.selectedEntry?.event.id
        overlay = .log(v)
        return .redraw
    }

    /// Rows of log lines the overlay shows: few enough that opening it stays a small write.
    var logRows: Int { max(1, min(14, size.height - 6)) }

    // MARK: corrections

    /// `:undo REASON`: the log line selected last (the log overlay's `u` asks for the reason itself).
    func undoSelectedLogLine(reason: String) {
        if let id = lastLogSelection { correctEvent(id.description, reason: reason); return }
        show(t(.errUndoWhat), error: true)
    }

    func correctEvent(_ id: String, reason: String) {
        do {
            try data.correct(id, reason: reason)
            afterWrite()
            refreshLog()
            show(t(.corrected, id))
        } catch {
            show(error)
        }
    }

    // MARK: shift and handover

    func openHandover() {
        do {
            let record = try data.handover(fallbackSinceMilliseconds: options.clock.nowMilliseconds() - 86_400_000)
            // Whole lines: the overlay wraps them to its own width (cut to 80 first, a line was cut and then wrapped).
            let text = HandoverText.render(record, lang: language, markdown: false, zone: options.timeZone, width: nil)
            overlay = .handover(HandoverView(lines: text.components(separatedBy: "\n")))
        } catch {
            show(error)
        }
    }

    func handleHandover(_ key: KeyEvent, _ view: HandoverView) -> ConsoleEffect {
        switch key {
        case .char("a"), .enter:
            overlay = .form(Form(purpose: .takeOver, fields: [
                Form.Field(label: .fieldOfficer, value: .text(TextInput())),
                Form.Field(label: .fieldLeader, value: .text(TextInput(duty?.leader ?? ""))),
            ]))
            return .redraw
        default:
            return handleScrolling(key, view.scroll) { .handover(HandoverView(lines: view.lines, scroll: $0)) }
        }
    }

    /// The incoming officer's acknowledgment: the shift that is on ends and theirs starts (or, with none on, starts).
    func takeOver(_ form: Form) {
        let officer = form.fields[0].text.trimmingCharacters(in: .whitespaces)
        let leader = form.fields[1].text.trimmingCharacters(in: .whitespaces)
        do {
            if duty == nil { try data.startShift(officer: officer, leader: leader) } else { try data.takeOver(officer: officer, leader: leader) }
            overlay = nil
            afterWrite()
            show(t(.tookOver, officer, leader))
        } catch {
            fail(form, "\(error)")
        }
    }
}
