import Foundation

/// A warning message, CAP 1.2 compatible, with the Chinese level and the plan's hazard type.
public struct Alert: Sendable, Hashable, Codable {
    public var identifier: String
    public var sender: String
    public var sent: Date
    public var status: CAPStatus
    public var msgType: CAPMessageType
    /// Earlier messages this one updates or cancels, as CAP references: "sender,identifier,sent" (`CAPMessageID`).
    public var references: [String]
    public var category: CAPCategory
    public var event: String
    public var responseType: CAPResponseType?
    public var urgency: CAPUrgency
    public var severity: CAPSeverity
    public var certainty: CAPCertainty
    public var headline: String
    public var description: String
    public var instruction: String
    public var onset: Date?
    public var expires: Date?
    public var areaDesc: String
    /// Affected regions as GB/T 2260 codes.
    public var areas: [RegionCode]
    public var polygon: [GeoPoint]
    public var circle: GeoCircle?
    /// The Chinese warning level, nil when the message states none (CAP severity Unknown and no colour).
    public var level: WarningLevel?
    public var hazard: Hazard
    /// The message whole (envelope and every `<info>`) when it came from a CAP document; nil for an alert made
    /// here or stored by an older release, whose shown fields are all there is.
    public var content: CAPContent?

    public init(identifier: String, sender: String, sent: Date, status: CAPStatus = .actual,
                msgType: CAPMessageType = .alert, references: [String] = [], category: CAPCategory? = nil,
                event: String? = nil, responseType: CAPResponseType? = nil, urgency: CAPUrgency = .expected,
                severity: CAPSeverity? = nil, certainty: CAPCertainty = .likely, headline: String,
                description: String = "", instruction: String = "", onset: Date? = nil, expires: Date? = nil,
                areaDesc: String = "", areas: [RegionCode], polygon: [GeoPoint] = [], circle: GeoCircle? = nil,
                level: WarningLevel?, hazard: Hazard, content: CAPContent? = nil) {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.status = status
        self.msgType = msgType
        self.references = references
        self.category = category ?? hazard.capCategory
        self.event = event ?? hazard.names.en
        self.responseType = responseType
        self.urgency = urgency
        self.severity = severity ?? level?.capSeverity ?? .unknown
        self.certainty = certainty
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.onset = onset
        self.expires = expires
        self.areaDesc = areaDesc
        self.areas = areas
        self.polygon = polygon
        self.circle = circle
        self.level = level
        self.hazard = hazard
        self.content = content
    }
}

extension Alert {
    /// False for a Cancel, Ack or Error sent without `<info>`: it changes a chain's state, not what the chain shows.
    public var hasInfo: Bool { !(headline.isEmpty && event.isEmpty) }
}

/// Where an alert stands for the duty desk, derived from its messages, acknowledgments and units.
public enum AlertState: String, Sendable, Codable, CaseIterable, Named {
    case new, acknowledged, responding, resolved, expired, cancelled

    public var names: Names {
        switch self {
        case .new: Names(zh: "新", en: "new")
        case .acknowledged: Names(zh: "已确认", en: "acked")
        case .responding: Names(zh: "处置中", en: "responding")
        case .resolved: Names(zh: "已解除", en: "resolved")
        case .expired: Names(zh: "已过期", en: "expired")
        case .cancelled: Names(zh: "已取消", en: "cancelled")
        }
    }

    /// The state from the facts the store keeps; cancellation and resolution outrank the rest.
    public static func derive(cancelled: Bool, resolved: Bool, expires: Date?, now: Date,
                              respondingUnits: Int, acknowledgments: Int) -> AlertState {
        if cancelled { return .cancelled }
        if resolved { return .resolved }
        if let expires, expires <= now { return .expired }
        if respondingUnits > 0 { return .responding }
        if acknowledgments > 0 { return .acknowledged }
        return .new
    }

    /// Active alerts still need attention.
    public var isActive: Bool { self == .new || self == .acknowledged || self == .responding }
}
