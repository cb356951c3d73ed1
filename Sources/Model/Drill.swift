import Foundation

/// Tabletop or practical (field) exercise.
public enum DrillForm: String, Sendable, Codable, CaseIterable, Named {
    case tabletop, practical
    public var names: Names {
        switch self {
        case .tabletop: Names(zh: "桌面推演", en: "tabletop")
        case .practical: Names(zh: "实战演练", en: "practical")
        }
    }
}

/// Single-subject or comprehensive drill.
public enum DrillScope: String, Sendable, Codable, CaseIterable, Named {
    case single, comprehensive
    public var names: Names {
        switch self {
        case .single: Names(zh: "单项", en: "single")
        case .comprehensive: Names(zh: "综合", en: "comprehensive")
        }
    }
}

/// Where a drill stands in its life.
public enum DrillStatus: String, Sendable, Codable, CaseIterable, Named {
    case planned, notified, inProgress, completed, evaluated, cancelled
    public var names: Names {
        switch self {
        case .planned: Names(zh: "计划", en: "planned")
        case .notified: Names(zh: "已通知", en: "notified")
        case .inProgress: Names(zh: "进行中", en: "in progress")
        case .completed: Names(zh: "已完成", en: "completed")
        case .evaluated: Names(zh: "已评估", en: "evaluated")
        case .cancelled: Names(zh: "已取消", en: "cancelled")
        }
    }
}

/// A scheduled emergency drill.
public struct Drill: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var hazard: Hazard
    public var form: DrillForm
    public var scope: DrillScope
    public var joint: Bool
    public var doubleBlind: Bool
    public var organiser: RegionCode
    public var region: RegionCode
    public var start: Date
    public var end: Date
    public var units: [String]
    public var status: DrillStatus
    public var evaluation: String

    public init(id: String, title: String, hazard: Hazard, form: DrillForm, scope: DrillScope, joint: Bool = false,
                doubleBlind: Bool = false, organiser: RegionCode, region: RegionCode, start: Date, end: Date,
                units: [String] = [], status: DrillStatus = .planned, evaluation: String = "") {
        self.id = id; self.title = title; self.hazard = hazard; self.form = form; self.scope = scope
        self.joint = joint; self.doubleBlind = doubleBlind; self.organiser = organiser; self.region = region
        self.start = start; self.end = end; self.units = units; self.status = status; self.evaluation = evaluation
    }

    public var fields: [String: String] {
        ["title": title, "hazard": hazard.rawValue, "form": form.rawValue, "scope": scope.rawValue,
         "joint": joint ? "1" : "0", "doubleBlind": doubleBlind ? "1" : "0", "region": String(region),
         "start": String(Int64(start.timeIntervalSince1970)), "end": String(Int64(end.timeIntervalSince1970)),
         "units": units.joined(separator: ","), "status": status.rawValue, "evaluation": evaluation]
    }
}
