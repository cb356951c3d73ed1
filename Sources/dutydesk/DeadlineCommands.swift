import Console
import Foundation
import Model
import Store

/// `dutydesk alerts steps [ALERT] [--missed] [--json]` and `dutydesk alerts done ALERT STEP`: the duty steps of
/// active alerts under the deadlines file (`DeadlineLoader`), and marking one done.
enum DeadlineCommands {
    static func rules() throws -> DeadlineRules {
        do { return try DeadlineLoader.load() } catch { throw CommandError(error.description) }
    }

    static func steps(_ args: inout Arguments) throws {
        let missedOnly = args.flag("--missed")
        let (limit, json) = try ListOutput.options(&args)
        let rules = try rules()
        let store = try StoreLocation.open(&args, readOnly: true, finishing: false)
        defer { store.close() }
        let alert = args.optionalPositional()
        try args.finish()
        let now = Date(timeIntervalSince1970: TimeInterval(store.wallMilliseconds()) / 1000)
        var lines = try alert.map { [try store.deadlines(alert: $0, rules: rules)] } ?? store.deadlines(rules: rules, limit: limit)
        if missedOnly { lines = lines.filter { !$0.missed(now: now).isEmpty } }
        var t = TextTable([Msg.colAlert, .colLevel, .colStep, .colDue, .colLeft, .colDone])
        for line in lines {
            for s in line.steps where !missedOnly || s.isMissed(now: now) {
                if json {
                    var j = JSONLine()
                    j.add("alert", line.alert.id); j.add("level", line.alert.level?.roman ?? "-"); j.add("step", s.step.description)
                    j.add("due", s.due); j.add("missed", s.isMissed(now: now)); j.add("seconds_left", s.remaining(now: now))
                    j.add("done_by", s.done?.operator); j.add("done_at", s.done?.at)
                    print(j.text)
                } else {
                    let left = s.remaining(now: now).map { ($0 < 0 ? "MISSED " : "") + Deadlines.countdown($0) } ?? "-"
                    let done = s.done.map { "\($0.operator) \(shortDate($0.at))" + ($0.at > s.due ? " (late)" : "") } ?? "-"
                    t.add([line.alert.id, line.alert.level?.roman ?? "-", s.step.description, shortDate(s.due), left, done])
                }
            }
        }
        if !json { print(lines.isEmpty ? "no open duty steps" : t.render()) }
    }

    static func done(_ args: inout Arguments) throws {
        let id = try args.positional("alert id")
        let word = try args.positional("step (report, passOn, relief:AREA)")
        guard let step = DutyStep(word) else { throw UsageError(.unknownStep, word) }
        let rules = try rules()
        let store = try StoreLocation.open(&args)
        defer { store.close() }
        let e = try store.markStep(step, alert: id, rules: rules)
        print(say(.stepDone, step.name(Msg.language), clean(id), clean(store.identity.operatorName), e.id))
    }
}
