/// How the events of one kind combine into state, whatever order they arrive in (DESIGN.md, "everything is an event").
public enum MergeRule: String, Sendable {
    /// Never changes once written; a later message of the same thing is another row (CAP messages).
    case insertOnly
    /// A set that only grows (acknowledgments).
    case addOnlySet
    /// The latest HLC wins; a snapshot may drop the losers.
    case lastWriterWins
    /// Deltas summed, counts observed (`StockRule`).
    case ledger
    /// Sticky once written.
    case tombstone
    /// No state but the event log itself: views (duty log, timeline, handover) read the events.
    case logOnly
}

/// Who may write an event of a kind and who reads it: the branch `WriteRules.check` takes.
public enum WritePolicyHook: String, Sendable {
    /// `AlertAuthority` decides; read in the alert's areas.
    case alertAuthority
    /// Always the office's own; read where its linked alert is read, else in the office's region.
    case officeOwn
    /// The record must exist and belong to the writing office.
    case ownedRecord
    /// Stock of an owned depot; a transfer half is read by both offices.
    case ownedDepotStock
    /// The first write creates the record; later writes need its owner.
    case createOrOwned
}

/// One kind of event, declared once: its number (the payload tag in the store, on the wire and in the central
/// log's `kind` column), its tag (the store's `events.kind` and JSON), its merge rule and its write-policy hook.
/// The payload codec is `EventCodec.encode(_:into:)`, generic over the store's and the wire's writers.
public struct EventKind: Sendable, Hashable, CustomStringConvertible {
    public let code: UInt8
    public let tag: String
    public let merge: MergeRule
    public let policy: WritePolicyHook

    public var description: String { tag }
    /// Kinds whose losing events a central snapshot may drop once a later event wins.
    public var isSupersedable: Bool { merge == .lastWriterWins }

    public static func == (a: EventKind, b: EventKind) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }

    // The registry. Never renumber a kind: stored files and peers keep the numbers.
    public static let alert = EventKind(code: 1, tag: "alert", merge: .insertOnly, policy: .alertAuthority)
    public static let acknowledge = EventKind(code: 2, tag: "ack", merge: .addOnlySet, policy: .officeOwn)
    public static let unitStatus = EventKind(code: 3, tag: "unitStatus", merge: .lastWriterWins, policy: .ownedRecord)
    public static let stock = EventKind(code: 4, tag: "stock", merge: .ledger, policy: .ownedDepotStock)
    public static let fields = EventKind(code: 5, tag: "fields", merge: .lastWriterWins, policy: .createOrOwned)
    public static let retire = EventKind(code: 6, tag: "retire", merge: .tombstone, policy: .ownedRecord)
    public static let shift = EventKind(code: 8, tag: "shift", merge: .logOnly, policy: .officeOwn)
    public static let note = EventKind(code: 9, tag: "note", merge: .logOnly, policy: .officeOwn)
    /// Code 7 is taken on the wire by a stock count (the compact form of kind 4): never give it to a kind.
    public static let reservedCodes: Set<UInt8> = [0, 7]

    /// Every kind, in code order.
    public static let all: [EventKind] = [alert, acknowledge, unitStatus, stock, fields, retire, shift, note]

    private static let byCode: [UInt8: EventKind] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
    private static let byTag: [String: EventKind] = Dictionary(uniqueKeysWithValues: all.map { ($0.tag, $0) })

    public static func code(_ code: Int) -> EventKind? { UInt8(exactly: code).flatMap { byCode[$0] } }
    public static func tag(_ tag: String) -> EventKind? { byTag[tag] }
}

extension EventPayload {
    /// The payload's entry in the registry: the one switch from a case to its kind.
    public var kind: EventKind {
        switch self {
        case .alert: .alert
        case .acknowledge: .acknowledge
        case .unitStatus: .unitStatus
        case .stock: .stock
        case .fields: .fields
        case .retire: .retire
        case .shift: .shift
        case .note: .note
        }
    }

    /// A short tag for logs, JSON and the store's `events.kind` column.
    public var tag: String { kind.tag }

    /// The alert the event is about, if any (the timeline's link and the `officeOwn` policy's read scope).
    public var linkedAlert: String? {
        switch self {
        case .acknowledge(let id): id
        case .unitStatus(_, _, let id): id
        case .note(let n): n.alertID
        default: nil
        }
    }
}

extension EventPayload {
    /// One line for the duty log and the timeline, saying what the event did.
    public func summary(_ lang: Language) -> String {
        func alertName(_ key: String) -> String { CAPMessageID.identifier(ofKey: key) ?? key }
        let zh = lang == .zh
        switch self {
        case .alert(let a):
            let type = a.msgType.name(lang)
            return "\(type) \(a.identifier) \(a.level?.name(lang) ?? "-") \(a.hazard.name(lang)): \(a.headline) [\(a.areaDesc)]"
        case .acknowledge(let id):
            return (zh ? "确认预警 " : "acknowledged ") + alertName(id)
        case .unitStatus(let unit, let status, let alert):
            return (zh ? "队伍 " : "unit ") + "\(unit) → \(status.name(lang))" + (alert.map { (zh ? " 响应 " : " for ") + alertName($0) } ?? "")
        case .stock(let m):
            let qty = m.observed.map { (zh ? "盘点 " : "counted ") + String($0) } ?? String(m.delta >= 0 ? "+\(m.delta)" : "\(m.delta)")
            return "\(m.kind.name(lang)) \(m.item)@\(m.depot) \(qty)" + (m.reason.isEmpty ? "" : " (\(m.reason(lang)))")
        case .fields(let ref, let fields):
            return (zh ? "修改 " : "set ") + "\(ref) " + fields.keys.sorted().filter { !$0.hasPrefix("_") }.joined(separator: ",")
        case .retire(let ref):
            return (zh ? "注销 " : "retired ") + ref.description
        case .shift(let s):
            switch s.action {
            case .start:
                return (zh ? "接班 值班员 \(s.officer) 带班领导 \(s.leader)" : "shift start: officer \(s.officer), leader \(s.leader)")
                    + (s.shift.map { (zh ? " 交接自 " : ", taking over ") + $0.description } ?? "")
            case .end:
                return (zh ? "交班 " : "shift end ") + (s.shift?.description ?? "")
            }
        case .note(let n):
            let about = n.about?.description ?? ""
            switch n.role {
            case .note: return (zh ? "记事: " : "note: ") + n.text + (n.alertID.map { (zh ? " (预警 " : " (alert ") + alertName($0) + ")" } ?? "")
            case .link: return (zh ? "关联 \(about) 至预警 " : "linked \(about) to alert ") + (n.alertID.map(alertName) ?? "")
            case .correction: return (zh ? "更正 \(about): " : "correction of \(about): ") + n.text
            case .step:
                let step = DutyStep(n.text)?.name(lang) ?? n.text
                return (zh ? "完成 \(step)" : "done: \(step)") + (n.alertID.map { (zh ? " (预警 " : " (alert ") + alertName($0) + ")" } ?? "")
            }
        }
    }
}
