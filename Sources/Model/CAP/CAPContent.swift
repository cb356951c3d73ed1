import Foundation

/// A CAP name/value pair as `<eventCode>`, `<parameter>` and `<geocode>` carry it (`valueName`, `value`).
public struct CAPValue: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

/// One CAP `<area>`, whole: every polygon, circle and geocode it lists (an empty or broken polygon is not kept).
public struct CAPArea: Sendable, Hashable, Codable {
    public var desc: String
    public var polygons: [[GeoPoint]]
    public var circles: [GeoCircle]
    public var geocodes: [CAPValue]
    /// `<altitude>` and `<ceiling>` as written (feet above sea level), empty when absent.
    public var altitude: String
    public var ceiling: String

    public init(desc: String, polygons: [[GeoPoint]] = [], circles: [GeoCircle] = [], geocodes: [CAPValue] = [],
                altitude: String = "", ceiling: String = "") {
        self.desc = desc; self.polygons = polygons; self.circles = circles; self.geocodes = geocodes
        self.altitude = altitude; self.ceiling = ceiling
    }
}

/// One CAP `<info>` block, whole. Enumerated values stay as the feed wrote them (a feed's own word is kept, not
/// guessed); `Alert` holds the typed values of the block shown.
public struct CAPInfo: Sendable, Hashable, Codable {
    /// RFC 3066 tag as written; empty when the block names none (CAP's default is en-US).
    public var language: String
    public var categories: [String]
    public var event: String
    public var responseTypes: [String]
    public var urgency: String
    public var severity: String
    public var certainty: String
    public var audience: String
    public var eventCodes: [CAPValue]
    public var effective: Date?
    public var onset: Date?
    public var expires: Date?
    public var senderName: String
    public var headline: String
    public var description: String
    public var instruction: String
    public var web: String
    public var contact: String
    public var parameters: [CAPValue]
    public var areas: [CAPArea]

    public init(language: String = "", categories: [String] = [], event: String = "", responseTypes: [String] = [],
                urgency: String = "", severity: String = "", certainty: String = "", audience: String = "",
                eventCodes: [CAPValue] = [], effective: Date? = nil, onset: Date? = nil, expires: Date? = nil,
                senderName: String = "", headline: String = "", description: String = "", instruction: String = "",
                web: String = "", contact: String = "", parameters: [CAPValue] = [], areas: [CAPArea] = []) {
        self.language = language; self.categories = categories; self.event = event; self.responseTypes = responseTypes
        self.urgency = urgency; self.severity = severity; self.certainty = certainty; self.audience = audience
        self.eventCodes = eventCodes; self.effective = effective; self.onset = onset; self.expires = expires
        self.senderName = senderName; self.headline = headline; self.description = description
        self.instruction = instruction; self.web = web; self.contact = contact; self.parameters = parameters
        self.areas = areas
    }
}

/// What a CAP message says beyond the fields an alert shows: its envelope (`scope`, `note`, …, whether it was
/// signed) and every `<info>` block in document order. Kept so nothing a feed sent is lost on import.
public struct CAPContent: Sendable, Hashable, Codable {
    public var scope: String
    public var restriction: String
    public var addresses: String
    public var source: String
    public var note: String
    public var codes: [String]
    public var incidents: String
    /// True when the message carried an XML digital signature (`<Signature>`); it is recorded, not verified.
    public var signed: Bool
    public var infos: [CAPInfo]

    public init(scope: String = "Public", restriction: String = "", addresses: String = "", source: String = "",
                note: String = "", codes: [String] = [], incidents: String = "", signed: Bool = false, infos: [CAPInfo] = []) {
        self.scope = scope; self.restriction = restriction; self.addresses = addresses; self.source = source
        self.note = note; self.codes = codes; self.incidents = incidents; self.signed = signed; self.infos = infos
    }
}
