import Foundation
import Model
import Store

/// `dutydesk shift start --officer A --leader B | end | show [--json]`.
enum ShiftCommand {
    static func run(_ args: inout Arguments) throws {
        switch try args.positional("shift subcommand (start, end, show)") {
        case "start":
            guard let officer = try args.option("--officer"), let leader = try args.option("--leader") else {
                throw UsageError(.shiftNeedsNames)
            }
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let s = try store.startShift(officer: officer, leader: leader)
            print(say(.shiftStarted, s.id, clean(officer), clean(leader), s.office))
        case "end":
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let s = try store.endShift()
            print(say(.shiftEnded, s.id, clean(s.officer)))
        case "show":
            let json = args.flag("--json")
            let store = try StoreLocation.open(&args, readOnly: true)
            defer { store.close() }
            guard let s = try store.currentShift() else {
                print(json ? "null" : say(.noShift))
                return
            }
            if json {
                print(shiftJSON(s).text)
            } else {
                print(say(.shiftShow, s.id, clean(s.officer), clean(s.leader), s.office, DutyLogText.time(s.start.wall, .current)))
            }
        case let other: throw UsageError(.unknownSubcommand, "shift", other)
        }
    }

    static func shiftJSON(_ s: Shift) -> JSONLine {
        var j = JSONLine()
        j.add("id", s.id.description)
        j.add("office", s.office)
        j.add("officer", s.officer)
        j.add("leader", s.leader)
        j.add("start", s.start.wall)
        j.add("end", s.end?.wall)
        j.add("handedOverFrom", s.handedOverFrom?.description)
        return j
    }
}

/// `dutydesk log [--shift ID|current] [--since YYYY-MM-DD [--at HH:MM]] [--alert ID] [--operator NAME] [--limit N]
/// [--json]`; without --shift, --since or --alert, the shift that is on (else the last 24 hours).
enum LogCommand {
    static func run(_ args: inout Arguments) throws {
        let shift = try args.option("--shift"), since = try args.option("--since"), at = try args.option("--at")
        let alert = try args.option("--alert"), op = try args.option("--operator")
        let json = args.flag("--json")
        let limit = try args.int("--limit", range: 1...1_000_000) ?? 100_000
        let lang = Language.from(environment: ProcessInfo.processInfo.environment, explicit: try args.option("--lang"))
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        var query = DutyLogQuery(alert: alert, operator: op, limit: limit)
        if let shift { query.shift = try store.shift(named: shift) }
        if let since { query.sinceMilliseconds = Int64(try Parse.day(since, time: at).timeIntervalSince1970 * 1000) }
        if shift == nil, since == nil, alert == nil {
            // Unfiltered, the log is the shift that is on, or the last 24 hours: never the whole history at once.
            if let on = try store.currentShift() {
                query.shift = on
            } else {
                query.sinceMilliseconds = Int64(Date().timeIntervalSince1970 * 1000) - 86_400_000
            }
        }
        let entries = try store.dutyLog(query)
        // Misses belong to the span read; the operator filter asks for what someone wrote, and a miss has no writer.
        let from = query.shift?.start.wall ?? query.sinceMilliseconds ?? 0
        let missed = op != nil ? [] : try store.missedSteps(rules: try DeadlineCommands.rules(),
                                                             since: Date(timeIntervalSince1970: TimeInterval(from) / 1000), alert: alert)
        try printEntries(entries, sync: try store.syncLog(query), missed: missed, json: json, lang: lang)
    }

    /// The entries, with this desk's sync results and the steps missed among them (JSON: `"kind":"sync"` and
    /// `"kind":"missed"` lines, after the events).
    static func printEntries(_ entries: [DutyLogEntry], sync: [SyncLogLine] = [], missed: [MissedStep] = [],
                             json: Bool, lang: Language) throws {
        if json {
            for e in entries { print(entryJSON(e, lang: lang).text) }
            for s in sync {
                var j = JSONLine()
                j.add("time", s.atMilliseconds)
                j.add("kind", "sync")
                j.add("ok", s.ok)
                j.add("summary", s.summary(lang))
                print(j.text)
            }
            for m in missed {
                var j = JSONLine()
                j.add("time", Int64(m.due.timeIntervalSince1970 * 1000)); j.add("kind", "missed"); j.add("alert", m.alert)
                j.add("step", m.step.description); j.add("summary", m.step.name(lang))
                print(j.text)
            }
        } else if entries.isEmpty && sync.isEmpty && missed.isEmpty {
            print(lang == .zh ? "（无记录）" : "(nothing logged)")
        } else {
            print(DutyLogText.merged(entries, sync, missed: missed, lang: lang, zone: .current).joined(separator: "\n"))
        }
    }

    static func entryJSON(_ e: DutyLogEntry, lang: Language) -> JSONLine {
        var j = JSONLine()
        j.add("id", e.event.id.description)
        j.add("time", e.event.hlc.wall)
        j.add("hlc", e.event.hlc.description)
        j.add("office", e.event.office)
        j.add("operator", e.event.operator)
        j.add("kind", e.kind.tag)
        j.add("alert", e.event.payload.linkedAlert)
        j.add("summary", e.summary(lang))
        j.add("rejected", e.rejection)
        return j
    }
}

/// `dutydesk alerts timeline ID [--json]`.
enum TimelineCommand {
    static func run(_ args: inout Arguments) throws {
        let id = try args.positional("alert id")
        let json = args.flag("--json")
        let lang = Language.from(environment: ProcessInfo.processInfo.environment, explicit: try args.option("--lang"))
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        try LogCommand.printEntries(try store.timeline(alert: id), missed: try store.missedSteps(rules: try DeadlineCommands.rules(), alert: id),
                                    json: json, lang: lang)
    }
}

/// `dutydesk note TEXT [--alert ID]`: a duty-log note.
enum NoteCommand {
    static func run(_ args: inout Arguments) throws {
        let alert = try args.option("--alert")
        let text = try args.positional("note text")
        let store = try StoreLocation.open(&args)
        defer { store.close() }
        let e = try store.addNote(text, alertID: alert)
        print(alert.map { say(.notedOnAlert, e.id, clean($0)) } ?? say(.noted, e.id))
    }
}

/// `dutydesk correct EVENT-ID --reason R`: a compensating event and a correction note.
enum CorrectCommand {
    static func run(_ args: inout Arguments) throws {
        guard let reason = try args.option("--reason") else { throw UsageError(.correctNeedsReason) }
        let id = try args.positional("event id (DEVICE-SEQ, as `dutydesk log` shows it)")
        let store = try StoreLocation.open(&args)
        defer { store.close() }
        let events = try store.correct(id, reason: reason)
        let by = events.map { "\($0.id) (\($0.payload.tag))" }.joined(separator: ", ")
        print(say(.corrected, clean(id), by))
    }
}

/// `dutydesk handover [--markdown] [--lang zh|en]`, and `--ack --officer C --leader D` to take over.
enum HandoverCommand {
    static func run(_ args: inout Arguments) throws {
        let markdown = args.flag("--markdown"), ack = args.flag("--ack")
        let officer = try args.option("--officer"), leader = try args.option("--leader")
        let lang = Language.from(environment: ProcessInfo.processInfo.environment, explicit: try args.option("--lang"))
        let store = try StoreLocation.open(&args, readOnly: !ack)
        defer { store.close() }
        if ack {
            guard let officer, let leader else { throw UsageError(.handoverNeedsNames) }
            let (ended, started) = try store.takeOver(officer: officer, leader: leader)
            print(say(.handedOver, ended.id, started.id, clean(officer), clean(leader), lang: lang))
            return
        }
        print(HandoverText.render(try store.handover(), lang: lang, markdown: markdown, zone: .current))
    }
}
