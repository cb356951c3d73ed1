import Foundation
import Model

/// Who this store writes as: its device, office and operator.
public struct StoreIdentity: Sendable, Hashable {
    public var device: DeviceID
    public var office: RegionCode
    public var officeName: String
    public var operatorName: String
    public init(device: DeviceID, office: RegionCode, officeName: String, operatorName: String) {
        self.device = device; self.office = office; self.officeName = officeName; self.operatorName = operatorName
    }
}

/// One row of the alerts pane: the alert's latest message plus what the desk did about it.
public struct AlertRow: Sendable, Hashable {
    /// The id to show and type: the original message's identifier while no other alert in this store has it, else
    /// the full key (see `key`).
    public var id: String
    /// The stored key, made from the original message's CAP triplet (`CAPMessageID.key`): what events cite.
    public var key: String
    /// Nil when the alert's message states no level (CAP severity Unknown, no colour).
    public var level: WarningLevel?
    public var hazard: Hazard
    public var headline: String
    public var description: String
    public var instruction: String
    public var sender: String
    public var areas: [RegionCode]
    public var areaDesc: String
    public var sent: Date
    /// When this store first learned of it (the event's HLC wall time).
    public var received: Date
    public var expires: Date?
    public var state: AlertState
    public var acknowledgments: Int
    /// Whether this store's office has acknowledged it.
    public var acknowledgedByUs: Bool
    /// Units currently committed (dispatched, en route, on scene) to it.
    public var respondingUnits: Int
    /// Messages folded into this row (1 = only the original).
    public var messages: Int
    /// The chain's CAP status: only Actual alerts alarm and run deadlines.
    public var status: CAPStatus = .actual
    public init(id: String, level: WarningLevel?, hazard: Hazard, headline: String, description: String,
                instruction: String, sender: String, areas: [RegionCode], areaDesc: String, sent: Date,
                received: Date, expires: Date?, state: AlertState, acknowledgments: Int, acknowledgedByUs: Bool,
                respondingUnits: Int, messages: Int, key: String? = nil) {
        self.id = id; self.key = key ?? id; self.level = level; self.hazard = hazard; self.headline = headline
        self.description = description; self.instruction = instruction; self.sender = sender; self.areas = areas
        self.areaDesc = areaDesc; self.sent = sent; self.received = received; self.expires = expires
        self.state = state; self.acknowledgments = acknowledgments; self.acknowledgedByUs = acknowledgedByUs
        self.respondingUnits = respondingUnits; self.messages = messages
    }
}

/// Sort orders for the alerts pane.
public enum AlertSort: String, Sendable, CaseIterable {
    /// Most severe first, newest first within a level.
    case severity
    case newest
    case oldest
}

/// Filter and page for the alerts query.
public struct AlertQuery: Sendable, Hashable {
    public var levels: Set<WarningLevel> = []
    public var hazards: Set<Hazard> = []
    public var states: Set<AlertState> = []
    public var activeOnly = false
    /// Alerts whose area lies inside this region (or covers it).
    public var region: RegionCode?
    /// Substring of headline, identifier, area description or event (case-insensitive).
    public var text: String?
    public var sentFrom: Date?
    public var sentTo: Date?
    public var sort: AlertSort = .severity
    public var limit = 200
    public var offset = 0
    public init() {}
}

/// A unit with its home area; `RescueUnit` is the row.
public typealias UnitRow = RescueUnit

/// Sort orders for the units pane.
public enum UnitSort: String, Sendable, CaseIterable {
    /// Grouped by kind, then name.
    case kind
    /// Grouped by status (committed first), then longest in that status.
    case status
    case name
    /// Most recent status change first.
    case recent
}

/// Filter and page for the units query.
public struct UnitQuery: Sendable, Hashable {
    public var kinds: Set<UnitKind> = []
    public var statuses: Set<UnitStatus> = []
    public var region: RegionCode?
    public var text: String?
    public var includeRetired = false
    public var sort: UnitSort = .kind
    public var limit = 200
    public var offset = 0
    public init() {}
}

/// One row of the stock pane.
public struct StockRow: Sendable, Hashable {
    public var line: StockLine
    public var depot: Depot
    public var item: SupplyItem
    public init(line: StockLine, depot: Depot, item: SupplyItem) { self.line = line; self.depot = depot; self.item = item }
}

/// Sort orders for the stock pane.
public enum StockSort: String, Sendable, CaseIterable {
    /// Lines below their minimum first, lowest fill (quantity / minimum) first: what needs replenishing; then
    /// the other lines by depot and item.
    case shortage
    case depot
    case item
    /// Nearest expiry first.
    case expiry
}

/// Filter and page for the stock query.
public struct StockQuery: Sendable, Hashable {
    public var depotLevels: Set<DepotLevel> = []
    public var categories: Set<ItemCategory> = []
    public var depot: String?
    public var item: String?
    public var region: RegionCode?
    public var belowMinimumOnly = false
    /// Only lines expiring within this many days of now.
    public var expiringWithinDays: Int?
    public var text: String?
    public var sort: StockSort = .shortage
    public var limit = 200
    public var offset = 0
    public init() {}
}

/// Filter and page for the drills query.
public struct DrillQuery: Sendable, Hashable {
    public var from: Date?
    public var to: Date?
    public var statuses: Set<DrillStatus> = []
    public var region: RegionCode?
    public var text: String?
    public var limit = 200
    public var offset = 0
    public init() {}
}

/// Counts for `dutydesk stats`.
public struct StoreStats: Sendable, Hashable {
    public var events: Int
    public var alerts: Int
    public var acknowledgments: Int
    public var units: Int
    public var depots: Int
    public var items: Int
    public var stockLines: Int
    public var movements: Int
    public var drills: Int
    public var outboxDepth: Int
    public var fileBytes: Int64
    /// This device's events the centre rejected (undone here), and how many no operator has acknowledged.
    public var rejected = 0
    public var rejectedUnacknowledged = 0
    /// Transfers sent and not yet received (stock in transit).
    public var transfersInTransit = 0
    public init(events: Int, alerts: Int, acknowledgments: Int, units: Int, depots: Int, items: Int, stockLines: Int,
                movements: Int, drills: Int, outboxDepth: Int, fileBytes: Int64) {
        self.events = events; self.alerts = alerts; self.acknowledgments = acknowledgments; self.units = units
        self.depots = depots; self.items = items; self.stockLines = stockLines; self.movements = movements
        self.drills = drills; self.outboxDepth = outboxDepth; self.fileBytes = fileBytes
    }
}
