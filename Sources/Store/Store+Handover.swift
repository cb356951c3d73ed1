import Foundation
import Model

/// The shift's handover record (交接班): what the incoming officer must know, read from the store at one moment.
public struct Handover: Sendable, Hashable {
    /// One active alert, its state and the steps still open.
    public struct AlertLine: Sendable, Hashable {
        public var id: String
        public var level: WarningLevel
        public var hazard: Hazard
        public var headline: String
        public var state: AlertState
        public var respondingUnits: Int
        public var openSteps: [String]
    }
    /// Stock issued during the shift, summed per depot and item.
    public struct Issued: Sendable, Hashable {
        public var depot: String
        public var item: String
        public var quantity: Int64
    }

    public var office: RegionCode
    public var shift: Shift?
    public var madeAtMilliseconds: Int64
    public var alerts: [AlertLine]
    public var unitsOut: [RescueUnit]
    public var issued: [Issued]
    public var belowMinimum: [StockRow]
    public var drills: [Drill]
    public var notes: [DutyLogEntry]
    public var unsynced: Int
    public var unacknowledgedRejections: Int
    public var remote: String?
}

extension Store {
    /// The handover of this office's shift that is on (or of the time since `fallbackSinceMilliseconds` when none is).
    public func handover(fallbackSinceMilliseconds: Int64 = 0) throws -> Handover {
        let now = wallClock.nowMilliseconds()
        let shift = try currentShift()
        var alertQuery = AlertQuery()
        alertQuery.activeOnly = true
        alertQuery.limit = 50
        let alerts = try self.alerts(alertQuery).map { a in
            var open: [String] = []
            if !a.acknowledgedByUs { open.append("ack") }
            if a.respondingUnits == 0 { open.append("dispatch") }
            return Handover.AlertLine(id: a.id, level: a.level, hazard: a.hazard, headline: a.headline, state: a.state,
                                      respondingUnits: a.respondingUnits, openSteps: open)
        }
        var unitQuery = UnitQuery()
        unitQuery.statuses = [.dispatched, .enRoute, .onScene, .returning]
        unitQuery.sort = .status
        unitQuery.limit = 100
        let office = identity.office
        let unitsOut = try units(unitQuery).filter { $0.owner == office }
        let log = try dutyLog(DutyLogQuery(shift: shift, sinceMilliseconds: shift == nil ? fallbackSinceMilliseconds : nil))
        var issued: [String: Handover.Issued] = [:]
        var notes: [DutyLogEntry] = []
        // A corrected issue was given back by its compensating receipt: it was not issued; a corrected note is left out.
        let corrected = Set(log.compactMap { e -> EventID? in
            if case .note(let n) = e.event.payload, n.role == .correction, e.rejection == nil { return n.about }
            return nil
        })
        for e in log where e.rejection == nil && e.event.office == office {
            switch e.event.payload {
            case .stock(let m) where m.kind == .issue && !corrected.contains(e.event.id):
                issued["\(m.depot)|\(m.item)", default: Handover.Issued(depot: m.depot, item: m.item, quantity: 0)].quantity -= m.delta
            case .note(let n) where n.role != .link && !corrected.contains(e.event.id):
                notes.append(e)
            default: break
            }
        }
        var low = StockQuery()
        low.belowMinimumOnly = true
        low.limit = 50
        let belowMinimum = try stock(low).filter { $0.depot.owner == office }
        var drillQuery = DrillQuery()
        drillQuery.from = Date(timeIntervalSince1970: TimeInterval(now) / 1000)
        drillQuery.to = Date(timeIntervalSince1970: TimeInterval(now) / 1000 + 7 * 86_400)
        drillQuery.limit = 50
        let (unsynced, rejected) = try withDatabase { db in
            (Int(try db.int("SELECT count(*) FROM outbox") ?? 0),
             Int(try db.int("SELECT count(*) FROM rejections WHERE acknowledged = 0") ?? 0))
        }
        return Handover(office: office, shift: shift, madeAtMilliseconds: now, alerts: alerts, unitsOut: unitsOut,
                        issued: issued.values.sorted { ($0.depot, $0.item) < ($1.depot, $1.item) },
                        belowMinimum: belowMinimum, drills: try drills(drillQuery), notes: notes,
                        unsynced: unsynced, unacknowledgedRejections: rejected, remote: try meta("sync.remote"))
    }
}
