import Foundation

/// The kinds of rescue force the province can call on.
public enum UnitKind: String, Sendable, Codable, CaseIterable, Named {
    case fireRescue
    case mineRescue, hazmat, floodRescue, earthquakeGeo, forestFire, medical, utilities
    case helicopter, fixedWing, drone
    case volunteer
    case military

    public var names: Names {
        switch self {
        case .fireRescue: Names(zh: "消防救援", en: "Fire & rescue")
        case .mineRescue: Names(zh: "矿山救护", en: "Mine rescue")
        case .hazmat: Names(zh: "危化救援", en: "Hazmat")
        case .floodRescue: Names(zh: "防汛抢险", en: "Flood rescue")
        case .earthquakeGeo: Names(zh: "地震地质", en: "Quake & geo")
        case .forestFire: Names(zh: "森林消防", en: "Forest fire")
        case .medical: Names(zh: "医疗救护", en: "Medical")
        case .utilities: Names(zh: "电力通信", en: "Utilities")
        case .helicopter: Names(zh: "直升机", en: "Helicopter")
        case .fixedWing: Names(zh: "固定翼", en: "Fixed-wing")
        case .drone: Names(zh: "无人机", en: "Drone")
        case .volunteer: Names(zh: "社会救援", en: "Volunteers")
        case .military: Names(zh: "军警联络", en: "PLA/PAP liaison")
        }
    }

    /// The force family: national, professional, aviation, social, military.
    public var family: String {
        switch self {
        case .fireRescue: "national"
        case .mineRescue, .hazmat, .floodRescue, .earthquakeGeo, .forestFire, .medical, .utilities: "professional"
        case .helicopter, .fixedWing, .drone: "aviation"
        case .volunteer: "social"
        case .military: "military"
        }
    }
}

/// Operational status of a unit.
public enum UnitStatus: String, Sendable, Codable, CaseIterable, Named {
    case available, standby, dispatched, enRoute, onScene, returning, training, outOfService

    public var names: Names {
        switch self {
        case .available: Names(zh: "可用", en: "available")
        case .standby: Names(zh: "待命", en: "standby")
        case .dispatched: Names(zh: "已调派", en: "dispatched")
        case .enRoute: Names(zh: "途中", en: "en route")
        case .onScene: Names(zh: "到场", en: "on scene")
        case .returning: Names(zh: "返回", en: "returning")
        case .training: Names(zh: "训练", en: "training")
        case .outOfService: Names(zh: "停用", en: "out of service")
        }
    }

    /// Statuses in which a unit is committed to an alert.
    public var isCommitted: Bool { self == .dispatched || self == .enRoute || self == .onScene }

    /// Whether an operator may move a unit from `self` to `next`.
    /// Committing to an incident needs an alert; a unit out of service must first come back (available/standby).
    public func canChange(to next: UnitStatus, alert: String?) -> Result<Void, UnitStatusError> {
        if next == self && next.isCommitted == false { return .failure(.unchanged(self)) }
        if next.isCommitted && alert == nil && !isCommitted { return .failure(.needsAlert(next)) }
        if !next.isCommitted && next != .returning, alert != nil { return .failure(.alertNotAllowed(next)) }
        if self == .outOfService && next != .available && next != .standby && next != .training {
            return .failure(.outOfService(next))
        }
        if next == .returning && !isCommitted { return .failure(.notCommitted) }
        return .success(())
    }

    /// Why the move from `self` to `next` is refused, or nil when it is allowed.
    public func refusal(to next: UnitStatus, alert: String?) -> UnitStatusError? {
        if case .failure(let e) = canChange(to: next, alert: alert) { return e }
        return nil
    }

    /// Accepts `enRoute`, `en-route`, `en route`, `on_scene`…
    public init?(loose: String) {
        let key = loose.lowercased().filter { $0.isLetter }
        guard let match = UnitStatus.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
        self = match
    }
}

/// Why a unit cannot take a status.
public enum UnitStatusError: Error, Sendable, Equatable, CustomStringConvertible {
    case unchanged(UnitStatus), needsAlert(UnitStatus), alertNotAllowed(UnitStatus), outOfService(UnitStatus), notCommitted

    public var description: String {
        switch self {
        case .unchanged(let s): "unit is already \(s.names.en)"
        case .needsAlert(let s): "status \(s.names.en) needs the alert the unit serves (--alert ID)"
        case .alertNotAllowed(let s): "status \(s.names.en) does not serve an alert; drop --alert"
        case .outOfService(let s): "unit is out of service; bring it back to available or standby before \(s.names.en)"
        case .notCommitted: "only a dispatched, en-route or on-scene unit can be returning"
        }
    }
}

/// A rescue unit: a fire brigade, a mine rescue team, a helicopter, a volunteer group.
public struct RescueUnit: Sendable, Hashable, Codable {
    public var id: String
    public var kind: UnitKind
    public var name: String
    public var homeRegion: RegionCode
    public var owner: RegionCode
    public var strength: Int
    public var contact: String
    public var status: UnitStatus
    public var statusChanged: Date
    public var servingAlert: String?
    public var retired: Bool

    public init(id: String, kind: UnitKind, name: String, homeRegion: RegionCode, owner: RegionCode,
                strength: Int, contact: String, status: UnitStatus = .available,
                statusChanged: Date = Date(timeIntervalSince1970: 0), servingAlert: String? = nil, retired: Bool = false) {
        self.id = id; self.kind = kind; self.name = name; self.homeRegion = homeRegion; self.owner = owner
        self.strength = strength; self.contact = contact; self.status = status
        self.statusChanged = statusChanged; self.servingAlert = servingAlert; self.retired = retired
    }

    /// Record fields as carried by a `.fields` event (per-field last writer wins).
    public var fields: [String: String] {
        ["kind": kind.rawValue, "name": name, "region": String(homeRegion),
         "strength": String(strength), "contact": contact]
    }
}
