/// A record's owning office and region, as the store asking knows them.
public struct RecordOwnership: Sendable, Hashable {
    public var owner: RegionCode
    public var region: RegionCode
    public init(owner: RegionCode, region: RegionCode) { self.owner = owner; self.region = region }
}

/// An alert's issuing office and areas, as the store asking knows them.
public struct AlertIssue: Sendable, Hashable {
    public var issuer: RegionCode
    public var areas: [RegionCode]
    public init(issuer: RegionCode, areas: [RegionCode]) { self.issuer = issuer; self.areas = areas }
}

/// What the write rules need to know of records and alerts already written: the centre answers from its tables,
/// an office from its own (it holds every record it owns and every alert it may see).
public protocol WriteFacts {
    func record(_ ref: RecordRef) throws -> RecordOwnership?
    /// The alert of which `id` is a message identifier.
    func alert(_ id: String) throws -> AlertIssue?
}

/// Who may read what an allowed write says.
public struct WriteScope: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Everyone (the item catalogue, office names).
        case everyone
        /// Offices whose subtree holds `region`, and the owner.
        case region
        /// Offices whose subtree meets `areas` or lies inside one of them, and the owner.
        case areas
    }
    public var kind: Kind
    public var region: RegionCode
    public var owner: RegionCode
    public var areas: [RegionCode]
    public init(kind: Kind, region: RegionCode = 0, owner: RegionCode, areas: [RegionCode] = []) {
        self.kind = kind; self.region = region; self.owner = owner; self.areas = areas
    }
}

/// Why a write is refused: one line for an operator.
public struct WriteRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// The one write policy (DESIGN.md: "an office may write only events it owns"), enforced by the centre on every
/// pushed event and by each office's store on every local action, so a forbidden action is refused where it is
/// typed and the two can never disagree. Pure: everything it knows of earlier writes comes through `WriteFacts`.
public enum WriteRules {
    /// Whether `office` may write `payload`, and if so who may read it.
    public static func check(_ payload: EventPayload, by office: RegionCode,
                             _ facts: any WriteFacts) throws -> Result<WriteScope, WriteRefusal> {
        func within(_ region: RegionCode) -> Bool { Region.isWithin(region, office) }
        if payload.kind.policy == .officeOwn { return try officeOwn(linkedAlert: payload.linkedAlert, by: office, facts) }
        switch payload {
        case .alert(let a):
            // Who may issue, update or cancel is `AlertAuthority`'s (messages are CAP triplets owned by their issuer).
            if let refusal = try AlertAuthority.refusal(a, by: office, issuer: { try facts.alert($0)?.issuer }) {
                return .failure(WriteRefusal(refusal))
            }
            // Only regions of the office's own province are another office's: an alert for a region elsewhere (a
            // national feed's Guangdong typhoon) bends no office's work, so it is received like a foreign one.
            if a.isOriginal, let outside = a.areas.first(where: { !within($0) && Region.province(of: $0) == Region.province(of: office) }) {
                return .failure(WriteRefusal("office \(office) may not issue an alert for region \(outside), outside its jurisdiction"))
            }
            return .success(WriteScope(kind: .areas, owner: office, areas: a.areas.isEmpty ? [office] : a.areas))
        case .unitStatus(let unit, _, _):
            return try owned(RecordRef(.unit, unit), by: office, facts, verb: "change the status of unit \(unit)")
        case .stock(let m):
            let scope = try owned(RecordRef(.depot, m.depot), by: office, facts, verb: "write stock of depot \(m.depot)")
            guard case .success(let own) = scope, let link = TransferLink(m.transfer), let other = link.counterpart else {
                return scope
            }
            // A transfer half names the other side's depot; both offices read it (the request and its acceptance).
            // A request must name a depot that exists, or its stock would vanish in transit; the accepting office
            // need not see the sender's depot.
            guard let counterpart = try facts.record(RecordRef(.depot, other)) else {
                if m.kind == .transferIn { return scope }
                return .failure(WriteRefusal("office \(office) may not send \(m.item) from \(m.depot) to \(other): unknown depot \(other)"))
            }
            return .success(WriteScope(kind: .areas, owner: office, areas: [own.region, counterpart.region]))
        case .retire(let ref):
            return try owned(ref, by: office, facts, verb: "retire \(ref.kind.rawValue) \(ref.id)")
        case .fields(let ref, let fields):
            if try facts.record(ref) != nil || ref.kind == .stockLine {
                return try owned(ref, by: office, facts, verb: "change \(ref.kind.rawValue) \(ref.id)")
            }
            return create(ref, fields, by: office)
        default:
            return try officeOwn(linkedAlert: payload.linkedAlert, by: office, facts)
        }
    }

    /// Always the office's own (an acknowledgment, a note, a shift); read where its alert is, else in its region.
    static func officeOwn(linkedAlert: String?, by office: RegionCode,
                          _ facts: any WriteFacts) throws -> Result<WriteScope, WriteRefusal> {
        if let alertID = linkedAlert, let alert = try facts.alert(alertID) {
            return .success(WriteScope(kind: .areas, owner: office, areas: alert.areas + [alert.issuer]))
        }
        return .success(WriteScope(kind: .region, region: office, owner: office))
    }

    /// The record must exist and belong to `office`. A stock line belongs to its depot's owner.
    static func owned(_ ref: RecordRef, by office: RegionCode, _ facts: any WriteFacts,
                      verb: String) throws -> Result<WriteScope, WriteRefusal> {
        var target = ref
        if ref.kind == .stockLine, let depot = ref.id.split(separator: "|", maxSplits: 1).first {
            target = RecordRef(.depot, String(depot))
        }
        guard let rec = try facts.record(target) else {
            return .failure(WriteRefusal("office \(office) may not \(verb): unknown \(target.kind.rawValue) \(target.id)"))
        }
        guard rec.owner == office else {
            return .failure(WriteRefusal("office \(office) may not \(verb) (owned by \(rec.owner))"))
        }
        switch target.kind {
        case .item, .office: return .success(WriteScope(kind: .everyone, owner: rec.owner))
        default: return .success(WriteScope(kind: .region, region: rec.region, owner: rec.owner))
        }
    }

    /// A first `fields` event creates the record, owned by the writing office, inside its jurisdiction.
    static func create(_ ref: RecordRef, _ fields: [String: String], by office: RegionCode) -> Result<WriteScope, WriteRefusal> {
        switch ref.kind {
        case .item:
            guard RegionLevel.of(office) == .province else {
                return .failure(WriteRefusal("office \(office) may not add item \(ref.id) to the catalogue; only a province office may"))
            }
            return .success(WriteScope(kind: .everyone, owner: office))
        case .office:
            guard let code = Int(ref.id), Region.isWithin(code, office) else {
                return .failure(WriteRefusal("office \(office) may not describe office \(ref.id), outside its jurisdiction"))
            }
            return .success(WriteScope(kind: .everyone, owner: office))
        case .unit, .depot, .drill, .stockLine:
            let region = fields["region"].flatMap { Int($0) } ?? office
            guard Region.isWithin(region, office) else {
                return .failure(WriteRefusal("office \(office) may not create \(ref.kind.rawValue) \(ref.id) in region \(region), outside its jurisdiction"))
            }
            return .success(WriteScope(kind: .region, region: region, owner: office))
        }
    }
}

/// What a transfer half's `StockMovement.transfer` says: the transfer's id and, since transfers between offices
/// became requests, the depot on the other side ("T…|D-140121"). A movement of an older release carries the id
/// alone.
public struct TransferLink: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var counterpart: String?

    public init(id: String, counterpart: String?) { self.id = id; self.counterpart = counterpart }

    /// Parses a movement's `transfer`; nil for none.
    public init?(_ text: String?) {
        guard let text, !text.isEmpty else { return nil }
        if let bar = text.firstIndex(of: "|") {
            id = String(text[..<bar])
            let rest = String(text[text.index(after: bar)...])
            counterpart = rest.isEmpty ? nil : rest
        } else {
            id = text
            counterpart = nil
        }
    }

    public var description: String { counterpart.map { "\(id)|\($0)" } ?? id }
}
