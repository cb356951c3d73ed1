import Foundation
import Model
import Screen
import Store

/// The console as lines of text, for a screen reader, a braille display, a teletype or a slow serial link
/// (`--plain`, and `TERM=dumb`): commands are typed as words (`ack 3`, `units`, `show ID`), answers and
/// announcements are whole lines, nothing is drawn or addressed. The same store, actions and catalog as the
/// full-screen console (it drives a `ConsoleApp` underneath), in both languages.
public final class PlainSession {
    let app: ConsoleApp
    /// Alerts already announced or listed, so only arrivals are announced.
    private var known: Set<String> = []
    private var lastSync: SyncStatus?
    /// The record ids of the last list, by line number, and what that list was of.
    private var listed: [String] = []
    private var listedKind: PaneKind = .alerts

    /// Opens the session on a store. The options' `unicode` decides whether decoration may be non-ASCII.
    public convenience init(store: Store, options: ConsoleOptions) throws {
        try self.init(app: ConsoleApp(store: store, options: options))
    }

    init(app: ConsoleApp) {
        self.app = app
        app.size = (200, 60)
        for kind in PaneKind.allCases { app.panes[kind]!.limit = 200; app.reload(kind) }
        known = Set(app.alertRows.map(\.id))
        lastSync = app.syncStatus
    }

    var t: Catalog { app.t }

    /// The sync state as last polled (nil without sync).
    public var syncStatus: SyncStatus? { app.syncStatus }

    /// The first lines: who and where, then the alert counts.
    public func start() -> [String] {
        [t(.plainStart, app.data.identity.officeName, app.data.identity.operatorName), summary()]
    }

    func summary() -> String {
        let c = app.counts
        let total = c.values.reduce(0, +)
        return t(.plainSummary, total, c[.red] ?? 0, c[.orange] ?? 0, c[.yellow] ?? 0, c[.blue] ?? 0, app.syncStatus?.waiting ?? app.outbox)
    }

    /// Polls the store and the sync state; returns one line per arrival, sync failure or recovery.
    public func tick() -> [String] {
        var out: [String] = []
        if app.tick() || app.panes[.alerts]!.stale {
            app.reloadSummary()
            app.reload(.alerts)
        }
        for row in app.alertRows where !known.contains(row.id) {
            known.insert(row.id)
            out.append(t(.plainNewAlert, alertLine(row, number: nil)))
        }
        if let sync = app.syncStatus, sync != lastSync {
            if let error = sync.lastError, error != lastSync?.lastError {
                out.append(t(.plainSyncFailed, ConsoleApp.shortReason(error)))
            } else if sync.online, lastSync?.online == false {
                out.append(t(.plainSyncOnline))
            }
        }
        lastSync = app.syncStatus
        return out
    }

    /// Runs one typed line; `quit` is true when the operator asked to leave.
    public func handle(line raw: String) -> (lines: [String], quit: Bool) {
        var input = TextInput()
        input.type(raw)
        let words = input.text.split(separator: " ").map(String.init)
        guard let command = words.first?.lowercased() else { return ([], false) }
        let args = Array(words.dropFirst())
        app.message = nil
        switch command {
        case "quit", "q", "exit", "bye": return ([t(.plainBye)], true)
        case "help", "?", "h": return (t(.plainHelp).split(separator: "\n").map(String.init), false)
        case "summary", "s": return ([summary()], false)
        case "alerts", "a": return (list(.alerts, filter: args.joined(separator: " ")), false)
        case "units", "u": return (list(.units, filter: args.joined(separator: " ")), false)
        case "stock": return (list(.stock, filter: args.joined(separator: " ")), false)
        case "drills": return (list(.drills, filter: args.joined(separator: " ")), false)
        case "show":
            guard let ref = args.first else { return ([t(.errUsage, "show N|ID")], false) }
            return (show(ref), false)
        case "ack":
            guard let ref = args.first else { return ([t(.errUsage, "ack N|ID")], false) }
            guard let id = resolve(ref, kind: .alerts) else { return ([noSuch(ref, .alerts)], false) }
            app.acknowledge(id)
            return (outcome(), false)
        case "status", "dispatch":
            guard args.count >= 2 else {
                return ([t(.errUsage, command == "dispatch" ? "dispatch N ALERT" : "status N STATUS [ALERT]")], false)
            }
            guard let id = resolve(args[0], kind: .units), let unit = app.unitRows.first(where: { $0.id == id }) else {
                return ([noSuch(args[0], .units)], false)
            }
            let status: UnitStatus?, alertRef: String?
            if command == "dispatch" { status = .dispatched; alertRef = args[1] } else {
                status = UnitStatus(loose: args[1]); alertRef = args.count > 2 ? args[2] : nil
            }
            guard let status else { return ([t(.errUsage, "status N " + UnitStatus.allCases.map(\.rawValue).joined(separator: "|"))], false) }
            let alert = alertRef.map { ref in Int(ref) != nil ? (alertID(number: ref) ?? ref) : ref }
            app.setStatus(unit, status, alert: alert, form: nil)
            app.reload(.units)
            return (outcome(), false)
        case "lang":
            guard let tag = args.first, let language = Language(tag: tag) else { return ([t(.errBadLanguage)], false) }
            app.language = language
            return ([t(.languageSet)], false)
        default:
            return ([t(.plainUnknown, command)], false)
        }
    }

    /// What the last action said (the status line of the full-screen console).
    private func outcome() -> [String] {
        defer { app.message = nil }
        return app.message.map { [$0.text] } ?? []
    }

    private func listCommand(_ kind: PaneKind) -> String {
        switch kind { case .alerts: "alerts"; case .units: "units"; case .stock: "stock"; case .drills: "drills" }
    }

    private func noSuch(_ ref: String, _ kind: PaneKind) -> String {
        t(.plainNoSuch, ref, t.pane(kind), listCommand(kind))
    }

    /// A line number of the last list of `kind`, or an id as typed.
    private func resolve(_ ref: String, kind: PaneKind) -> String? {
        if let n = Int(ref) {
            guard listedKind == kind, listed.indices.contains(n - 1) else { return nil }
            return listed[n - 1]
        }
        return ref
    }

    /// An alert by its line in the last alerts list (for `status N STATUS 2`).
    private func alertID(number: String) -> String? {
        guard let n = Int(number) else { return nil }
        let rows = app.alertRows
        return rows.indices.contains(n - 1) ? rows[n - 1].id : nil
    }

    private func list(_ kind: PaneKind, filter: String) -> [String] {
        app.panes[kind]!.filter = filter
        app.panes[kind]!.limit = 200
        if kind == .alerts { app.reloadSummary() }
        app.reload(kind)
        let c = app.drawContext
        var lines: [String]
        var ids: [String]
        switch kind {
        case .alerts:
            let rows = app.alertRows
            for r in rows { known.insert(r.id) }
            ids = rows.map(\.id)
            lines = rows.enumerated().map { alertLine($1, number: $0 + 1) }
        case .units:
            let rows = app.unitRows
            ids = rows.map(\.id)
            lines = rows.enumerated().map { i, r in
                t(.plainUnit, i + 1, r.name, t.name(r.kind), t.name(r.status), RegionCatalog.shanxi.name(r.homeRegion, t.language),
                  r.servingAlert.map { ", " + t(.colAlert) + " " + $0 } ?? "", r.id)
            }
        case .stock:
            let rows = app.stockRows
            ids = rows.map { StockLine.recordID(depot: $0.line.depot, item: $0.line.item) }
            lines = rows.enumerated().map { i, r in
                let flags = StockPane.flags(r.line, now: c.now, catalog: t).map(\.text).joined()
                return t(.plainStock, i + 1, r.depot.name, r.item.names[t.language], r.line.quantity,
                         r.item.unitOfMeasure[t.language], r.line.minimum, flags.isEmpty ? "" : ", " + flags)
            }
        case .drills:
            let rows = app.drillRows
            ids = rows.map(\.id)
            lines = rows.enumerated().map { i, d in
                t(.plainDrill, i + 1, c.format.date(d.start), d.title, t.name(d.form), t.name(d.status), d.id)
            }
        }
        listed = ids
        listedKind = kind
        let head = t(.plainListHint, lines.count, t.pane(kind))
        if lines.isEmpty { return [head, t(.empty)] }
        return [head] + lines + (app.panes[kind]!.hasMore ? [t(.plainMore)] : [])
    }

    func alertLine(_ r: AlertRow, number: Int?) -> String {
        let c = app.drawContext
        let age = c.format.age(since: r.received, now: c.now)
        let line = t(.plainAlert, number.map(String.init) ?? "-", r.level?.roman ?? "-", r.level.map { t.name($0) } ?? "-", t.name(r.hazard),
                 c.format.areas(r.areas, fallback: r.areaDesc), age == t(.ageNow) ? age : t(.plainAgo, age), t.name(r.state),
                 r.acknowledgments, r.acknowledgedByUs ? t(.plainOurs) : "", r.headline, r.id)
        // An announcement is not a line of a list: no number in front.
        return number == nil && line.hasPrefix("-. ") ? String(line.dropFirst(3)) : line
    }

    private func show(_ ref: String) -> [String] {
        let c = app.drawContext
        var pairs: [(String, String)]?
        let kinds: [PaneKind] = Int(ref) != nil ? [listedKind] : [.alerts, .units, .drills, .stock]
        for kind in kinds where pairs == nil {
            guard let id = resolve(ref, kind: kind) else { continue }
            switch kind {
            case .alerts: pairs = app.alertRows.first { $0.id == id }.map { AlertsPane.detail($0, context: c) }
            case .units: pairs = app.unitRows.first { $0.id == id }.map { UnitsPane.detail($0, context: c) }
            case .drills: pairs = app.drillRows.first { $0.id == id }.map { DrillsPane.detail($0, context: c) }
            case .stock:
                pairs = app.stockRows.first { StockLine.recordID(depot: $0.line.depot, item: $0.line.item) == id }
                    .map { StockPane.detail($0, context: c) }
            }
        }
        guard let pairs else { return [noSuch(ref, listedKind)] }
        return pairs.map { $0.0.isEmpty ? $0.1 : t(.plainDetail, $0.0, $0.1) }
    }
}
