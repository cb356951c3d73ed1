import Foundation
import Model

/// A transfer of stock between two depots as this store knows it: requested (its transfer-out), received (its
/// transfer-in), or both. Stock that left one depot and has not arrived at the other is in transit, never gone.
public struct StockTransfer: Sendable, Hashable {
    public var id: String
    public var item: String
    public var quantity: Int64
    public var from: String?
    public var to: String?
    public var reason: String
    /// The transfer-out's event id, when this store has it (and the centre has not rejected it).
    public var sent: EventID?
    /// The transfer-in's event id, once the destination accepted.
    public var received: EventID?
    /// The office owning the destination depot, when this store knows the depot.
    public var destinationOwner: RegionCode?

    /// Sent and not yet received.
    public var isPending: Bool { sent != nil && received == nil }
}

// MARK: folding transfers

extension Folder {
    /// Each half of a transfer fills in its side of the transfer's row, in either order.
    func applyTransfer(_ m: StockMovement, row: Int64) throws {
        guard let link = TransferLink(m.transfer) else { return }
        // A migration older than the transfers table replays events before the table exists; the step that
        // creates it folds them then.
        if batch.hasTransfersTable == nil {
            batch.hasTransfersTable = try db.int("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'transfers'") != nil
        }
        guard batch.hasTransfersTable == true else { return }
        switch m.kind {
        case .transferOut:
            try db.run("""
                INSERT INTO transfers(id, item, quantity, from_depot, to_depot, out_event, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET from_depot = excluded.from_depot, out_event = excluded.out_event,
                    to_depot = coalesce(transfers.to_depot, excluded.to_depot), reason = excluded.reason
                """, link.id, m.item, -m.delta, m.depot, link.counterpart, row, m.reason)
        case .transferIn:
            try db.run("""
                INSERT INTO transfers(id, item, quantity, from_depot, to_depot, in_event, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET to_depot = excluded.to_depot, in_event = excluded.in_event,
                    from_depot = coalesce(transfers.from_depot, excluded.from_depot)
                """, link.id, m.item, m.delta, link.counterpart, m.depot, row, m.reason)
        default: return
        }
    }

    /// Forgets one half (its event was rejected by the centre); a row with neither half left goes.
    func unapplyTransfer(eventRow row: Int64) throws {
        try db.run("UPDATE transfers SET out_event = NULL WHERE out_event = ?", row)
        try db.run("UPDATE transfers SET in_event = NULL WHERE in_event = ?", row)
        try db.run("DELETE FROM transfers WHERE out_event IS NULL AND in_event IS NULL")
    }
}

// MARK: transfer requests

extension Store {
    private static let transferSQL = """
        SELECT t.id, t.item, t.quantity, t.from_depot, t.to_depot, t.reason, o.device, o.seq, i.device, i.seq, d.owner
        FROM transfers t LEFT JOIN events o ON o.id = t.out_event LEFT JOIN events i ON i.id = t.in_event
        LEFT JOIN depots d ON d.id = t.to_depot
        """

    private static func transferRow(_ r: Row) -> StockTransfer {
        StockTransfer(id: r.text(0), item: r.text(1), quantity: r.int(2), from: r.optionalText(3), to: r.optionalText(4),
                      reason: r.text(5),
                      sent: r.optionalInt(6).map { EventID(device: DeviceID(bitPattern: $0), seq: r.int(7)) },
                      received: r.optionalInt(8).map { EventID(device: DeviceID(bitPattern: $0), seq: r.int(9)) },
                      destinationOwner: r.optionalInt(10).map { RegionCode($0) })
    }

    /// Transfers this store knows, newest request first; with `pendingOnly`, only stock in transit (sent, not yet
    /// received), whichever office is to accept it.
    public func transfers(pendingOnly: Bool = false, limit: Int = 1000) throws -> [StockTransfer] {
        try withDatabase { db in
            let filter = pendingOnly ? "WHERE t.out_event IS NOT NULL AND t.in_event IS NULL" : ""
            return try db.rows("\(Store.transferSQL) \(filter) ORDER BY coalesce(t.out_event, t.in_event) DESC LIMIT ?",
                               max(0, limit), map: Store.transferRow)
        }
    }

    /// Accepts a transfer sent to one of this office's depots: writes the transfer-in there. Refused when the
    /// transfer is unknown, already received, or meant for another office's depot.
    @discardableResult public func acceptTransfer(id: String) throws -> Event {
        try write { db in
            guard let t = try db.first("\(Store.transferSQL) WHERE t.id = ?", id, map: Store.transferRow) else {
                throw StoreError.unknown("transfer", id)
            }
            guard t.sent != nil, let from = t.from, let to = t.to else {
                throw StoreError.refused("transfer \(id) has no request to accept (its transfer-out is not here)")
            }
            if let received = t.received {
                throw StoreError.refused("transfer \(id) was already received at \(to) (event \(received))")
            }
            guard let owner = try LocalWriteFacts(db: db).record(RecordRef(.depot, to))?.owner else {
                throw StoreError.unknown("depot", to)
            }
            guard owner == identity.office else {
                throw StoreError.refused("transfer \(id) is for depot \(to) of office \(owner); only that office may accept it")
            }
            return try recordLocked([.stock(StockMovement(depot: to, item: t.item, delta: t.quantity, kind: .transferIn,
                                                          reason: t.reason,
                                                          transfer: TransferLink(id: id, counterpart: from).description))], db)[0]
        }
    }
}

extension Folder {
    /// Fills the transfers table from the transfer movements an older file already holds.
    func foldTransfers() throws {
        try db.forEach("SELECT id, payload FROM events WHERE kind = 'stock' ORDER BY id", []) { r in
            if case .stock(let m) = try EventCodec.decodePayload(r.blob(1)), m.transfer != nil {
                try applyTransfer(m, row: r.int(0))
            }
        }
    }
}
