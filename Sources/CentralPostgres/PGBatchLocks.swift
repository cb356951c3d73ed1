import Foundation
import Model

/// The advisory locks one batch takes before it reads anything: exclusive on each record, stock line and alert
/// its events write, shared on each record and alert the write rules read for its events without writing them
/// (a unit whose status changes, a depot whose stock moves, a transfer's other depot, an acknowledged alert).
///
/// Why the shared ones: the rules' facts only ever appear (a record or alert is created once and its owner,
/// region and issuer never change), but two batches could each read, unlocked, what the other is creating and
/// both refuse — an outcome no serial order gives (`ConcurrentRulesTests`). Holding the fact shared while a
/// creator holds it exclusive makes the two take turns. All keys are taken in one sorted pass, so no two batches
/// wait on each other in a circle; a read the rules make beyond these is locked when it is made
/// (`PGBatchLookup`), and a deadlock that may cause is undone by the server and the batch runs again.
struct PGBatchLocks {
    /// Keys written (exclusive).
    private(set) var written = Set<Int64>()
    /// Keys only read (shared).
    private(set) var read = Set<Int64>()
    /// The records the rules will read, for the lookup to load in one statement.
    private(set) var records = Set<RecordRef>()

    init(_ events: [Event]) {
        var readKeys = Set<Int64>()
        func reads(_ ref: RecordRef) { records.insert(ref); readKeys.insert(Self.key(ref)) }
        for e in events {
            switch e.payload {
            case .fields(let ref, _), .retire(let ref):
                written.insert(Self.key(ref))
                records.insert(ref)
                if ref.kind == .stockLine, let depot = ref.id.split(separator: "|", maxSplits: 1).first {
                    reads(RecordRef(.depot, String(depot)))
                }
            case .stock(let m):
                written.insert(CentralPostgres.lockKey("s", m.depot, m.item))
                reads(RecordRef(.depot, m.depot))
                if let other = TransferLink(m.transfer)?.counterpart { reads(RecordRef(.depot, other)) }
            case .alert(let a):
                written.insert(Self.key(alert: a.messageID.key))
                for ref in a.referencedIDs { readKeys.insert(Self.key(alert: ref.key)) }
            case .unitStatus(let unit, _, _):
                reads(RecordRef(.unit, unit))
            default:
                break
            }
            if let alert = e.payload.linkedAlert { readKeys.insert(Self.key(alert: alert)) }
        }
        read = readKeys.subtracting(written)
    }

    static func key(_ ref: RecordRef) -> Int64 { CentralPostgres.lockKey("r", ref.kind.rawValue, ref.id) }
    static func key(alert id: String) -> Int64 { CentralPostgres.lockKey("a", id) }

    /// Takes every key in key order, in one statement.
    func take(_ db: PGConnection) throws {
        let all = (written.map { ($0, Int64(1)) } + read.map { ($0, Int64(0)) }).sorted { $0.0 < $1.0 }
        guard !all.isEmpty else { return }
        try db.rows("""
            SELECT count(*)::int8 FROM (SELECT CASE WHEN x = 1 THEN pg_advisory_xact_lock(k) ELSE pg_advisory_xact_lock_shared(k) END
            FROM unnest($1::int8[], $2::int8[]) AS l(k, x)) AS locked
            """, [PGArray(all.map(\.0)), PGArray(all.map(\.1))]) { _ in () }
    }

    /// Every key this batch holds, in either mode.
    var held: Set<Int64> { written.union(read) }
}
