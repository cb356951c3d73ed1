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
        case .failure(let refusal): return .reject(refusal.reason)
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

    /// The shared rules (`Model.WriteRules`, which every office's store also enforces), read through the centre's
    /// tables, as a read scope for the log.
    private func scope(_ e: Event, _ lookup: any CentralLookup) throws -> Result<CentralScope, WriteRefusal> {
        try WriteRules.check(e.payload, by: office, CentralFacts(lookup: lookup)).map { s in
            let kind: CentralScope.Kind = switch s.kind {
            case .everyone: .everyone
            case .region: .region
            case .areas: .areas
            }
            return CentralScope(kind: kind, region: s.region, owner: s.owner, areas: s.areas)
        }
    }
}

/// The centre's tables as the facts the write rules read.
private struct CentralFacts: WriteFacts {
    let lookup: any CentralLookup
    func record(_ ref: RecordRef) throws -> RecordOwnership? {
        try lookup.record(ref).map { RecordOwnership(owner: $0.owner, region: $0.region) }
    }
    func alert(_ id: String) throws -> AlertIssue? {
        try lookup.alert(id).map { AlertIssue(issuer: $0.issuer, areas: $0.areas) }
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
