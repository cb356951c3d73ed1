import Foundation
import Model

/// An active alert and its duty steps (`Deadlines.steps`), as this store reads them at one moment.
public struct AlertDeadlines: Sendable, Hashable {
    public var alert: AlertRow
    public var steps: [StepDeadline]

    public func missed(now: Date) -> [StepDeadline] { steps.filter { $0.isMissed(now: now) } }
    /// The open step due first, if any (the row's countdown).
    public var next: StepDeadline? { steps.filter(\.isOpen).min { $0.due < $1.due } }
}

/// A duty step whose due time passed with the step open: a line of the duty log, derived when read.
public struct MissedStep: Sendable, Hashable {
    public var alert: String
    public var step: DutyStep
    public var due: Date
    public init(alert: String, step: DutyStep, due: Date) { self.alert = alert; self.step = step; self.due = due }
}

extension Store {
    /// The steps missed by now among the active alerts, due at or after `since` (or of one alert), oldest first.
    /// An alert that has ended keeps the steps it had missed by its end (`endedMisses`).
    public func missedSteps(rules: DeadlineRules, since: Date = .distantPast, alert: String? = nil) throws -> [MissedStep] {
        let now = self.now
        let lines = try alert.map { [try deadlines(alert: $0, rules: rules)] } ?? deadlines(rules: rules) + endedMisses(rules: rules, since: since)
        return lines.flatMap { d in
            d.missed(now: now).filter { $0.due >= since }.map { MissedStep(alert: d.alert.id, step: $0.step, due: $0.due) }
        }.sorted { ($0.due, $0.alert) < ($1.due, $1.alert) }
    }

    /// Every active Actual alert with its steps under `rules`, most urgent first. A missed step is derived here,
    /// when read, so every office holding the same events sees the same misses at the same time.
    /// An alert without a level (CAP severity Unknown) still has to be reported and passed on: it takes the lowest
    /// level's steps, which never include relief.
    static let unleveledDeadlines = WarningLevel.blue

    public func deadlines(rules: DeadlineRules, limit: Int = 500) throws -> [AlertDeadlines] {
        var q = AlertQuery()
        q.activeOnly = true
        q.limit = limit
        let alerts = try self.alerts(q).filter { $0.status == .actual }
        guard !alerts.isEmpty else { return [] }
        let done = try stepsDone(alerts: alerts.map(\.key))
        return alerts.map { a in
            AlertDeadlines(alert: a, steps: Deadlines.steps(received: a.received, level: a.level ?? Self.unleveledDeadlines, areas: a.areas, status: a.status,
                                                           active: a.state.isActive, done: done[a.key] ?? [:], rules: rules))
        }.filter { !$0.steps.isEmpty }.sorted { ($0.next?.due ?? .distantFuture, $0.alert.key) < ($1.next?.due ?? .distantFuture, $1.alert.key) }
    }

    /// The steps of one alert (any state; empty when it has none). An alert that has ended keeps only the steps it
    /// had missed by its end.
    public func deadlines(alert typed: String, rules: DeadlineRules) throws -> AlertDeadlines {
        guard let a = try alert(id: typed) else { throw StoreError.unknown("alert", typed) }
        let done = try stepsDone(alerts: [a.key])[a.key] ?? [:]
        if !a.state.isActive { return AlertDeadlines(alert: a, steps: try missedByEnd(a, done, rules)) }
        return AlertDeadlines(alert: a, steps: Deadlines.steps(received: a.received, level: a.level ?? Self.unleveledDeadlines, areas: a.areas, status: a.status,
                                                              active: true, done: done, rules: rules))
    }

    /// Alerts that ended (expired, cancelled, resolved) with steps missed while they were active, due at or after
    /// `since`: a step is due at most the longest rule after receipt, so older alerts are not read.
    func endedMisses(rules: DeadlineRules, since: Date) throws -> [AlertDeadlines] {
        var q = AlertQuery()
        q.states = [.expired, .cancelled, .resolved]
        let longest = rules.seconds.values.flatMap(\.values).max() ?? 0
        if since > .distantPast { q.sentFrom = since.addingTimeInterval(-TimeInterval(longest) - 86_400) }
        q.limit = 500
        let alerts = try self.alerts(q).filter { $0.status == .actual }
        guard !alerts.isEmpty else { return [] }
        let done = try stepsDone(alerts: alerts.map(\.key))
        return try alerts.map { AlertDeadlines(alert: $0, steps: try missedByEnd($0, done[$0.key] ?? [:], rules)) }.filter { !$0.steps.isEmpty }
    }

    /// What an ended alert missed by its end: its expiry when it expired, else the store time of its last message
    /// (the cancel or the all-clear).
    private func missedByEnd(_ a: AlertRow, _ done: [DutyStep: StepDone], _ rules: DeadlineRules) throws -> [StepDeadline] {
        let last = try withDatabase { db in
            try db.int("SELECT max(e.hlc_wall) FROM alert_messages m JOIN events e ON e.id = m.event WHERE m.alert = ?", a.key)
        }.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) }
        let ends = [a.state == .expired ? a.expires : nil, a.state == .expired ? nil : last].compactMap { $0 }
        guard let end = ends.min() else { return [] }
        return Deadlines.missedBefore(end: end, received: a.received, level: a.level ?? Self.unleveledDeadlines, areas: a.areas,
                                      status: a.status, done: done, rules: rules)
    }

    /// The first accepted step note of each step, per alert key (a refused note did not happen).
    func stepsDone(alerts keys: [String]) throws -> [String: [DutyStep: StepDone]] {
        try withDatabase { db in
            var out: [String: [DutyStep: StepDone]] = [:]
            for key in keys { out[key] = try stepsDoneLocked(key, db) }
            return out
        }
    }

    func stepsDoneLocked(_ key: String, _ db: Database) throws -> [DutyStep: StepDone] {
        let entries = try db.rows("""
            SELECT \(Self.logColumns) FROM event_alerts ea JOIN events e ON e.id = ea.event
            LEFT JOIN rejections r ON r.event = e.id
            WHERE ea.alert = :alert AND e.kind = 'note' AND r.reason IS NULL
            ORDER BY e.hlc_wall, e.hlc_counter, e.hlc_node
            """, named: ["alert": key], map: Self.logEntry)
        var out: [DutyStep: StepDone] = [:]
        for e in entries {
            guard case .note(let n) = e.event.payload, n.role == .step, let step = DutyStep(n.text), out[step] == nil else { continue }
            out[step] = StepDone(operator: e.event.operator, office: e.event.office,
                                 at: Date(timeIntervalSince1970: TimeInterval(e.event.hlc.wall) / 1000))
        }
        return out
    }

    /// Marks a duty step of an alert done, as this operator now. Refused when the alert is not active, the step does
    /// not apply to it under `rules`, or it is already done.
    @discardableResult public func markStep(_ step: DutyStep, alert typed: String, rules: DeadlineRules) throws -> Event {
        let current = try deadlines(alert: typed, rules: rules)
        // An ended alert still lists what it missed, but its steps can no longer be done.
        guard current.alert.state.isActive else {
            throw StoreError.refused("alert \(typed) is \(current.alert.state.names.en): its steps can no longer be marked done")
        }
        guard let line = current.steps.first(where: { $0.step == step }) else {
            throw StoreError.refused("alert \(typed) has no step \(step) (an active Actual alert of level \(current.alert.level?.roman ?? "-") has: "
                                     + current.steps.map(\.step.description).joined(separator: ", ") + ")")
        }
        if let done = line.done {
            throw StoreError.refused("step \(step) of alert \(typed) was already done by \(done.operator)")
        }
        let key = current.alert.key
        return try write { db in
            // Re-read inside the write lock: another process may have marked it meanwhile.
            if try stepsDoneLocked(key, db)[step] != nil { throw StoreError.refused("step \(step) of alert \(typed) was already done") }
            return try recordLocked([.note(Note(step.description, role: .step, alertID: key))], db)[0]
        }
    }
}
