import Foundation
import Model
import Store

/// What an office may write, checked per pushed event at the centre; also decides each event's read scope
/// and re-stamps clocks that run too far ahead. The office comes from how the server was started, never
/// from the client.
struct WritePolicy {
    let office: RegionCode
    let clock: any WallClock
    let maxDriftMilliseconds: Int64
    /// Re-stamps are strictly increasing within a session.
    private var lastRestamp = HLC.zero

    init(office: RegionCode, clock: any WallClock, maxDriftMilliseconds: Int64) {
        self.office = office; self.clock = clock; self.maxDriftMilliseconds = maxDriftMilliseconds
    }

    mutating func verdict(_ e: Event, _ lookup: any CentralLookup) throws -> CentralVerdict {
        guard e.office == office else {
            return .reject("event is signed by office \(e.office), but this connection is office \(office)")
        }
        let scope: CentralScope
        switch try self.scope(e, lookup) {
        case .failure(let refusal): return .reject(refusal.text)
        case .success(let s): scope = s
        }
        let now = clock.nowMilliseconds()
        let ahead = e.hlc.wall - now
        if ahead > maxDriftMilliseconds {
            let wall = max(now, lastRestamp.wall)
            let stamp = HLC(wall: wall, counter: wall == lastRestamp.wall ? lastRestamp.counter &+ 1 : 0, node: e.hlc.node)
            lastRestamp = stamp
            return .accept(scope, restamp: stamp,
                           note: "clock \(ahead / 1000) s ahead of the centre (limit \(maxDriftMilliseconds / 1000) s); re-stamped for review")
        }
        return .accept(scope)
    }

    struct Refusal: Error { let text: String }

    private func refuse(_ text: String) -> Result<CentralScope, Refusal> { .failure(Refusal(text: text)) }

    private func within(_ region: RegionCode) -> Bool { Region.isWithin(region, office) }

    private func scope(_ e: Event, _ lookup: any CentralLookup) throws -> Result<CentralScope, Refusal> {
        switch e.payload {
        case .alert(let a):
            if let refusal = try AlertAuthority.refusal(a, by: office, issuer: { try lookup.alert($0)?.issuer }) {
                return refuse(refusal)
            }
            if a.isOriginal, let outside = a.areas.first(where: { !within($0) }) {
                return refuse("office \(office) may not issue an alert for region \(outside), outside its jurisdiction")
            }
            return .success(CentralScope(kind: .areas, owner: office, areas: a.areas.isEmpty ? [office] : a.areas))
        case .acknowledge(let alertID):
            // Acknowledging "as itself" is the signature check above; the ack is read where its alert is.
            if let alert = try lookup.alert(alertID) {
                return .success(CentralScope(kind: .areas, owner: office, areas: alert.areas + [alert.issuer]))
            }
            return .success(CentralScope(kind: .region, region: office, owner: office))
        case .unitStatus(let unit, _, _):
            return try owned(RecordRef(.unit, unit), lookup, verb: "change the status of unit \(unit)")
        case .stock(let m):
            return try owned(RecordRef(.depot, m.depot), lookup, verb: "write stock of depot \(m.depot)")
        case .retire(let ref):
            return try owned(ref, lookup, verb: "retire \(ref.kind.rawValue) \(ref.id)")
        case .fields(let ref, let fields):
            if try lookup.record(ref) != nil || ref.kind == .stockLine {
                return try owned(ref, lookup, verb: "change \(ref.kind.rawValue) \(ref.id)")
            }
            return create(ref, fields)
        }
    }

    /// The record must exist and belong to this office. A stock line belongs to its depot's owner.
    private func owned(_ ref: RecordRef, _ lookup: any CentralLookup, verb: String) throws -> Result<CentralScope, Refusal> {
        var target = ref
        if ref.kind == .stockLine, let depot = ref.id.split(separator: "|", maxSplits: 1).first {
            target = RecordRef(.depot, String(depot))
        }
        guard let rec = try lookup.record(target) else {
            return refuse("office \(office) may not \(verb): unknown \(target.kind.rawValue) \(target.id) at the centre")
        }
        guard rec.owner == office else {
            return refuse("office \(office) may not \(verb) (owned by \(rec.owner))")
        }
        switch target.kind {
        case .item, .office: return .success(CentralScope(kind: .everyone, owner: rec.owner))
        default: return .success(CentralScope(kind: .region, region: rec.region, owner: rec.owner))
        }
    }

    /// A first `fields` event creates the record, owned by the writing office, inside its jurisdiction.
    private func create(_ ref: RecordRef, _ fields: [String: String]) -> Result<CentralScope, Refusal> {
        switch ref.kind {
        case .item:
            guard RegionLevel.of(office) == .province else {
                return refuse("office \(office) may not add item \(ref.id) to the catalogue; only a province office may")
            }
            return .success(CentralScope(kind: .everyone, owner: office))
        case .office:
            guard let code = Int(ref.id), within(code) else {
                return refuse("office \(office) may not describe office \(ref.id), outside its jurisdiction")
            }
            return .success(CentralScope(kind: .everyone, owner: office))
        case .unit, .depot, .drill, .stockLine:
            let region = fields["region"].flatMap { Int($0) } ?? office
            guard within(region) else {
                return refuse("office \(office) may not create \(ref.kind.rawValue) \(ref.id) in region \(region), outside its jurisdiction")
            }
            return .success(CentralScope(kind: .region, region: region, owner: office))
        }
    }
}

/// What an office may read: its region subtree, what it owns, what higher levels publish to it (alerts whose
/// areas meet its subtree or contain it), and the catalogue.
struct ReadScope {
    let office: RegionCode

    func canSee(_ s: CentralScope) -> Bool {
        if s.owner == office { return true }
        switch s.kind {
        case .everyone: return true
        case .region: return Region.isWithin(s.region, office)
        case .areas: return s.areas.contains { Region.isWithin($0, office) || Region.isWithin(office, $0) }
        }
    }
}
