import Foundation
import Model

// MARK: folding drills

extension Folder {
    func projectDrill(_ r: ProjectedRecord) throws {
        let f = r.fields
        guard let title = f["title"], let hazard = f["hazard"].flatMap(Hazard.init(rawValue:)),
              let form = f["form"].flatMap(DrillForm.init(rawValue:)), let scope = f["scope"].flatMap(DrillScope.init(rawValue:)),
              let start = r.int("start"), let end = r.int("end") else {
            // Not yet defined (its creating event has not arrived): not shown.
            try db.run(.deleteDrill) { s in try s.bind(1, r.id) }
            return
        }
        let region = r.int("region").map { Int($0) } ?? r.owner
        let a = Ancestry(region)
        let status = f["status"].flatMap(DrillStatus.init(rawValue:)) ?? .planned
        try db.run(.upsertDrill) { s in
            try s.bind(1, r.id)
            try s.bind(2, title)
            try s.bind(3, hazard.rawValue)
            try s.bind(4, form.rawValue)
            try s.bind(5, scope.rawValue)
            try s.bind(6, f["joint"] == "1")
            try s.bind(7, f["doubleBlind"] == "1")
            try s.bind(8, r.owner)
            try s.bind(9, region)
            try s.bind(10, a.province)
            try s.bind(11, a.city)
            try s.bind(12, a.county)
            try s.bind(13, start)
            try s.bind(14, end)
            try s.bind(15, f["units"] ?? "")
            try s.bind(16, status.rawValue)
            try s.bind(17, f["evaluation"] ?? "")
            try s.bind(18, r.retired)
            try s.bind(19, [r.id, title, f["evaluation"] ?? ""].joined(separator: "\u{1F}").lowercased())
        }
    }
}

// MARK: the drills pane

extension Store {
    static let drillColumns = """
        d.id, d.title, d.hazard, d.form, d.scope, d.joint, d.double_blind, d.organiser, d.region, d.start_s, d.end_s,
        d.units, d.status, d.evaluation
        """

    func drillSQL(_ q: DrillQuery) -> (String, [any SQLBindable]) {
        var b = SQLBuilder()
        b.add("d.retired = 0")
        if let from = q.from { b.add("d.start_s >= ?", Int64(from.timeIntervalSince1970.rounded(.down))) }
        if let to = q.to { b.add("d.start_s <= ?", Int64(to.timeIntervalSince1970.rounded(.down))) }
        b.add("d.status", in: q.statuses.map(\.rawValue))
        if let region = q.region { b.add("d.\(Ancestry.column(for: region)) = ?", region) }
        if let needle = SQLBuilder.needle(q.text) { b.add("instr(d.search, ?) > 0", needle) }
        return ("SELECT \(Store.drillColumns) FROM drills d \(b.whereClause) ORDER BY d.start_s, d.id LIMIT ? OFFSET ?",
                b.values + [max(0, q.limit), max(0, q.offset)])
    }

    static func drillRow(_ r: Row) -> Drill {
        Drill(id: r.text(0), title: r.text(1), hazard: Hazard(rawValue: r.text(2)) ?? .publicHealth,
              form: DrillForm(rawValue: r.text(3)) ?? .tabletop, scope: DrillScope(rawValue: r.text(4)) ?? .single,
              joint: r.int(5) != 0, doubleBlind: r.int(6) != 0, organiser: Int(r.int(7)), region: Int(r.int(8)),
              start: Date(timeIntervalSince1970: TimeInterval(r.int(9))),
              end: Date(timeIntervalSince1970: TimeInterval(r.int(10))),
              units: r.text(11).split(separator: ",").map(String.init),
              status: DrillStatus(rawValue: r.text(12)) ?? .planned, evaluation: r.text(13))
    }

    public func drills(_ query: DrillQuery) throws -> [Drill] {
        let (sql, values) = drillSQL(query)
        return try withDatabase { db in try db.rows(sql, values, map: Store.drillRow) }
    }

    func drillLocked(_ id: String, _ db: Database) throws -> Drill? {
        try db.first("SELECT \(Store.drillColumns) FROM drills d WHERE d.id = ? AND d.retired = 0", id, map: Store.drillRow)
    }
}
