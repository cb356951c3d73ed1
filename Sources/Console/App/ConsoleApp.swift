import Foundation
import Model
import Screen
import Store

/// The console: panes, layouts, dialogs and keys over a store. Main-thread only.
///
/// The executable feeds it key events (`handle`), calls `tick()` about four times a second and, when either says
/// so, `render(width:height:)` and hands the buffer to the terminal backend, which writes only changed cells.
public final class ConsoleApp {
    let data: any ConsoleData
    var options: ConsoleOptions
    var language: Language
    var theme: Theme
    var layouts: LayoutSet

    var focus: PaneKind = .alerts
    var zoomed = false
    var panes: [PaneKind: PaneState] = [:]
    /// The ids of each pane's loaded rows, in order (its model loads the rows themselves into the typed lists below).
    var rowIDs: [PaneKind: [String]] = [:]
    var alertRows: [AlertRow] = []
    var unitRows: [UnitRow] = []
    var stockRows: [StockRow] = []
    var drillRows: [Drill] = []
    var counts: [WarningLevel: Int] = [:]
    var outbox = 0
    /// Events the centre rejected (undone here) that no operator has acknowledged yet.
    var rejectedUnseen = 0

    var overlay: Overlay?
    /// The shift that is on at this office (its officer and 带班领导 show in the header).
    var duty: Shift?
    /// What the log overlay was opened on (`:log` argument), to re-read it after a write.
    var logScope = ""
    /// The log overlay a note or undo line was opened from, to return to.
    var logUnderLine: LogView?
    /// The log line selected last, which `:undo` corrects.
    var lastLogSelection: EventID?
    /// The selected alert's timeline while its details are open.
    var detailTimeline: [DutyLogEntry] = []
    /// The contact line of the open details (the office's leader on duty, a depot's phone), read as they open.
    var detailContact: [(String, String)] = []
    var message: StatusMessage?
    /// Alerts the operator has had selected since the console started.
    var seenAlerts: Set<String> = []
    let startedAt: Date
    var alertsActiveOnly = true
    var stockLevel: DepotLevel?
    var stockCategory: ItemCategory?
    var drillCalendar = false
    /// The pane last shown in each tab group, keyed by the group's pane names.
    var lastTab: [String: PaneKind] = [:]
    /// The size of the last frame, for paging and for which panes are visible.
    var size = (width: 80, height: 24)
    var lastVersion: Int64?
    var lastMinute: Int64

    /// Active alerts' duty steps by alert id, read with the summary; what is missed is derived against the clock.
    var deadlines: [String: AlertDeadlines] = [:]
    /// What has rung, the banners waiting for `!`, and whether the bell is silenced.
    var alarms = AlarmState()
    /// Units marked (`m`) for one dispatch.
    var markedUnits: Set<String> = []
    /// Ended alerts that still hold units: offered for release (`R`).
    var endedWithUnits: [AlertRow] = []
    /// The countdowns last drawn, so a tick repaints only when one of them changes.
    var lastCountdowns: [String] = []

    /// The sync state shown in the header; nil hides it.
    public var syncStatus: SyncStatus?
    /// CAP messages held in quarantine (the status bar counts them); live feeds' health when the console runs feeds.
    var quarantined = 0
    var feeds: [FeedHealth] = []

    /// Opens the console on a store. Throws nothing today; kept throwing so start-up checks can grow.
    public convenience init(store: Store, options: ConsoleOptions) throws {
        try self.init(data: store, options: options)
    }

    init(data: any ConsoleData, options: ConsoleOptions) throws {
        self.data = data
        self.options = options
        self.language = options.language
        self.theme = options.theme
        self.layouts = options.layouts
        let now = options.clock.nowMilliseconds()
        self.startedAt = Date(timeIntervalSince1970: Double(now) / 1000)
        self.lastMinute = now / 60_000
        for kind in PaneKind.allCases { panes[kind] = PaneState() }
        if let first = layouts.layouts[layouts.chosen]?.panes.first { focus = first }
        syncStatus = options.syncStatusProvider?()
        feeds = options.feedHealthProvider?() ?? []
        lastVersion = try? data.dataVersion()
        reloadSummary()
        // What is already there when the console opens does not ring (a step missed while it was closed shows as
        // missed, in the row and the header, without a bell).
        checkAlarms(initial: true)
        for kind in PaneKind.allCases { reload(kind) }
        lastCountdowns = visibleCountdowns()
    }

    var now: Date { Date(timeIntervalSince1970: Double(options.clock.nowMilliseconds()) / 1000) }
    var t: Catalog { Catalog(language: language) }
    var format: Format { Format(catalog: t, timeZone: options.timeZone) }

    /// Polls for changes: another process's commits (`dataVersion`), the minute of the header clock, the sync state,
    /// and panes that became visible with stale rows. Returns true when the screen must be redrawn.
    public func tick() -> Bool {
        var redraw = false
        // Time alone ends alerts (they expire) and so frees their units: read again once a minute, or when the data
        // changed (once, when both happen in one tick).
        let minute = options.clock.nowMilliseconds() / 60_000
        let newMinute = minute != lastMinute
        if newMinute {
            lastMinute = minute
            redraw = true
        }
        if let provider = options.syncStatusProvider {
            let status = provider()
            if status != syncStatus { syncStatus = status; redraw = true }
        }
        if let provider = options.feedHealthProvider {
            let health = provider()
            if health != feeds { feeds = health; redraw = true }
        }
        var changed = false
        if let version = try? data.dataVersion(), version != lastVersion {
            lastVersion = version
            changed = true
        }
        if newMinute || changed, refreshAfterChange() { redraw = true }
        for kind in visiblePanes() where panes[kind]!.stale {
            reload(kind)
            redraw = true
        }
        // The clock alone misses a step: checked on every tick against the deadlines read with the data (arrivals come
        // only with a data change, and `refreshAfterChange` has looked for them).
        if checkAlarms(arrivals: false) { redraw = true }
        let countdowns = visibleCountdowns()
        if countdowns != lastCountdowns { lastCountdowns = countdowns; redraw = true }
        return redraw
    }

    /// Re-queries what is visible after a data change; hidden panes are marked stale. True if anything differs.
    @discardableResult
    func refreshAfterChange() -> Bool {
        let before = Snapshot(self)
        reloadSummary()
        checkAlarms()
        // An alert that ended with units out: they are offered for release.
        if let ended = endedWithUnits.first(where: { e in !before.ended.contains { $0.id == e.id } }) {
            show(t(.releaseOffer, ended.id))
        }
        let visible = visiblePanes()
        for kind in PaneKind.allCases {
            if visible.contains(kind) { reload(kind) } else { panes[kind]!.stale = true }
        }
        return Snapshot(self) != before
    }

    /// What a data refresh may change, to tell whether a redraw is needed.
    private struct Snapshot: Equatable {
        var alerts: [AlertRow], units: [UnitRow], stock: [StockRow], drills: [Drill]
        var counts: [WarningLevel: Int], outbox: Int, rejected: Int, quarantined: Int, duty: Shift?
        var deadlines: [String: AlertDeadlines], banners: [AlarmState.Banner], ended: [AlertRow]
        init(_ app: ConsoleApp) {
            alerts = app.alertRows; units = app.unitRows; stock = app.stockRows; drills = app.drillRows
            counts = app.counts; outbox = app.outbox; rejected = app.rejectedUnseen; quarantined = app.quarantined
            duty = app.duty
            deadlines = app.deadlines; banners = app.alarms.banners; ended = app.endedWithUnits
        }
    }

    func reloadSummary() {
        do {
            counts = try data.activeAlertCounts()
            outbox = try data.outboxDepth()
            rejectedUnseen = try data.rejectionCounts().unacknowledged
            duty = try data.currentShift()
            quarantined = try data.quarantineCount()
            deadlines = Dictionary(try data.deadlines(rules: options.deadlineRules, limit: 200).map { ($0.alert.id, $0) },
                                   uniquingKeysWith: { a, _ in a })
            endedWithUnits = try data.endedAlertsHoldingUnits(limit: 20)
        } catch {
            show(error)
        }
    }

    /// Re-runs one pane's query (limit: rows the operator can reach plus a margin) and keeps the selection
    /// on the same record.
    func reload(_ kind: PaneKind) {
        var st = panes[kind]!
        st.limit = max(st.limit, st.scroll + visibleRows(kind) + 50)
        let text = st.filter.isEmpty ? nil : st.filter
        let ids: [String]
        do {
            ids = try kind.model.load(self, &st, text)
        } catch {
            show(error)
            return
        }
        st.stale = false
        rowIDs[kind] = ids
        if let id = st.selectedID, let i = ids.firstIndex(of: id) { st.selected = i }
        st.clamp(count: ids.count, visible: visibleRows(kind))
        st.selectedID = ids.indices.contains(st.selected) ? ids[st.selected] : nil
        panes[kind] = st
        markSeen()
    }

    /// The selected alert counts as seen once the alerts pane has focus.
    func markSeen() {
        guard focus == .alerts, overlay == nil || isFilterOverlay, let id = panes[.alerts]!.selectedID else { return }
        seenAlerts.insert(id)
    }

    var isFilterOverlay: Bool { if case .filter = overlay { true } else { false } }

    func rowCount(_ kind: PaneKind) -> Int { rowIDs[kind]?.count ?? 0 }
    func rowID(_ kind: PaneKind, _ index: Int) -> String? { Self.row(rowIDs[kind] ?? [], index) }

    var selectedAlert: AlertRow? { Self.row(alertRows, panes[.alerts]!.selected) }
    var selectedUnit: UnitRow? { Self.row(unitRows, panes[.units]!.selected) }
    var selectedStock: StockRow? { Self.row(stockRows, panes[.stock]!.selected) }
    var selectedDrill: Drill? { Self.row(drillRows, panes[.drills]!.selected) }

    /// An alert that arrived after the console started and has not been selected yet.
    func isNew(_ row: AlertRow) -> Bool { row.received > startedAt && !seenAlerts.contains(row.id) }

    // MARK: status line

    struct StatusMessage: Equatable {
        var text: String
        var isError: Bool
    }

    func show(_ text: String, error: Bool = false) { message = StatusMessage(text: text, isError: error) }
    func show(_ error: any Error) {
        let text = "\(error)"
        show(text.replacingOccurrences(of: "\n", with: " "), error: true)
    }
}

/// Orders for the drills pane (the store returns them by date).
enum DrillOrder: CaseIterable {
    case date, latest, status
    func sorted(_ drills: [Drill]) -> [Drill] {
        switch self {
        case .date: drills.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        case .latest: drills.sorted { ($0.start, $0.id) > ($1.start, $1.id) }
        case .status: drills.sorted {
            let a = DrillStatus.allCases.firstIndex(of: $0.status)!, b = DrillStatus.allCases.firstIndex(of: $1.status)!
            return (a, $0.start, $0.id) < (b, $1.start, $1.id)
        }
        }
    }
    var label: String { switch self { case .date: "date"; case .latest: "latest"; case .status: "status" } }
}
