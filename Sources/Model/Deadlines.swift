import Foundation

/// The duty steps an alert starts a clock on (值班规定): report it to the shift leader (带班领导), pass it on, and
/// relief for the people affected in each of its areas.
public enum DutyStep: Sendable, Hashable, CustomStringConvertible {
    case report
    case passOn
    /// Relief reaching the people affected in one area of the alert.
    case relief(RegionCode)

    /// The rule a step follows (one per kind of step, whatever the area).
    public var rule: DeadlineRules.Step {
        switch self {
        case .report: .report
        case .passOn: .passOn
        case .relief: .relief
        }
    }

    /// The step as written in a step note and typed on the command line: `report`, `passOn`, `relief:140121`.
    public var description: String {
        switch self {
        case .report: "report"
        case .passOn: "passOn"
        case .relief(let area): "relief:\(area)"
        }
    }

    /// Reads `report`, `passOn` (or `pass-on`), `relief:AREA`.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let colon = t.firstIndex(of: ":") {
            guard t[..<colon].lowercased() == "relief", let area = RegionCode(t[t.index(after: colon)...]) else { return nil }
            self = .relief(area)
            return
        }
        switch t.lowercased().filter(\.isLetter) {
        case "report": self = .report
        case "passon": self = .passOn
        default: return nil
        }
    }

    /// A few columns for a table cell: `report`, `pass on`, `relief` (报告, 传达, 救助).
    public func shortName(_ lang: Language) -> String {
        switch self {
        case .report: lang == .zh ? "报告" : "report"
        case .passOn: lang == .zh ? "传达" : "pass"
        case .relief: lang == .zh ? "救助" : "relief"
        }
    }

    public func name(_ lang: Language) -> String {
        switch self {
        case .report: lang == .zh ? "报告带班领导" : "report to leader"
        case .passOn: lang == .zh ? "传达" : "pass on"
        case .relief(let area): (lang == .zh ? "救助到位 " : "relief ") + String(area)
        }
    }
}

/// How long each step may take after an alert is received, per warning level; nil: the step does not apply.
public struct DeadlineRules: Sendable, Hashable {
    /// A kind of step, as the deadlines file names it.
    public enum Step: String, Sendable, CaseIterable {
        case report, passOn, relief
    }

    /// Seconds allowed, by level and step; a missing entry means the step does not apply to that level.
    public var seconds: [WarningLevel: [Step: Int64]]

    public init(seconds: [WarningLevel: [Step: Int64]]) { self.seconds = seconds }

    /// Common duty rules: report within 10 minutes of receipt, pass on within 30, and for level I–II disasters the
    /// people affected get relief within 10 hours (per affected area).
    public static let defaults: DeadlineRules = {
        var s: [WarningLevel: [Step: Int64]] = [:]
        for level in WarningLevel.allCases {
            s[level] = [.report: 600, .passOn: 1800]
            if level <= .orange { s[level]?[.relief] = 36_000 }
        }
        return DeadlineRules(seconds: s)
    }()

    public func limit(_ step: Step, _ level: WarningLevel) -> Int64? { seconds[level]?[step] }
}

/// Who marked a step done, and when (the step note's operator, office and stamp).
public struct StepDone: Sendable, Hashable {
    public var `operator`: String
    public var office: RegionCode
    public var at: Date
    public init(operator: String, office: RegionCode, at: Date) { self.operator = `operator`; self.office = office; self.at = at }
}

/// One step of one alert: when it is due, and whether (and when) it was done.
public struct StepDeadline: Sendable, Hashable {
    public var step: DutyStep
    public var due: Date
    public var done: StepDone?

    public var isOpen: Bool { done == nil }
    /// Open past its due time. A step done late is done, not missed.
    public func isMissed(now: Date) -> Bool { done == nil && now >= due }
    /// Seconds left (negative once missed); nil when done.
    public func remaining(now: Date) -> Int64? { done == nil ? Int64(due.timeIntervalSince(now).rounded(.down)) : nil }
}

/// The deadlines of an alert: a pure function of its facts, the step notes, the rules and a clock, so every office
/// derives the same missed steps from the same events at the same time.
public enum Deadlines {
    /// Every step the rules give an alert, in due order (report, pass on, relief per area by area code).
    /// Test, Exercise, System and Draft alerts, and alerts no longer active, have none.
    public static func steps(received: Date, level: WarningLevel, areas: [RegionCode], status: CAPStatus,
                             active: Bool, done: [DutyStep: StepDone], rules: DeadlineRules) -> [StepDeadline] {
        guard status == .actual, active else { return [] }
        var out: [StepDeadline] = []
        func add(_ step: DutyStep) {
            guard let limit = rules.limit(step.rule, level) else { return }
            out.append(StepDeadline(step: step, due: received.addingTimeInterval(TimeInterval(limit)), done: done[step]))
        }
        add(.report)
        add(.passOn)
        for area in Set(areas).sorted() { add(.relief(area)) }
        return out.sorted { ($0.due, $0.step.description) < ($1.due, $1.step.description) }
    }

    /// The steps an alert that stopped being active at `end` had missed by then: open and due before it. They were
    /// missed during the shift, so the duty log keeps them after the alert ends; a step due after the end was never
    /// owed.
    public static func missedBefore(end: Date, received: Date, level: WarningLevel, areas: [RegionCode], status: CAPStatus,
                                    done: [DutyStep: StepDone], rules: DeadlineRules) -> [StepDeadline] {
        steps(received: received, level: level, areas: areas, status: status, active: true, done: done, rules: rules)
            .filter { $0.isMissed(now: end) }
    }

    /// Countdown text: `9:59`, `1:02:03`, `-0:42` once missed.
    public static func countdown(_ seconds: Int64) -> String {
        let s = abs(seconds)
        let body = s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
        return seconds < 0 ? "-" + body : body
    }
}
