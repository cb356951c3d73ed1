import Foundation
import Model

// API SURFACE ONLY — the bodies are being written now (Store helper). Signatures are the contract
// the Console, Sync and the CLI code against.

/// The local data module: one SQLite file holding events, current state and the sync outbox.
public final class Store: @unchecked Sendable {
    public let path: String
    public let identity: StoreIdentity

    /// Creates a new store file for an office. Fails if the file exists.
    public static func create(path: String, office: RegionCode, officeName: String, operatorName: String,
                              clock: any WallClock = SystemClock()) throws -> Store { fatalError("in progress") }

    /// Opens an existing store (runs pending migrations; refuses newer schemas, non-DutyDesk and corrupt files).
    public static func open(path: String, clock: any WallClock = SystemClock(), readOnly: Bool = false) throws -> Store { fatalError("in progress") }

    private init() { fatalError("in progress") }

    public func close() {}

    // MARK: writing
    /// Records one local event: event row, state change and outbox row in one transaction. Returns the stamped event.
    @discardableResult public func record(_ payload: EventPayload) throws -> Event { fatalError("in progress") }
    /// Applies events made elsewhere (demo generator, sync pull), idempotent by event id, batched in transactions.
    /// They are not put in the outbox. Returns how many were new.
    @discardableResult public func ingest(_ events: some Sequence<Event>, batchSize: Int = 5000) throws -> Int { fatalError("in progress") }

    // MARK: actions (validate, then `record`; a refused action writes nothing)
    @discardableResult public func acknowledge(alertID: String) throws -> Event { fatalError("in progress") }
    @discardableResult public func setUnitStatus(unitID: String, to status: UnitStatus, alertID: String?) throws -> Event { fatalError("in progress") }
    @discardableResult public func moveStock(depot: String, item: String, kind: MovementKind, quantity: Int64, reason: String) throws -> Event { fatalError("in progress") }
    @discardableResult public func transferStock(from: String, to: String, item: String, quantity: Int64, reason: String) throws -> [Event] { fatalError("in progress") }
    @discardableResult public func countStock(depot: String, item: String, observed: Int64, reason: String) throws -> Event { fatalError("in progress") }
    @discardableResult public func scheduleDrill(_ drill: Drill) throws -> Event { fatalError("in progress") }
    @discardableResult public func updateDrill(id: String, fields: [String: String]) throws -> Event { fatalError("in progress") }

    // MARK: queries
    public func alerts(_ query: AlertQuery) throws -> [AlertRow] { fatalError("in progress") }
    public func alert(id: String) throws -> AlertRow? { fatalError("in progress") }
    public func units(_ query: UnitQuery) throws -> [UnitRow] { fatalError("in progress") }
    public func stock(_ query: StockQuery) throws -> [StockRow] { fatalError("in progress") }
    public func drills(_ query: DrillQuery) throws -> [Drill] { fatalError("in progress") }
    public func depots() throws -> [Depot] { fatalError("in progress") }
    public func items() throws -> [SupplyItem] { fatalError("in progress") }
    /// Active (new, acknowledged, responding) alert counts by level, for the header.
    public func activeAlertCounts() throws -> [WarningLevel: Int] { fatalError("in progress") }
    public func stats() throws -> StoreStats { fatalError("in progress") }
    /// Changes whenever another connection commits (SQLite `PRAGMA data_version`); cheap enough to poll.
    public func dataVersion() throws -> Int64 { fatalError("in progress") }
    /// SQLite integrity check plus DutyDesk invariants; an empty list means healthy.
    public func check() throws -> [String] { fatalError("in progress") }

    // MARK: outbox (sync queue)
    public func outboxDepth() throws -> Int { fatalError("in progress") }
    /// Unacknowledged local events in sequence order.
    public func pendingEvents(after seq: Int64 = 0, limit: Int) throws -> [Event] { fatalError("in progress") }
    /// Drops outbox rows up to and including `seq` (the server acknowledged them).
    public func acknowledgeOutbox(through seq: Int64) throws { fatalError("in progress") }
    /// Small key/value metadata that must commit atomically with ingests (sync cursor, epoch).
    public func meta(_ key: String) throws -> String? { fatalError("in progress") }
    public func setMeta(_ key: String, _ value: String?) throws { fatalError("in progress") }
}
