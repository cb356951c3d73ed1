import Foundation

/// Tier of a reserve depot in the three-level reserve system, plus enterprise agreement reserves.
public enum DepotLevel: String, Sendable, Codable, CaseIterable, Named {
    case provincial, city, county, township, enterprise

    public var names: Names {
        switch self {
        case .provincial: Names(zh: "省级库", en: "provincial")
        case .city: Names(zh: "市级库", en: "city")
        case .county: Names(zh: "县级库", en: "county")
        case .township: Names(zh: "乡镇库", en: "township")
        case .enterprise: Names(zh: "协议储备", en: "agreement")
        }
    }
}

/// A reserve depot.
public struct Depot: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var level: DepotLevel
    public var region: RegionCode
    public var owner: RegionCode
    public init(id: String, name: String, level: DepotLevel, region: RegionCode, owner: RegionCode) {
        self.id = id; self.name = name; self.level = level; self.region = region; self.owner = owner
    }

    public var fields: [String: String] { ["name": name, "level": level.rawValue, "region": String(region)] }
}

/// Category of relief supplies.
public enum ItemCategory: String, Sendable, Codable, CaseIterable, Named {
    case shelter, bedding, clothing, food, water, medical, rescueEquipment, lighting, power, communication, floodControl, fireFighting

    public var names: Names {
        switch self {
        case .shelter: Names(zh: "帐篷住所", en: "Shelter")
        case .bedding: Names(zh: "被褥", en: "Bedding")
        case .clothing: Names(zh: "衣物", en: "Clothing")
        case .food: Names(zh: "食品", en: "Food")
        case .water: Names(zh: "饮用水", en: "Water")
        case .medical: Names(zh: "医疗药品", en: "Medical")
        case .rescueEquipment: Names(zh: "救援装备", en: "Rescue gear")
        case .lighting: Names(zh: "照明", en: "Lighting")
        case .power: Names(zh: "发电", en: "Power")
        case .communication: Names(zh: "通信", en: "Comms")
        case .floodControl: Names(zh: "防汛物资", en: "Flood control")
        case .fireFighting: Names(zh: "灭火物资", en: "Firefighting")
        }
    }
}

/// An item in the supply catalogue.
public struct SupplyItem: Sendable, Hashable, Codable {
    public var id: String
    public var names: Names
    public var category: ItemCategory
    /// Unit of measure, e.g. 顶/tent, 床/quilt, 箱/case.
    public var unitOfMeasure: Names
    public init(id: String, names: Names, category: ItemCategory, unitOfMeasure: Names) {
        self.id = id; self.names = names; self.category = category; self.unitOfMeasure = unitOfMeasure
    }

    public var fields: [String: String] {
        ["name": names.zh, "nameEN": names.en, "category": category.rawValue, "uom": unitOfMeasure.zh, "uomEN": unitOfMeasure.en]
    }
}

/// What a stock movement records.
public enum MovementKind: String, Sendable, Codable, CaseIterable, Named {
    case receive, issue, transferOut, transferIn, countAdjust, rotate

    public var names: Names {
        switch self {
        case .receive: Names(zh: "入库", en: "receive")
        case .issue: Names(zh: "出库", en: "issue")
        case .transferOut: Names(zh: "调出", en: "transfer out")
        case .transferIn: Names(zh: "调入", en: "transfer in")
        case .countAdjust: Names(zh: "盘点调整", en: "count adjust")
        case .rotate: Names(zh: "轮换报废", en: "rotate/expire")
        }
    }

    /// The sign a delta of this kind must have (0: either).
    public var sign: Int {
        switch self {
        case .receive, .transferIn: 1
        case .issue, .transferOut, .rotate: -1
        case .countAdjust: 0
        }
    }
}

/// A signed change to one depot's stock of one item; stock is the sum of these, in any order.
public struct StockMovement: Sendable, Hashable, Codable {
    public var depot: String
    public var item: String
    public var delta: Int64
    public var kind: MovementKind
    public var reason: String
    /// For a count adjustment, the quantity the counter observed (kept for audit).
    public var observed: Int64?
    /// Links the two halves of a transfer.
    public var transfer: String?
    public init(depot: String, item: String, delta: Int64, kind: MovementKind, reason: String = "",
                observed: Int64? = nil, transfer: String? = nil) {
        self.depot = depot; self.item = item; self.delta = delta; self.kind = kind; self.reason = reason
        self.observed = observed; self.transfer = transfer
    }
}

extension StockMovement {
    /// The reason a correction's compensating movement carries. It is stored in one form whatever the writer's
    /// language (every office reads the same event), and rendered in the reader's by `reason(_:)`.
    public static func correctionReason(of event: String, _ why: String) -> String { correctionMark + event + ": " + why }

    /// The reason in `lang`: a correction's stored form (and the Chinese form stores wrote before it) in words.
    public func reason(_ lang: Language) -> String {
        for mark in [Self.correctionMark, Self.legacyCorrectionMark] where reason.hasPrefix(mark) {
            let rest = reason.dropFirst(mark.count)
            guard let colon = rest.range(of: ": ") else { break }
            let event = rest[..<colon.lowerBound], why = rest[colon.upperBound...]
            return (lang == .zh ? "更正 \(event): " : "correction of \(event): ") + why
        }
        return reason
    }

    /// A leading word no operator types: the reason of a compensating movement.
    static let correctionMark = "@correction "
    /// How stores before the language-neutral form wrote it.
    static let legacyCorrectionMark = "更正 "
}

/// One depot's holding of one item: minimum level and nearest expiry are per-field LWW fields of record `depot|item`.
public struct StockLine: Sendable, Hashable, Codable {
    public var depot: String
    public var item: String
    public var quantity: Int64
    public var minimum: Int64
    public var expires: Date?
    public init(depot: String, item: String, quantity: Int64, minimum: Int64, expires: Date?) {
        self.depot = depot; self.item = item; self.quantity = quantity; self.minimum = minimum; self.expires = expires
    }

    /// The record id a stock line's fields are written under.
    public static func recordID(depot: String, item: String) -> String { "\(depot)|\(item)" }

    public var isBelowMinimum: Bool { quantity < minimum }
    public func expiresWithin(days: Int, of now: Date) -> Bool {
        guard let expires else { return false }
        return expires.timeIntervalSince(now) <= Double(days) * 86_400
    }
}
