import Foundation
import Model
import Screen
import Store

/// The console's alarms: a level I or II Actual alert arriving, or a duty step missed, sounds once and leaves a
/// banner until `!` acknowledges it. Test, Exercise, System and Draft messages never alarm.
struct AlarmState: Equatable {
    /// One banner line: what happened, and the alert it is about.
    struct Banner: Equatable {
        var text: String
        var alert: String
    }
    /// Alerts and missed steps already known (alarmed, or there when the console opened).
    var known: Set<String> = []
    var banners: [Banner] = []
    /// A sound waits for the next frame.
    var pending = false
    /// `:alarm off`: banners still show, nothing sounds.
    var silenced = false
}

extension ConsoleApp {
    /// Looks for what should alarm: new level I–II Actual alerts and newly missed steps. With `initial`, marks what is
    /// there as known without alarming. `arrivals: false` (a tick with no data change) checks only the steps, which
    /// the clock alone can miss, against the deadlines already read: no query. True when a banner was added.
    @discardableResult
    func checkAlarms(initial: Bool = false, arrivals: Bool = true) -> Bool {
        var fresh: [AlarmState.Banner] = []
        if arrivals {
            var q = AlertQuery()
            q.levels = [.red, .orange]
            q.activeOnly = true
            q.limit = 200
            let severe = ((try? data.alerts(q)) ?? []).filter { $0.status == .actual }
            for a in severe where alarms.known.insert("alert " + a.key).inserted {
                guard let level = a.level else { continue }
                fresh.append(AlarmState.Banner(text: t(.alarmAlert, level.roman, t.name(level), a.headline), alert: a.id))
            }
        }
        let now = self.now
        for d in deadlines.values.sorted(by: { $0.alert.id < $1.alert.id }) {
            for s in d.missed(now: now) where alarms.known.insert("missed \(d.alert.key) \(s.step)").inserted {
                fresh.append(AlarmState.Banner(text: t(.alarmMissed, s.step.name(language), d.alert.id), alert: d.alert.id))
            }
        }
        guard !initial, !fresh.isEmpty else { return false }
        alarms.banners += fresh
        alarms.pending = true
        return true
    }

    /// The sound the next frame carries (once), or nil.
    func takeAlarm() -> ScreenAlarm? {
        defer { alarms.pending = false }
        guard alarms.pending, !alarms.silenced else { return nil }
        return options.alarmSound
    }

    /// `:alarm off|on`: silences or restores the sound (banners show either way).
    func setAlarmSound(_ args: [String]) {
        guard let v = args.first, v == "on" || v == "off" else { showUsage(.alarm); return }
        alarms.silenced = v == "off"
        show(alarms.silenced ? t(.alarmSilenced) : t(.alarmOn))
    }

    /// `!`: the banners are acknowledged.
    func acknowledgeAlarms() {
        let n = alarms.banners.count
        alarms.banners.removeAll()
        show(n == 0 ? t(.alarmNone) : t(.alarmAcknowledged, n))
    }

    /// The banner under the header: the latest alarm, and how many more wait.
    func drawBanner(_ buffer: inout ScreenBuffer, width: Int, context c: DrawContext) {
        guard let last = alarms.banners.last, buffer.height > 2 else { return }
        let more = alarms.banners.count > 1 ? " " + t(.alarmMore, alarms.banners.count - 1) : ""
        let text = (c.unicode ? " ‼ " : " !! ") + last.text + more + "  " + t(.alarmHint)
        buffer.fill(Rect(x: 0, y: 1, width: width, height: 1), style: c.style(.error))
        buffer.put(text, x: 0, y: 1, maxWidth: width, style: c.style(.error))
    }

    // MARK: deadlines on screen

    /// The alert row's countdown: its next open step's time left, or `!` and the step when one is missed.
    func countdown(_ row: AlertRow) -> (text: String, missed: Bool)? {
        guard let d = deadlines[row.id] else { return nil }
        let now = self.now
        if let missed = d.missed(now: now).first { return ("!" + missed.step.shortName(language), true) }
        guard let next = d.next, let left = next.remaining(now: now) else { return nil }
        return (Self.shortCountdown(left), false)
    }

    /// `9:42` under ten minutes (it ticks each second), `42m` under an hour, `9h42m` beyond: a row repaints each
    /// second only while it is close.
    static func shortCountdown(_ seconds: Int64) -> String {
        if seconds < 600 { return Deadlines.countdown(seconds) }
        if seconds < 3600 { return "\(seconds / 60)m" }
        return "\(seconds / 3600)h\(String(format: "%02d", seconds / 60 % 60))m"
    }

    /// Steps missed now, over every active alert (the header's count).
    var missedCount: Int {
        let now = self.now
        return deadlines.values.reduce(0) { $0 + $1.missed(now: now).count }
    }

    /// The countdowns of the alert rows on screen (empty when the alerts pane is hidden).
    func visibleCountdowns() -> [String] {
        guard visiblePanes().contains(.alerts) else { return [] }
        let st = panes[.alerts]!
        return alertRows.dropFirst(st.scroll).prefix(visibleRows(.alerts)).map { countdown($0)?.text ?? "" } + [String(missedCount)]
    }

    /// The alert's steps for its details: each step, when it is due, and who did it when (or the time left).
    func stepLines(_ row: AlertRow, context c: DrawContext) -> [(String, String)] {
        guard let d = deadlines[row.id] else { return [] }
        return [(t(.stepsTitle), "")] + d.steps.map { s in
            let state: String
            if let done = s.done {
                state = t(.stepDone, done.operator, c.format.clock(done.at)) + (done.at > s.due ? " " + t(.stepLate) : "")
            } else if s.isMissed(now: c.now) {
                state = t(.stepMissed)
            } else {
                state = Deadlines.countdown(s.remaining(now: c.now) ?? 0)
            }
            return ("", s.step.name(language) + "  " + c.format.clock(s.due) + "  " + state)
        }
    }

    /// `d` / `:done [STEP]`: marks a step of the selected alert done (its next open step when none is named).
    func markStepDone(_ typed: String?) {
        guard let row = selectedAlert else { show(t(.errNothingSelected), error: true); return }
        let step: DutyStep?
        if let typed { step = DutyStep(typed) } else { step = deadlines[row.id]?.next?.step }
        guard let step else { show(typed.map { t(.errNoStep, $0) } ?? t(.noOpenStep), error: true); return }
        do {
            try data.markStep(step, alert: row.id, rules: options.deadlineRules)
            afterWrite()
            show(t(.stepMarked, step.name(language), row.id))
        } catch {
            show(error)
        }
    }
}
