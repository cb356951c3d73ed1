import Foundation
import Model
import Store

extension Store {
    /// What the panes would show, as comparable text: alerts, units, stock lines, drills. Two offices whose
    /// lines are equal show the same thing (simulations compare an office with what the centre lets it read).
    public func stateLines() throws -> [String] {
        var q = AlertQuery(); q.limit = 1_000_000
        var lines = try alerts(q).map { a in
            "alert \(a.id) L\(a.level?.rawValue ?? 0) m\(a.messages) ack\(a.acknowledgments) us\(a.acknowledgedByUs) r\(a.respondingUnits) \(a.headline)"
        }
        var u = UnitQuery(); u.limit = 1_000_000; u.includeRetired = true
        lines += try units(u).map { "unit \($0.id) \($0.status.rawValue) \($0.servingAlert ?? "-") o\($0.owner) \($0.name)" }
        var s = StockQuery(); s.limit = 1_000_000
        lines += try stock(s).map { "stock \($0.line.depot)|\($0.line.item) \($0.line.quantity) min\($0.line.minimum)" }
        var d = DrillQuery(); d.limit = 1_000_000
        lines += try drills(d).map { "drill \($0.id) \($0.status.rawValue) \($0.title)" }
        return lines.sorted()
    }
}
