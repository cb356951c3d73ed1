import Foundation
import Model

/// Operator actions: each validates inside its write transaction, then records. A refused action throws a
/// `StoreError` and writes nothing.
extension Store {
    /// The largest quantity one action may move; anything above is a typo, not a delivery.
    public static let maximumQuantity: Int64 = 10_000_000

    /// Validates and records in one IMMEDIATE transaction, so what was checked is what is written.
    private func act(_ build: (Database) throws -> [EventPayload]) throws -> [Event] {
        try write { db in try recordLocked(try build(db), db) }
    }

    /// Acknowledges the alert `alertID` names (its short id, key or a CAP reference), as this office and operator.
    @discardableResult public func acknowledge(alertID typed: String) throws -> Event {
        try act { db in
            guard let alertID = try alertKeyLocked(typed, db),
                  try db.int("SELECT 1 FROM alerts WHERE id = ? AND messages > 0", alertID) != nil else {
                throw StoreError.unknown("alert", typed)
            }
            if try db.int("SELECT 1 FROM acks WHERE alert = ? AND office = ? LIMIT 1", alertID, identity.office) != nil {
                throw StoreError.refused("alert \(typed) is already acknowledged by office \(identity.office)")
            }
            return [.acknowledge(alertID: alertID)]
        }[0]
    }

    @discardableResult public func setUnitStatus(unitID: String, to status: UnitStatus, alertID typed: String?) throws -> Event {
        try act { db in
            guard let unit = try unitLocked(unitID, db), !unit.retired else { throw StoreError.unknown("unit", unitID) }
            let alertID = try typed.map { try alertKeyLocked($0, db) ?? $0 }
            if let alertID, try db.int("SELECT 1 FROM alerts WHERE id = ? AND messages > 0", alertID) == nil {
                throw StoreError.unknown("alert", typed ?? alertID)
            }
            // Whose unit it is comes before what its status allows.
            try checkWritePolicyLocked(.unitStatus(unitID: unitID, status: status, alertID: alertID), db)
            if let refusal = unit.status.refusal(to: status, alert: alertID) {
                throw StoreError.refused("cannot set unit \(unitID) to \(status.names.en): \(refusal)")
            }
            return [.unitStatus(unitID: unitID, status: status, alertID: alertID)]
        }[0]
    }

    @discardableResult
    public func moveStock(depot: String, item: String, kind: MovementKind, quantity: Int64, reason: String) throws -> Event {
        try act { db in
            switch kind {
            case .receive, .issue, .rotate: break
            case .transferIn, .transferOut:
                throw StoreError.refused("a transfer moves stock between two depots; use transferStock")
            case .countAdjust:
                throw StoreError.refused("a count adjustment records what was counted; use countStock")
            }
            let (d, i) = try depotAndItem(depot, item, db)
            try checkQuantity(quantity)
            let delta = kind.sign < 0 ? -quantity : quantity
            let payload = EventPayload.stock(StockMovement(depot: depot, item: item, delta: delta, kind: kind, reason: reason))
            try checkWritePolicyLocked(payload, db)
            if delta < 0 { try checkOnHand(kind.names.en, quantity, i, d, db) }
            return [payload]
        }[0]
    }

    /// Moves stock from `from` to `to`. Between two of this office's depots it is one action: two movements sharing
    /// a transfer id, committed together. To another office's depot it is a request, since that office alone may
    /// write its stock: this office writes its transfer-out naming the destination, the stock is in transit
    /// (`transfers(pendingOnly:)`), and the destination office's `acceptTransfer` writes the transfer-in.
    @discardableResult
    public func transferStock(from: String, to: String, item: String, quantity: Int64, reason: String) throws -> [Event] {
        try act { db in
            guard from != to else { throw StoreError.refused("cannot transfer from \(from) to itself") }
            let (source, i) = try depotAndItem(from, item, db)
            guard let destination = try depotLocked(to, db) else { throw StoreError.unknown("depot", to) }
            try checkQuantity(quantity)
            let id = try newRecordIDLocked("T", db)
            let out = EventPayload.stock(StockMovement(depot: from, item: item, delta: -quantity, kind: .transferOut, reason: reason,
                                                       transfer: TransferLink(id: id, counterpart: to).description))
            try checkWritePolicyLocked(out, db)
            try checkOnHand("transfer", quantity, i, source, db)
            let destinationOwner = try LocalWriteFacts(db: db).record(RecordRef(.depot, to))?.owner ?? destination.owner
            guard destinationOwner == identity.office else { return [out] }
            return [out, .stock(StockMovement(depot: to, item: item, delta: quantity, kind: .transferIn, reason: reason,
                                              transfer: TransferLink(id: id, counterpart: from).description))]
        }
    }

    /// Records what a stock count found: an observation at its time. The line becomes `observed` plus the movements
    /// stamped after the count, at every office and whatever order they arrive in; the delta against this office's
    /// view (observed − on hand) is kept for audit only.
    @discardableResult
    public func countStock(depot: String, item: String, observed: Int64, reason: String) throws -> Event {
        try act { db in
            _ = try depotAndItem(depot, item, db)
            guard observed >= 0, observed <= Store.maximumQuantity else {
                throw StoreError.refused("a counted quantity must be between 0 and \(Store.maximumQuantity), not \(observed)")
            }
            let current = try onHandLocked(depot: depot, item: item, db)
            return [.stock(StockMovement(depot: depot, item: item, delta: observed - current, kind: .countAdjust,
                                         reason: reason, observed: observed))]
        }[0]
    }

    /// Schedules a new drill under an id this store makes (`newRecordIDLocked`); `drill.id` is ignored. Returns
    /// the drill as stored, with its id.
    @discardableResult public func scheduleNewDrill(_ drill: Drill) throws -> (drill: Drill, event: Event) {
        var made = drill
        let event = try act { db in
            made.id = try newRecordIDLocked("DR", db)
            return [try drillCreation(made, db)]
        }[0]
        return (made, event)
    }

    /// Schedules a drill under the caller's id (an import keeping its source's ids); new drills take
    /// `scheduleNewDrill`.
    @discardableResult public func scheduleDrill(_ drill: Drill) throws -> Event {
        try act { db in [try drillCreation(drill, db)] }[0]
    }

    private func drillCreation(_ drill: Drill, _ db: Database) throws -> EventPayload {
        guard !drill.id.isEmpty, !drill.id.contains("|") else { throw StoreError.refused("a drill needs an id without '|'") }
        guard !drill.title.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.refused("a drill needs a title") }
        guard drill.end >= drill.start else { throw StoreError.refused("drill \(drill.id) ends before it starts") }
        if try db.int("SELECT 1 FROM record_fields WHERE kind = 'drill' AND id = ? LIMIT 1", drill.id) != nil {
            throw StoreError.refused("drill \(drill.id) already exists; update it instead")
        }
        return .fields(RecordRef(.drill, drill.id), drill.fields)
    }

    /// Sets some of a drill's fields (names as in `Drill.fields`); each value is checked before anything is written.
    @discardableResult public func updateDrill(id: String, fields: [String: String]) throws -> Event {
        try act { db in
            guard let drill = try drillLocked(id, db) else { throw StoreError.unknown("drill", id) }
            try checkWritePolicyLocked(.fields(RecordRef(.drill, id), fields), db)
            guard !fields.isEmpty else { throw StoreError.refused("nothing to update for drill \(id)") }
            var merged = drill.fields
            for (key, value) in fields {
                guard merged[key] != nil else {
                    throw StoreError.refused("drill has no field '\(key)' (fields: \(drill.fields.keys.sorted().joined(separator: ", ")))")
                }
                if let problem = Store.drillFieldProblem(key, value) {
                    throw StoreError.refused("drill field \(key): \(problem)")
                }
                merged[key] = value
            }
            if let start = Int64(merged["start"]!), let end = Int64(merged["end"]!), end < start {
                throw StoreError.refused("drill \(id) would end before it starts")
            }
            return [.fields(RecordRef(.drill, id), fields)]
        }[0]
    }

    static func drillFieldProblem(_ key: String, _ value: String) -> String? {
        switch key {
        case "title": value.trimmingCharacters(in: .whitespaces).isEmpty ? "must not be empty" : nil
        case "hazard": Hazard(rawValue: value) == nil ? "unknown hazard '\(value)'" : nil
        case "form": DrillForm(rawValue: value) == nil ? "must be tabletop or practical, not '\(value)'" : nil
        case "scope": DrillScope(rawValue: value) == nil ? "must be single or comprehensive, not '\(value)'" : nil
        case "status":
            DrillStatus(rawValue: value) == nil
                ? "must be one of \(DrillStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'" : nil
        case "joint", "doubleBlind": value == "0" || value == "1" ? nil : "must be 0 or 1, not '\(value)'"
        case "region": (Int(value) ?? 0) >= 110_000 ? nil : "must be a GB/T 2260 region code, not '\(value)'"
        case "start", "end": Int64(value) == nil ? "must be seconds since 1970, not '\(value)'" : nil
        default: nil
        }
    }

    private func depotAndItem(_ depot: String, _ item: String, _ db: Database) throws -> (Depot, SupplyItem) {
        guard let d = try depotLocked(depot, db) else { throw StoreError.unknown("depot", depot) }
        guard let i = try itemLocked(item, db) else { throw StoreError.unknown("item", item) }
        return (d, i)
    }

    private func checkQuantity(_ quantity: Int64) throws {
        guard quantity > 0 else { throw StoreError.refused("quantity must be positive, not \(quantity)") }
        guard quantity <= Store.maximumQuantity else {
            throw StoreError.refused("quantity \(quantity) is more than one action may move (\(Store.maximumQuantity))")
        }
    }

    private func checkOnHand(_ verb: String, _ quantity: Int64, _ item: SupplyItem, _ depot: Depot, _ db: Database) throws {
        let onHand = try onHandLocked(depot: depot.id, item: item.id, db)
        guard onHand >= quantity else {
            throw StoreError.refused("cannot \(verb) \(quantity) \(item.unitOfMeasure.en) of \(item.id) from \(depot.id): \(onHand) on hand")
        }
    }
}
