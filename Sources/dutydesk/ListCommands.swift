import Foundation
import Model
import Store

/// `dutydesk alerts list|ack|import|quarantine`.
enum AlertsCommand {
    static func run(_ args: inout Arguments) throws {
        switch try args.positional("alerts subcommand (list, show, ack, import, export, timeline, steps, done, quarantine, watch, poll)") {
        case "list": try list(&args)
        case "import": try AlertImportCommand.run(&args)
        case "quarantine": try AlertQuarantineCommand.run(&args)
        case "show": try AlertShowCommand.show(&args)
        case "export": try AlertShowCommand.export(&args)
        case "watch": try AlertWatchCommand.run(&args)
        case "poll": try AlertPollCommand.run(&args)
        case "timeline": try TimelineCommand.run(&args)
        case "steps": try DeadlineCommands.steps(&args)
        case "done": try DeadlineCommands.done(&args)
        case "ack":
            let id = try args.positional("alert id")
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let event = try store.acknowledge(alertID: id)
            print(say(.acknowledgedAs, clean(id), clean(store.identity.operatorName), store.identity.office, event.id))
        case let other: throw UsageError(.unknownSubcommand, "alerts", other)
        }
    }

    static func list(_ args: inout Arguments) throws {
        var q = AlertQuery()
        q.levels = Set(try Parse.many(try args.options("--level"), Parse.level))
        q.states = Set(try Parse.many(try args.options("--state")) { try Parse.enumValue($0, "state") as AlertState })
        q.hazards = Set(try Parse.many(try args.options("--hazard")) { try Parse.enumValue($0, "hazard") as Hazard })
        q.region = try args.option("--region").map(Parse.region)
        q.activeOnly = args.flag("--active")
        q.text = try args.option("--text")
        if let s = try args.option("--sort") { q.sort = try Parse.enumValue(s, "sort") }
        let (limit, json) = try ListOutput.options(&args)
        q.limit = limit
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        let rows = try store.alerts(q)
        if json {
            for a in rows {
                var j = JSONLine()
                j.add("id", a.id); j.add("key", a.key); j.add("level", a.level?.roman); j.add("color", a.level?.names.en.lowercased())
                j.add("hazard", a.hazard.rawValue); j.add("headline", a.headline); j.add("regions", a.areas)
                j.add("area_desc", a.areaDesc); j.add("sender", a.sender); j.add("sent", a.sent); j.add("received", a.received)
                j.add("expires", a.expires); j.add("state", a.state.rawValue); j.add("acks", a.acknowledgments)
                j.add("acked_by_us", a.acknowledgedByUs); j.add("responding_units", a.respondingUnits)
                if let shown = AlertJSON.shown(try store.alertChain(id: a.key)?.messages ?? []) {
                    let m = AlertJSON.message(shown, allInfos: false)
                    for key in AlertJSON.chainFields { if let v = m.value(key) { j.add(key, raw: v) } }
                }
                print(j.text)
            }
            return
        }
        var t = TextTable([Msg.colLevel, .colID, .colHazard, .colArea, .colSent, .colState, .colAcks, .colHeadline])
        // An id two alerts share shows as the full key ("identifier,sender,sent"): wide enough to copy whole.
        t.maxWidths = [1: 72, 7: 60]
        for a in rows {
            // A foreign alert has no GB/T 2260 region: its own area description stands in.
            // Hazard and state in the CLI's language, as the header is (the region keeps its Chinese name, as before).
            t.add([a.level?.roman ?? "-", a.id, a.hazard.name(Msg.language), a.areas.first.map { RegionCatalog.shanxi.name($0, .zh) } ?? a.areaDesc,
                   shortDate(a.sent), a.state.name(Msg.language), String(a.acknowledgments), a.headline])
        }
        print(t.render())
    }
}

/// `dutydesk units list|status`.
enum UnitsCommand {
    static func run(_ args: inout Arguments) throws {
        switch try args.positional("units subcommand (list, status, dispatch, release)") {
        case "list": try list(&args)
        case "dispatch": try DispatchCommands.dispatch(&args)
        case "release": try DispatchCommands.release(&args)
        case "status":
            let id = try args.positional("unit id")
            let status: UnitStatus = try {
                let word = try args.positional("status")
                guard let s = UnitStatus(loose: word) else {
                    throw UsageError(.unknownStatus, word, UnitStatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return s
            }()
            let alert = try args.option("--alert")
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let e = try store.setUnitStatus(unitID: id, to: status, alertID: alert)
            print(say(alert == nil ? .unitNow : .unitNowFor, clean(id), status.name(Msg.language), e.id, clean(alert ?? "")))
        case let other: throw UsageError(.unknownSubcommand, "units", other)
        }
    }

    static func list(_ args: inout Arguments) throws {
        var q = UnitQuery()
        q.kinds = Set(try Parse.many(try args.options("--kind")) { try Parse.enumValue($0, "kind") as UnitKind })
        q.statuses = Set(try Parse.many(try args.options("--status")) { w in
            guard let s = UnitStatus(loose: w) else { throw UsageError(.unknownStatus, w, UnitStatus.allCases.map(\.rawValue).joined(separator: ", ")) }
            return s
        })
        q.region = try args.option("--region").map(Parse.region)
        q.text = try args.option("--text")
        q.includeRetired = args.flag("--retired")
        if let s = try args.option("--sort") { q.sort = try Parse.enumValue(s, "sort") }
        let (limit, json) = try ListOutput.options(&args)
        q.limit = limit
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        let rows = try store.units(q)
        if json {
            for u in rows {
                var j = JSONLine()
                j.add("id", u.id); j.add("kind", u.kind.rawValue); j.add("name", u.name); j.add("home_region", u.homeRegion)
                j.add("owner", u.owner); j.add("strength", u.strength); j.add("contact", u.contact)
                j.add("status", u.status.rawValue); j.add("status_changed", u.statusChanged); j.add("alert", u.servingAlert)
                j.add("retired", u.retired)
                print(j.text)
            }
            return
        }
        var t = TextTable([Msg.colID, .colKind, .colName, .colHome, .colStatus, .colSince, .colAlert, .colStrength])
        t.maxWidths = [2: 30, 6: 28]
        for u in rows {
            t.add([u.id, u.kind.names.en, u.name, RegionCatalog.shanxi.name(u.homeRegion, .zh), u.status.names.en,
                   age(u.statusChanged), u.servingAlert ?? "-", String(u.strength)])
        }
        print(t.render())
    }
}
