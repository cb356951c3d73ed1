import Foundation
import Model
import Screen
import Store

/// The sync state the header shows; the sync module fills it in once it exists.
public struct SyncStatus: Sendable, Hashable {
    public var online: Bool
    /// Local events waiting to be pushed.
    public var waiting: Int
    public var lastSuccess: Date?
    public var lastError: String?
    /// The centre's clock minus this machine's, when the last sync found them minutes apart (nil otherwise).
    public var clockOffset: Int64?
    public init(online: Bool, waiting: Int, lastSuccess: Date? = nil, lastError: String? = nil, clockOffset: Int64? = nil) {
        self.online = online; self.waiting = waiting; self.lastSuccess = lastSuccess; self.lastError = lastError
        self.clockOffset = clockOffset
    }
}

/// What the caller must do after a key.
public enum ConsoleEffect: Sendable, Equatable {
    case none, redraw, quit
}

/// How the console starts: language, look, layouts and the terminal's abilities.
public struct ConsoleOptions {
    public var language: Language
    public var theme: Theme
    public var layouts: LayoutSet
    public var colorDepth: ColorDepth
    /// Box-drawing and block characters; false draws ASCII (`+-|`, `#`/`-` bars, `*` markers).
    public var unicode: Bool
    public var clock: any WallClock
    /// The zone of the header clock and of dates shown (tests pin it).
    public var timeZone: TimeZone
    /// Where `:theme NAME` and `:layout NAME` look (user dir, then built-in dir); built-ins are always there.
    public var themeSearchPaths: [String]
    public var layoutSearchPaths: [String]
    /// Polled on `tick()` when set; `ConsoleApp.syncStatus` can also be set directly.
    public var syncStatusProvider: (() -> SyncStatus?)?
    /// Called after each action the operator takes, so a store with a remote sends it at once instead of at the
    /// next interval (the background sync's `triggerNow`).
    public var syncTrigger: (() -> Void)?
    /// The live feeds the console runs (`--feed`, `--spool`, the feeds file), polled on `tick()`; nil when it runs none.
    public var feedHealthProvider: (() -> [FeedHealth])?
    /// The duty steps' deadlines (`DeadlineLoader`: the config dir's deadlines file, else the defaults).
    public var deadlineRules: DeadlineRules = .defaults
    /// How an alarm sounds: the bell, a flash, or nothing (`--bell on|flash|off`; `:alarm off` silences it too).
    public var alarmSound: ScreenAlarm? = .bell
    /// Whether a unit that is not available may be dispatched after the operator confirms (else it is refused).
    public var dispatchAsksToConfirm = true

    public init(language: Language = .en, theme: Theme = .fallback, layouts: LayoutSet = .builtIn(),
                colorDepth: ColorDepth = .indexed256, unicode: Bool = true, clock: any WallClock = SystemClock(),
                timeZone: TimeZone = .current, themeSearchPaths: [String] = [], layoutSearchPaths: [String] = [],
                syncStatusProvider: (() -> SyncStatus?)? = nil) {
        self.language = language; self.theme = theme; self.layouts = layouts; self.colorDepth = colorDepth
        self.unicode = unicode; self.clock = clock; self.timeZone = timeZone
        self.themeSearchPaths = themeSearchPaths; self.layoutSearchPaths = layoutSearchPaths
        self.syncStatusProvider = syncStatusProvider
    }
}

/// What the console reads and writes; `Store` provides it. A protocol so a pane can be tested
/// against any source, but the app is normally given a `Store`.
protocol ConsoleData: AnyObject {
    var identity: StoreIdentity { get }
    func alerts(_ query: AlertQuery) throws -> [AlertRow]
    func units(_ query: UnitQuery) throws -> [UnitRow]
    func stock(_ query: StockQuery) throws -> [StockRow]
    func drills(_ query: DrillQuery) throws -> [Drill]
    func activeAlertCounts() throws -> [WarningLevel: Int]
    func outboxDepth() throws -> Int
    func dataVersion() throws -> Int64
    @discardableResult func acknowledge(alertID: String) throws -> Event
    @discardableResult func setUnitStatus(unitID: String, to status: UnitStatus, alertID: String?) throws -> Event
    @discardableResult func moveStock(depot: String, item: String, kind: MovementKind, quantity: Int64, reason: String) throws -> Event
    @discardableResult func countStock(depot: String, item: String, observed: Int64, reason: String) throws -> Event
    @discardableResult func scheduleNewDrill(_ drill: Drill) throws -> (drill: Drill, event: Event)
    func rejectionCounts() throws -> (total: Int, unacknowledged: Int)
    func quarantineCount() throws -> Int
    // the quarantine overlay: every refused CAP message, retried or dropped by the officer
    func quarantineList() throws -> [QuarantinedAlert]
    func retryQuarantined(id: Int64, languages: [String]) throws -> [AlertImportResult]
    @discardableResult func dropQuarantined(id: Int64) throws -> Bool
    @discardableResult func acknowledgeRejections() throws -> Int
    // the duty shift
    func currentShift() throws -> Shift?
    @discardableResult func takeOver(officer: String, leader: String) throws -> (ended: Shift, started: Shift)
    @discardableResult func startShift(officer: String, leader: String) throws -> Shift
    @discardableResult func addNote(_ text: String, alertID: String?) throws -> Event
    func dutyLog(_ query: DutyLogQuery) throws -> [DutyLogEntry]
    func syncLog(_ query: DutyLogQuery) throws -> [SyncLogLine]
    func timeline(alert: String) throws -> [DutyLogEntry]
    @discardableResult func correct(_ typed: String, reason: String) throws -> [Event]
    func handover(fallbackSinceMilliseconds: Int64) throws -> Handover
    @discardableResult func issueStock(depot: String, item: String, quantity: Int64, reason: String, alertID: String) throws -> (movement: Event, link: Event)
    // the duty shift (2): deadlines, dispatch and release, nearest stock, contacts, search
    func deadlines(rules: DeadlineRules, limit: Int) throws -> [AlertDeadlines]
    @discardableResult func markStep(_ step: DutyStep, alert typed: String, rules: DeadlineRules) throws -> Event
    @discardableResult func dispatch(units ids: [String], toAlert typed: String, confirmed: Bool) throws -> [Event]
    @discardableResult func release(alert typed: String, evenIfActive: Bool) throws -> [Event]
    func endedAlertsHoldingUnits(limit: Int) throws -> [AlertRow]
    func nearestStock(alert typed: String, item: String, limit: Int) throws -> [NearbyStock]
    @discardableResult func transferStock(from: String, to: String, item: String, quantity: Int64, reason: String) throws -> [Event]
    func contacts(kinds: Set<RecordKind>, text: String?, limit: Int) throws -> [Contact]
    func search(_ q: SearchQuery, limit: Int) throws -> [SearchHit]
}

extension Store: ConsoleData {}
