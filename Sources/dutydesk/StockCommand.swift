import Foundation
import Model
import Store

/// `dutydesk stock list|receive|issue|transfer|count`.
enum StockCommand {
    static func run(_ args: inout Arguments) throws {
        let sub = try args.positional("stock subcommand (list, nearest, receive, issue, transfer, transfers, accept, count)")
        switch sub {
        case "list": try list(&args)
        case "nearest": try nearest(&args)
        case "receive", "issue":
            let depot = try args.positional("depot id"), item = try args.positional("item id")
            let qty = try Parse.quantity(try args.positional("quantity"))
            let reason = try args.option("--reason") ?? ""
            let alert = try args.option("--alert")
            if alert != nil && sub == "receive" { throw UsageError(.alertWithIssue) }
            let force = args.flag("--force") || args.flag("--yes")
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            if sub == "issue", !force { try refuseBelowMinimum(store, depot, item, qty) }
            let e = try alert.map { try store.issueStock(depot: depot, item: item, quantity: qty, reason: reason, alertID: $0).movement }
                ?? store.moveStock(depot: depot, item: item, kind: sub == "receive" ? .receive : .issue, quantity: qty, reason: reason)
            let left = try line(store, depot, item)?.quantity
            print(say(sub == "receive" ? .received : .issued, qty, clean(item), clean(depot), left.map { say(.onHand, $0) } ?? "", e.id))
        case "transfer":
            let from = try args.positional("source depot"), to = try args.positional("destination depot")
            let item = try args.positional("item id")
            let qty = try Parse.quantity(try args.positional("quantity"))
            let reason = try args.option("--reason") ?? ""
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let events = try store.transferStock(from: from, to: to, item: item, quantity: qty, reason: reason)
            var transfer = ""
            if case .stock(let m) = events[0].payload, let link = TransferLink(m.transfer) { transfer = link.id }
            if events.count == 1 {
                // To another office's depot: a request that office accepts; until then the stock is in transit.
                print(say(.transferSent, qty, clean(item), clean(from), clean(to), transfer, events[0].id))
            } else {
                print(say(.transferred, qty, clean(item), clean(from), clean(to), transfer, events.map { $0.id.description }.joined(separator: ", ")))
            }
        case "transfers":
            try transfers(&args)
        case "accept":
            let id = try args.positional("transfer id")
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let e = try store.acceptTransfer(id: id)
            guard case .stock(let m) = e.payload else { return }
            print(say(.transferAccepted, m.delta, clean(m.item), clean(m.depot), clean(id), e.id))
        case "count":
            let depot = try args.positional("depot id"), item = try args.positional("item id")
            let observed = try Parse.quantity(try args.positional("observed quantity"), allowZero: true)
            let reason = try args.option("--reason") ?? "盘点"
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            let e = try store.countStock(depot: depot, item: item, observed: observed, reason: reason)
            var delta: Int64 = 0
            if case .stock(let m) = e.payload { delta = m.delta }
            print(say(.counted, observed, clean(item), clean(depot), (delta >= 0 ? "+" : "") + String(delta), e.id))
        case let other: throw UsageError(.unknownSubcommand, "stock", other)
        }
    }

    /// `stock transfers [--pending] [--json]`: transfers this store knows; pending ones are stock in transit.
    static func transfers(_ args: inout Arguments) throws {
        let pending = args.flag("--pending")
        let (limit, json) = try ListOutput.options(&args)
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        let rows = try store.transfers(pendingOnly: pending, limit: limit)
        if json {
            for t in rows {
                var j = JSONLine()
                j.add("id", t.id); j.add("item", t.item); j.add("quantity", t.quantity)
                j.add("from", t.from ?? ""); j.add("to", t.to ?? ""); j.add("pending", t.isPending)
                j.add("for_us", t.isPending && t.destinationOwner == store.identity.office)
                j.add("sent", t.sent?.description ?? ""); j.add("received", t.received?.description ?? "")
                print(j.text)
            }
            return
        }
        var table = TextTable([Msg.colTransfer, .colItem, .colQty, .colFrom, .colTo, .colState])
        for t in rows {
            let state = !t.isPending ? (t.received != nil ? "received" : "rejected")
                : t.destinationOwner == store.identity.office ? "in transit: accept with `stock accept`" : "in transit"
            table.add([t.id, t.item, String(t.quantity), t.from ?? "?", t.to ?? "?", state])
        }
        print(table.render())
    }

    /// An issue that would take the line below its minimum is refused unless asked for (`--force` or `--yes`).
    private static func refuseBelowMinimum(_ store: Store, _ depot: String, _ item: String, _ qty: Int64) throws {
        guard let line = try line(store, depot, item), line.quantity - qty < line.minimum, qty <= line.quantity else { return }
        throw CommandError(.belowMinimum, qty, line.quantity - qty, clean(item), clean(depot), line.minimum)
    }

    /// The stock line of `item` at `depot`, if the store has it.
    private static func line(_ store: Store, _ depot: String, _ item: String) throws -> StockLine? {
        var q = StockQuery()
        q.depot = depot
        q.item = item
        q.limit = 1
        return try store.stock(q).first?.line
    }

    static func list(_ args: inout Arguments) throws {
        var q = StockQuery()
        q.depot = try args.option("--depot")
        q.item = try args.option("--item")
        q.depotLevels = Set(try Parse.many(try args.options("--level")) { try Parse.enumValue($0, "depot level") as DepotLevel })
        q.categories = Set(try Parse.many(try args.options("--category")) { try Parse.enumValue($0, "category") as ItemCategory })
        q.region = try args.option("--region").map(Parse.region)
        q.belowMinimumOnly = args.flag("--low")
        q.expiringWithinDays = try args.int("--expiring", range: 0...3650)
        q.text = try args.option("--text")
        if let s = try args.option("--sort") { q.sort = try Parse.enumValue(s, "sort") }
        let (limit, json) = try ListOutput.options(&args)
        q.limit = limit
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        let now = Date()
        let rows = try store.stock(q)
        if json {
            for r in rows {
                var j = JSONLine()
                j.add("depot", r.depot.id); j.add("depot_name", r.depot.name); j.add("depot_level", r.depot.level.rawValue)
                j.add("region", r.depot.region); j.add("item", r.item.id); j.add("item_name", r.item.names.zh)
                j.add("category", r.item.category.rawValue); j.add("uom", r.item.unitOfMeasure.zh)
                j.add("quantity", r.line.quantity); j.add("minimum", r.line.minimum); j.add("expires", r.line.expires)
                j.add("below_minimum", r.line.isBelowMinimum); j.add("expiring_30d", r.line.expiresWithin(days: 30, of: now))
                print(j.text)
            }
            return
        }
        var t = TextTable([Msg.colDepot, .colItem, .colQty, .colMin, .colUom, .colFlags, .colDepotName])
        for r in rows {
            var flags = ""
            if r.line.quantity < 0 { flags += "NEG " } else if r.line.isBelowMinimum { flags += "LOW " }
            if r.line.expiresWithin(days: 30, of: now) { flags += "EXP" }
            t.add([r.depot.id, r.item.id, String(r.line.quantity), String(r.line.minimum), r.item.unitOfMeasure.zh,
                   flags.isEmpty ? "-" : flags, r.depot.name])
        }
        print(t.render())
    }
}

/// `dutydesk drills list|schedule|update`.
enum DrillsCommand {
    static func run(_ args: inout Arguments) throws {
        switch try args.positional("drills subcommand (list, schedule, update)") {
        case "list": try list(&args)
        case "schedule": try schedule(&args)
        case "update":
            let store = try StoreLocation.open(&args, finishing: false)
            defer { store.close() }
            let id = try args.positional("drill id")
            var fields: [String: String] = [:]
            while let pair = args.optionalPositional() {
                guard let eq = pair.firstIndex(of: "=") else { throw UsageError(.expectedFieldValue, pair) }
                let key = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
                switch key {
                case "status":
                    let s: DrillStatus = try Parse.enumValue(value, "drill status")
                    fields["status"] = s.rawValue
                case "date":
                    fields["start"] = String(Int64(try Parse.day(value, time: "09:00").timeIntervalSince1970))
                case "title", "evaluation", "units": fields[key] = value
                default: throw UsageError(.drillFieldUnknown, key)
                }
            }
            guard !fields.isEmpty else { throw UsageError(.drillNeedsField) }
            try args.finish()
            let e = try store.updateDrill(id: id, fields: fields)
            print(say(.drillUpdated, clean(id), fields.keys.sorted().joined(separator: ", "), e.id))
        case let other: throw UsageError(.unknownSubcommand, "drills", other)
        }
    }

    static func schedule(_ args: inout Arguments) throws {
        guard let title = try args.option("--title"), !title.isEmpty else { throw UsageError(.scheduleNeedsTitle) }
        guard let date = try args.option("--date") else { throw UsageError(.scheduleNeedsDate) }
        let start = try Parse.day(date, time: try args.option("--time") ?? "09:00")
        let hours = try args.int("--hours", range: 1...240) ?? 4
        let hazard: Hazard = try args.option("--hazard").map { try Parse.enumValue($0, "hazard") } ?? .earthquake
        let form: DrillForm = try args.option("--form").map { try Parse.enumValue($0, "form") } ?? .tabletop
        let scope: DrillScope = try args.option("--scope").map { try Parse.enumValue($0, "scope") } ?? .single
        let joint = args.flag("--joint"), blind = args.flag("--double-blind")
        let units = try args.option("--units").map { $0.split(separator: ",").map(String.init) } ?? []
        let regionArg = try args.option("--region").map(Parse.region)
        let store = try StoreLocation.open(&args)
        defer { store.close() }
        let region = regionArg ?? store.identity.office
        let drill = Drill(id: "", title: title, hazard: hazard, form: form, scope: scope, joint: joint, doubleBlind: blind,
                          organiser: store.identity.office, region: region, start: start,
                          end: start.addingTimeInterval(Double(hours) * 3600), units: units)
        let (made, e) = try store.scheduleNewDrill(drill)
        print(say(.drillScheduled, made.id, clean(title), shortDate(start), e.id))
    }

    static func list(_ args: inout Arguments) throws {
        var q = DrillQuery()
        q.from = try args.option("--from").map { try Parse.day($0) }
        q.to = try args.option("--to").map { try Parse.day($0) }
        q.statuses = Set(try Parse.many(try args.options("--status")) { try Parse.enumValue($0, "drill status") as DrillStatus })
        q.region = try args.option("--region").map(Parse.region)
        q.text = try args.option("--text")
        let (limit, json) = try ListOutput.options(&args)
        q.limit = limit
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        let rows = try store.drills(q)
        if json {
            for d in rows {
                var j = JSONLine()
                j.add("id", d.id); j.add("title", d.title); j.add("hazard", d.hazard.rawValue); j.add("form", d.form.rawValue)
                j.add("scope", d.scope.rawValue); j.add("joint", d.joint); j.add("double_blind", d.doubleBlind)
                j.add("organiser", d.organiser); j.add("region", d.region); j.add("start", d.start); j.add("end", d.end)
                j.add("units", d.units); j.add("status", d.status.rawValue); j.add("evaluation", d.evaluation)
                print(j.text)
            }
            return
        }
        var t = TextTable([Msg.colID, .colDate, .colForm, .colScope, .colMarks, .colStatus, .colTitle])
        for d in rows {
            t.add([d.id, shortDate(d.start), d.form.rawValue, d.scope.rawValue,
                   (d.joint ? "J" : "-") + (d.doubleBlind ? "B" : "-"), d.status.rawValue, d.title])
        }
        print(t.render())
    }
}

extension StockCommand {
    /// `stock nearest ALERT ITEM [--limit N] [--json]`: depots holding the item above minimum, nearest first.
    static func nearest(_ args: inout Arguments) throws {
        let alert = try args.positional("alert id"), item = try args.positional("item id")
        let (limit, json) = try ListOutput.options(&args)
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        let rows = try store.nearestStock(alert: alert, item: item, limit: min(limit, 100))
        if json {
            for n in rows {
                var j = JSONLine()
                j.add("depot", n.row.depot.id); j.add("name", n.row.depot.name); j.add("region", n.row.depot.region)
                j.add("owner", n.row.depot.owner); j.add("distance", String(describing: n.distance))
                j.add("quantity", n.row.line.quantity); j.add("minimum", n.row.line.minimum); j.add("spare", n.spare)
                print(j.text)
            }
            return
        }
        var t = TextTable([Msg.colDepot, .colName, .colRegion, .colRing, .colQty, .colMin, .colSpare])
        t.maxWidths = [1: 30]
        for n in rows {
            t.add([n.row.depot.id, n.row.depot.name, RegionCatalog.shanxi.name(n.row.depot.region, .zh), n.distance.names.en,
                   String(n.row.line.quantity), String(n.row.line.minimum), String(n.spare)])
        }
        print(rows.isEmpty ? "no depot holds \(clean(item)) above its minimum" : t.render())
    }
}
