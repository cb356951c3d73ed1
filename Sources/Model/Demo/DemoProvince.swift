import Foundation

/// Generates a believable Shanxi province as a stream of events, deterministically from a seed.
///
/// Events come out in time order over the year before `now`, each from the device of the office that made it,
/// so a store can ingest them as history. Memory stays bounded at any scale: only the current unit statuses and
/// stock quantities are held, never the events.
public struct DemoProvince {
    public let seed: UInt64
    public let scale: Int
    public let now: Date
    public let catalog = RegionCatalog.demo

    public init(seed: UInt64 = 2026, scale: Int = 1, now: Date) {
        self.seed = seed
        self.scale = max(1, scale)
        self.now = now
    }

    /// The device id the demo uses for an office: stable, and never collides with a random store's id
    /// in practice (high tag bits).
    public static func device(forOffice code: RegionCode) -> DeviceID { 0xDE00_0000_0000_0000 | DeviceID(code) }

    /// Offices that appear in the demo: the province, every city, every county and township the catalog knows.
    public var offices: [Region] { catalog.regions }

    /// Emits every event; `sink` may throw to stop early.
    public func generate(_ sink: (Event) throws -> Void) throws {
        var g = Generation(province: self)
        try g.run(sink)
    }
}

/// Mutable state of one generation run.
private struct Generation {
    let p: DemoProvince
    var rng: SeededGenerator
    var seqs: [RegionCode: Int64] = [:]
    var lastWall: [RegionCode: Int64] = [:]
    var units: [(id: String, kind: UnitKind, owner: RegionCode, region: RegionCode, status: UnitStatus, busyUntil: Date)] = []
    var depots: [(id: String, owner: RegionCode, region: RegionCode, level: DepotLevel)] = []
    var lines: [(depot: Int, item: Int, qty: Int64, min: Int64)] = []
    var linesByDepot: [[Int]] = []
    var linesByItem: [[Int]] = Array(repeating: [], count: DemoCatalog.items.count)
    var pending: [(Date, RegionCode, EventPayload)] = []
    /// Each line's quantity in emission (time) order, "depot|item".
    var shelf: [String: Int64] = [:]
    var alertCounter = 0
    var transferCounter = 0

    init(province: DemoProvince) {
        p = province
        rng = SeededGenerator(seed: province.seed)
    }

    var cities: [Region] { p.catalog.regions(at: .city) }
    var counties: [Region] { p.catalog.regions(at: .county) }

    mutating func emit(_ at: Date, _ office: RegionCode, _ payload: EventPayload, _ sink: (Event) throws -> Void) throws {
        let seq = (seqs[office] ?? 0) + 1
        seqs[office] = seq
        var wall = Int64(at.timeIntervalSince1970 * 1000)
        if let last = lastWall[office], wall <= last { wall = last + 1 }
        lastWall[office] = wall
        let device = DemoProvince.device(forOffice: office)
        let op = DemoCatalog.operators[Int(UInt64(office) &* 2_654_435_761 % UInt64(DemoCatalog.operators.count))]
        try sink(Event(id: EventID(device: device, seq: seq), office: office, operator: op,
                       hlc: HLC(wall: wall, counter: 0, node: device), payload: observedInTimeOrder(payload)))
    }

    mutating func run(_ sink: (Event) throws -> Void) throws {
        let start = p.now.addingTimeInterval(-365 * 86_400)
        try setup(at: start, sink)
        // A day at a time, in time order, so memory stays bounded.
        for day in 0..<366 {
            let dayStart = start.addingTimeInterval(Double(day) * 86_400)
            guard dayStart < p.now else { break }
            planDay(dayStart)
            pending.sort { $0.0 < $1.0 }
            let batch = pending.filter { $0.0 <= p.now }
            pending.removeAll()
            for (at, office, payload) in batch { try emit(at, office, payload, sink) }
        }
    }

    /// A day is planned in random order but emitted in time order: a count observes what the shelves hold at its
    /// time (the movements emitted before it), plus its drift, so the history reads the same whether counts fold as
    /// observations or as deltas. Never below zero.
    mutating func observedInTimeOrder(_ payload: EventPayload) -> EventPayload {
        guard case .stock(var m) = payload else { return payload }
        let key = m.depot + "|" + m.item
        let before = shelf[key, default: 0]
        if m.isCount {
            let observed = max(0, before + m.delta)
            m.observed = observed
            m.delta = observed - before
        }
        shelf[key] = before + m.delta
        return .stock(m)
    }

    // MARK: set-up: offices, units, depots, items, stock lines, drills

    mutating func setup(at t: Date, _ sink: (Event) throws -> Void) throws {
        for office in p.offices {
            let names = DemoCatalog.officeName(office)
            try emit(t, office.code, .fields(RecordRef(.office, String(office.code)),
                                             ["name": names.zh, "nameEN": names.en, "region": String(office.code),
                                              "phone": DemoCatalog.dutyPhone(office.code, line: 1),
                                              "leaderPhone": DemoCatalog.dutyPhone(office.code, line: 8)]), sink)
        }
        // Units: ~200 per scale across kinds, owned by city and county offices (aviation by the province).
        let perScale = 200
        for i in 0..<(perScale * p.scale) {
            let kind: UnitKind
            let r = Int.random(in: 0..<100, using: &rng)
            switch r {
            case 0..<30: kind = .fireRescue
            case 30..<38: kind = .mineRescue
            case 38..<43: kind = .hazmat
            case 43..<51: kind = .floodRescue
            case 51..<56: kind = .earthquakeGeo
            case 56..<63: kind = .forestFire
            case 63..<71: kind = .medical
            case 71..<76: kind = .utilities
            case 76..<78: kind = .helicopter
            case 78..<79: kind = .fixedWing
            case 79..<85: kind = .drone
            case 85..<96: kind = .volunteer
            default: kind = .military
            }
            let aviation = kind == .helicopter || kind == .fixedWing
            let home: Region = aviation ? cities[0] : (r % 3 == 0 ? cities.pick(&rng) : counties.pick(&rng))
            let owner = aviation ? 140000 : home.code
            let id = "U\(owner / 100 % 10000)-\(String(format3(i + 1)))"
            let strength = aviation ? Int.random(in: 3...8, using: &rng) : Int.random(in: 6...60, using: &rng)
            let name = DemoCatalog.unitName(kind, region: home.names.zh, n: i % 9 + 1)
            let contact = "0351-\(Int.random(in: 1_000_000...9_999_999, using: &rng))"
            let unit = RescueUnit(id: id, kind: kind, name: name, homeRegion: home.code, owner: owner,
                                  strength: strength, contact: contact)
            try emit(t, owner, .fields(RecordRef(.unit, id), unit.fields), sink)
            units.append((id, kind, owner, home.code, .available, t))
        }
        // Items: the catalogue, owned by the province.
        for item in DemoCatalog.items {
            let it = SupplyItem(id: item.0, names: Names(zh: item.1, en: item.2), category: item.3,
                                unitOfMeasure: Names(zh: item.4, en: item.5))
            try emit(t, 140000, .fields(RecordRef(.item, it.id), it.fields), sink)
        }
        // Depots: provincial, one per city, ~20 county, a few township and enterprise reserves, per scale.
        for s in 0..<p.scale {
            let suffix = s == 0 ? "" : "-\(s)"
            var plan: [(Region, DepotLevel, String)] = [(p.catalog[140000]!, .provincial, "省级应急物资储备库")]
            for c in cities { plan.append((c, .city, "市级应急物资储备库")) }
            for c in counties.prefix(20) { plan.append((c, .county, "县级救灾物资储备库")) }
            for t in p.catalog.regions(at: .township).prefix(3) { plan.append((t, .township, "乡镇应急物资储备点")) }
            let firms = ["太钢集团", "晋能控股", "华润万家", "美特好超市", "山西建投"]
            for f in firms { plan.append((cities.pick(&rng), .enterprise, "\(f)协议储备库")) }
            for (region, level, label) in plan {
                let id = "D\(region.code)\(level == .enterprise ? "E\(depots.count)" : "")\(suffix)"
                let name = level == .enterprise ? label : region.names.zh + label
                let owner = level == .enterprise ? (Region.parent(of: region.code) == 140000 ? region.code : region.code) : region.code
                let depot = Depot(id: id, name: name, level: level, region: region.code, owner: owner)
                var fields = depot.fields
                fields["phone"] = DemoCatalog.dutyPhone(region.code, line: 20 + depots.count % 70)
                try emit(t, owner, .fields(RecordRef(.depot, id), fields), sink)
                depots.append((id, owner, region.code, level))
                linesByDepot.append([])
                // Each depot stocks a share of the catalogue suited to its level.
                let share = level == .provincial ? 60 : (level == .township ? 15 : 30)
                var chosen = Array(0..<DemoCatalog.items.count)
                chosen.shuffle(using: &rng)
                for itemIndex in chosen.prefix(share) {
                    let item = DemoCatalog.items[itemIndex]
                    let factor: Double = level == .provincial ? 3 : (level == .city ? 1 : (level == .township ? 0.1 : 0.4))
                    let minimum = max(1, Int64(Double(item.6) * factor * 0.5))
                    let qty = Int64(Double(item.6) * factor * Double.random(in: 0.6...1.6, using: &rng))
                    let d = depots.count - 1
                    linesByDepot[d].append(lines.count)
                    linesByItem[itemIndex].append(lines.count)
                    lines.append((d, itemIndex, qty, minimum))
                    var fields = ["minimum": String(minimum)]
                    if DemoCatalog.perishable(item.3) {
                        let days = Double(Int.random(in: 380...1100, using: &rng))
                        fields["expires"] = String(Int64(t.timeIntervalSince1970 + days * 86_400))
                    }
                    try emit(t, owner, .fields(RecordRef(.stockLine, StockLine.recordID(depot: id, item: item.0)), fields), sink)
                    try emit(t, owner, .stock(StockMovement(depot: id, item: item.0, delta: qty, kind: .receive,
                                                            reason: "年初储备入库")), sink)
                }
            }
        }
        // Drills: ~50 per scale across the year, half behind us, half ahead.
        for i in 0..<(50 * p.scale) {
            let hazard = DemoCatalog.hazardMix.pick(&rng)
            let region = i % 4 == 0 ? cities.pick(&rng) : counties.pick(&rng)
            let form: DrillForm = Bool.random(using: &rng) ? .tabletop : .practical
            let startDate = p.now.addingTimeInterval(Double(Int.random(in: -300...120, using: &rng)) * 86_400
                                                     + Double(Int.random(in: 8...15, using: &rng)) * 3600)
            let past = startDate < p.now
            let status: DrillStatus = past ? (Int.random(in: 0..<4, using: &rng) == 0 ? .evaluated : .completed)
                                           : (startDate.timeIntervalSince(p.now) < 14 * 86_400 ? .notified : .planned)
            let participants = (0..<Int.random(in: 2...6, using: &rng)).map { _ in units.pick(&rng).id }
            let drill = Drill(id: "DR\(2026)-\(String(format3(i + 1)))", title: DemoCatalog.drillTitle(hazard, area: region.names.zh, form: form),
                              hazard: hazard, form: form, scope: Bool.random(using: &rng) ? .single : .comprehensive,
                              joint: Int.random(in: 0..<5, using: &rng) == 0, doubleBlind: Int.random(in: 0..<6, using: &rng) == 0,
                              organiser: region.code, region: region.code, start: startDate,
                              end: startDate.addingTimeInterval(form == .tabletop ? 3 * 3600 : 8 * 3600),
                              units: participants, status: status,
                              evaluation: status == .evaluated ? "响应迅速，协同顺畅；通信保障需加强。" : "")
            try emit(t, region.code, .fields(RecordRef(.drill, drill.id), drill.fields), sink)
        }
    }

    // MARK: a day of activity

    mutating func planDay(_ day: Date) {
        let month = Calendar(identifier: .gregorian).component(.month, from: day)
        let summer = (6...9).contains(month)
        // ~300 alerts a year per scale; more in the flood season.
        // The last days before `now` are busier, so a demo opens on a desk with live incidents.
        let recent = p.now.timeIntervalSince(day) < 3 * 86_400
        let alertsToday = poisson(Double(p.scale) * (summer ? 1.3 : 0.6) * (recent ? 5 : 1))
        for _ in 0..<alertsToday { planAlert(at: day.addingTimeInterval(Double.random(in: 0..<86_400, using: &rng)), summer: summer) }
        // Routine stock movements: issues, replenishment, rotation, counts, transfers (~12,000 a year per scale).
        let moves = poisson(Double(p.scale) * 32)
        for _ in 0..<moves { planMovement(at: day.addingTimeInterval(Double.random(in: 28_800..<64_800, using: &rng))) }
        // Training stints for available units (~3 a day per scale).
        for _ in 0..<poisson(Double(p.scale) * 3) {
            let u = Int.random(in: 0..<units.count, using: &rng)
            guard units[u].status == .available, units[u].busyUntil <= day else { continue }
            let at = day.addingTimeInterval(Double.random(in: 28_800..<36_000, using: &rng))
            units[u].busyUntil = at.addingTimeInterval(6 * 3600)
            pending.append((at, units[u].owner, .unitStatus(unitID: units[u].id, status: .training, alertID: nil)))
            pending.append((at.addingTimeInterval(6 * 3600), units[u].owner, .unitStatus(unitID: units[u].id, status: .available, alertID: nil)))
        }
    }

    mutating func planAlert(at: Date, summer: Bool) {
        var hazard = DemoCatalog.hazardMix.pick(&rng)
        if !summer && [.rainstorm, .flood, .mountainTorrent, .urbanWaterlogging, .hailGale].contains(hazard) { hazard = .freezing }
        let lr = Int.random(in: 0..<100, using: &rng)
        let level: WarningLevel = lr < 5 ? .red : (lr < 20 ? .orange : (lr < 55 ? .yellow : .blue))
        let county = Int.random(in: 0..<3, using: &rng) > 0
        let area = county ? counties.pick(&rng) : cities.pick(&rng)
        let issuer = area.code
        alertCounter += 1
        let stamp = Int64(at.timeIntervalSince1970)
        let id = "\(area.code)-\(stamp)-\(alertCounter)"
        let duration = Double([6, 12, 24, 48].pick(&rng)) * 3600
        let headline = DemoCatalog.headline(hazard, level: level, area: area.names.zh,
                                            magnitude: Double.random(in: 3.0...5.6, using: &rng))
        let alert = Alert(identifier: id, sender: "\(area.code)@yjgl.shanxi.gov.cn", sent: at,
                          urgency: level <= .orange ? .immediate : .expected, certainty: .likely,
                          headline: headline,
                          description: "\(area.names.zh)\(DemoCatalog.issuer(hazard))发布：\(headline)。请相关单位加强值守，做好应急准备。",
                          instruction: level <= .orange ? "立即启动应急响应，组织危险区域人员转移。" : "加强监测，做好防范。",
                          onset: at, expires: at.addingTimeInterval(duration),
                          areaDesc: area.names.zh, areas: [area.code], level: level, hazard: hazard)
        pending.append((at, issuer, .alert(alert)))
        // Acknowledgments and units cite the alert by its CAP identity; updates reference it as CAP does.
        let key = alert.messageID.key, reference = alert.messageID.reference
        // Acknowledgments: the city and the province desks acknowledge within minutes.
        let city = Region.parent(of: area.code) ?? area.code
        for (office, delay) in [(city, 240.0), (140000, 600.0)] where office != issuer {
            pending.append((at.addingTimeInterval(delay + Double.random(in: 0..<600, using: &rng)), office, .acknowledge(alertID: key)))
        }
        // The issuing desk's duty steps, inside their default deadlines: a demo whose past alerts all show missed
        // steps would cry wolf. Fixed offsets, so the rest of the province draws the same numbers as before.
        pending.append((at.addingTimeInterval(360), issuer, .note(Note(DutyStep.report.description, role: .step, alertID: key))))
        pending.append((at.addingTimeInterval(1080), issuer, .note(Note(DutyStep.passOn.description, role: .step, alertID: key))))
        if level <= .orange {
            let relief = DutyStep.relief(area.code).description
            pending.append((at.addingTimeInterval(4 * 3600), issuer, .note(Note(relief, role: .step, alertID: key))))
        }
        // Updates: some warnings are raised or extended; some are lifted early.
        let fate = Int.random(in: 0..<10, using: &rng)
        if fate == 0, level > .red {
            var update = alert
            update.identifier = id + "-u"
            update.msgType = .update
            update.references = [reference]
            update.sent = at.addingTimeInterval(duration / 3)
            let raised = WarningLevel(rawValue: level.rawValue - 1)!
            update.level = raised
            update.severity = raised.capSeverity
            update.headline = DemoCatalog.headline(hazard, level: raised, area: area.names.zh, magnitude: 4.8)
            pending.append((update.sent, issuer, .alert(update)))
        } else if fate == 1 {
            var lift = alert
            lift.identifier = id + "-c"
            lift.msgType = .update
            lift.references = [reference]
            lift.responseType = .allClear
            lift.sent = at.addingTimeInterval(duration / 2)
            lift.headline = "\(area.names.zh)解除\(hazard.names.zh)\(level.names.zh)预警"
            pending.append((lift.sent, issuer, .alert(lift)))
        } else if fate == 2 {
            var cancel = alert
            cancel.identifier = id + "-x"
            cancel.msgType = .cancel
            cancel.references = [reference]
            cancel.sent = at.addingTimeInterval(1800)
            cancel.headline = "取消：\(headline)"
            pending.append((cancel.sent, issuer, .alert(cancel)))
            return
        }
        // Dispatch: severe warnings commit responders from the same city; they cycle back to available.
        guard level <= .yellow else { return }
        let wanted = DemoCatalog.responders(hazard)
        let count = level == .red ? 5 : (level == .orange ? 3 : 1)
        var chosen = 0
        for u in units.indices where chosen < count {
            let unit = units[u]
            guard wanted.contains(unit.kind), unit.status == .available, unit.busyUntil <= at,
                  Region.isWithin(unit.region, city) || unit.owner == 140000 else { continue }
            chosen += 1
            var t = at.addingTimeInterval(Double.random(in: 300...1800, using: &rng))
            let cycle: [(UnitStatus, Double)] = [(.dispatched, 600), (.enRoute, 2400), (.onScene, duration * 0.6), (.returning, 3600), (.available, 0)]
            for (status, stay) in cycle {
                pending.append((t, unit.owner, .unitStatus(unitID: unit.id, status: status,
                                                            alertID: status.isCommitted || status == .returning ? key : nil)))
                t = t.addingTimeInterval(stay * Double.random(in: 0.5...1.5, using: &rng))
            }
            units[u].busyUntil = t
            // Ongoing incidents leave their units committed at "now"; the generator drops events past now.
        }
        // Relief supplies go out from a depot in that city.
        if level <= .orange, let d = depots.indices.first(where: { Region.isWithin(depots[$0].region, city) }) {
            for l in linesByDepot[d].prefix(3) { issue(line: l, at: at.addingTimeInterval(3600), fraction: 0.1, reason: "\(headline.prefix(12))… 救灾调拨") }
        }
    }

    mutating func issue(line l: Int, at: Date, fraction: Double, reason: String) {
        let qty = Int64(Double(lines[l].qty) * fraction)
        guard qty > 0 else { return }
        lines[l].qty -= qty
        let depot = depots[lines[l].depot]
        pending.append((at, depot.owner, .stock(StockMovement(depot: depot.id, item: DemoCatalog.items[lines[l].item].0,
                                                              delta: -qty, kind: .issue, reason: reason))))
    }

    mutating func planMovement(at: Date) {
        let l = Int.random(in: 0..<lines.count, using: &rng)
        let depot = depots[lines[l].depot]
        let item = DemoCatalog.items[lines[l].item]
        let r = Int.random(in: 0..<100, using: &rng)
        switch r {
        case 0..<40:
            issue(line: l, at: at, fraction: Double.random(in: 0.01...0.08, using: &rng), reason: ["日常领用", "抢险调拨", "救灾发放", "演练消耗"].pick(&rng))
        case 40..<75:
            // Replenish toward a comfortable level; some lines are left below minimum on purpose (realism).
            let target = lines[l].min * Int64.random(in: 1...3, using: &rng)
            let qty = max(0, target - lines[l].qty)
            guard qty > 0 else { return }
            lines[l].qty += qty
            pending.append((at, depot.owner, .stock(StockMovement(depot: depot.id, item: item.0, delta: qty, kind: .receive,
                                                                  reason: ["采购入库", "上级调拨", "社会捐赠"].pick(&rng)))))
        case 75..<85:
            guard DemoCatalog.perishable(item.3), lines[l].qty > 10 else { return }
            let qty = lines[l].qty / 10
            lines[l].qty -= qty
            pending.append((at, depot.owner, .stock(StockMovement(depot: depot.id, item: item.0, delta: -qty, kind: .rotate, reason: "临期轮换"))))
        case 85..<93:
            let drift = Int64.random(in: -3...2, using: &rng)
            guard drift != 0, lines[l].qty + drift >= 0 else { return }
            lines[l].qty += drift
            pending.append((at, depot.owner, .stock(StockMovement(depot: depot.id, item: item.0, delta: drift, kind: .countAdjust,
                                                                  reason: "季度盘点", observed: lines[l].qty))))
        default:
            // Transfer to another depot that stocks the same item, as one linked pair.
            let holders = linesByItem[lines[l].item]
            guard holders.count > 1, lines[l].qty > 20 else { return }
            var target = holders.pick(&rng)
            if target == l { target = holders[(holders.firstIndex(of: l)! + 1) % holders.count] }
            let qty = lines[l].qty / 10
            lines[l].qty -= qty
            lines[target].qty += qty
            transferCounter += 1
            let tid = "T\(depot.id)-\(transferCounter)"
            let dest = depots[lines[target].depot]
            pending.append((at, depot.owner, .stock(StockMovement(depot: depot.id, item: item.0, delta: -qty, kind: .transferOut,
                                                                  reason: "调往\(dest.id)", transfer: tid))))
            pending.append((at.addingTimeInterval(7200), dest.owner, .stock(StockMovement(depot: dest.id, item: item.0, delta: qty,
                                                                  kind: .transferIn, reason: "自\(depot.id)调入", transfer: tid))))
        }
    }

    mutating func poisson(_ mean: Double) -> Int {
        // Knuth for small means, normal approximation for large ones.
        if mean > 30 {
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
            let z = (-2 * Foundation.log(u1)).squareRoot() * cos(2 * .pi * u2)
            return max(0, Int((mean + z * mean.squareRoot()).rounded()))
        }
        let l = exp(-mean)
        var k = 0
        var prod = Double.random(in: 0..<1, using: &rng)
        while prod > l { k += 1; prod *= Double.random(in: 0..<1, using: &rng) }
        return k
    }
}

private func format3(_ n: Int) -> String {
    let s = String(n)
    return s.count >= 3 ? s : String(repeating: "0", count: 3 - s.count) + s
}
