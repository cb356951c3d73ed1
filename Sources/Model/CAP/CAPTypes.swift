/// CAP 1.2 `msgType`.
public enum CAPMessageType: String, Sendable, Codable, CaseIterable, Named {
    case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error"

    /// How the duty log names a message of this type (English: the CAP word).
    public var names: Names {
        switch self {
        case .alert: Names(zh: "发布", en: "Alert")
        case .update: Names(zh: "更新", en: "Update")
        case .cancel: Names(zh: "解除", en: "Cancel")
        case .ack: Names(zh: "回执", en: "Ack")
        case .error: Names(zh: "错误", en: "Error")
        }
    }
}

/// CAP 1.2 `status`.
public enum CAPStatus: String, Sendable, Codable, CaseIterable {
    case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft"
}

/// CAP 1.2 `category`.
public enum CAPCategory: String, Sendable, Codable, CaseIterable {
    case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue"
    case fire = "Fire", health = "Health", env = "Env", transport = "Transport", infra = "Infra"
    case cbrne = "CBRNE", other = "Other"
}

/// CAP 1.2 `urgency`.
public enum CAPUrgency: String, Sendable, Codable, CaseIterable {
    case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown"
}

/// CAP 1.2 `severity`.
public enum CAPSeverity: String, Sendable, Codable, CaseIterable {
    case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown"
}

/// CAP 1.2 `certainty`.
public enum CAPCertainty: String, Sendable, Codable, CaseIterable {
    case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely", unknown = "Unknown"
}

/// CAP 1.2 `responseType` (the subset a duty desk acts on).
public enum CAPResponseType: String, Sendable, Codable, CaseIterable {
    case shelter = "Shelter", evacuate = "Evacuate", prepare = "Prepare", execute = "Execute"
    case avoid = "Avoid", monitor = "Monitor", assess = "Assess", allClear = "AllClear", none = "None"
}

/// A WGS84 point.
public struct GeoPoint: Sendable, Hashable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
}

/// CAP `circle`: centre and radius in kilometres.
public struct GeoCircle: Sendable, Hashable, Codable {
    public var center: GeoPoint
    public var radiusKm: Double
    public init(center: GeoPoint, radiusKm: Double) { self.center = center; self.radiusKm = radiusKm }
}
