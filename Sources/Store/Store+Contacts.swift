import Foundation
import Model

/// A duty phone: an office's (with the leader on duty, 带班领导, and the leader's phone), a depot's or a unit's.
public struct Contact: Sendable, Hashable {
    public var ref: RecordRef
    public var name: String
    public var phone: String
    /// Offices only: the leader of the shift on now (from its shift events), and the leader's phone field.
    public var leader: String?
    public var leaderPhone: String?
}

/// Which phone a `setContact` changes.
public enum ContactField: String, Sendable, CaseIterable {
    case phone, leaderPhone
}

extension Store {
    /// The longest phone text one action takes (a number, an extension and a short label).
    public static let maximumPhoneLength = 40

    /// Duty phones of offices, depots and units (of the given kinds; all three when empty), with `text` in the name,
    /// id or phone. Phones are record fields (kind 5): `phone` and `leaderPhone` on offices and depots, a unit's
    /// `contact`.
    public func contacts(kinds: Set<RecordKind> = [], text: String? = nil, limit: Int = 500) throws -> [Contact] {
        let wanted = kinds.isEmpty ? [RecordKind.office, .depot, .unit] : [RecordKind.office, .depot, .unit].filter(kinds.contains)
        let needle = text.flatMap { SQLBuilder.needle($0) } ?? ""
        return try withDatabase { db in
            var out: [Contact] = []
            for kind in wanted {
                let (table, id, name, phone) = switch kind {
                case .office: ("offices", "CAST(t.code AS TEXT)", "t.name", "coalesce((SELECT value FROM record_fields f WHERE f.kind = 'office' AND f.id = CAST(t.code AS TEXT) AND f.field = 'phone'), '')")
                case .depot: ("depots", "t.id", "t.name", "coalesce((SELECT value FROM record_fields f WHERE f.kind = 'depot' AND f.id = t.id AND f.field = 'phone'), '')")
                default: ("units", "t.id", "t.name", "t.contact")
                }
                let extra = kind == .unit ? "AND t.kind IS NOT NULL" : ""
                out += try db.rows("""
                    SELECT \(id), \(name), \(phone) AS phone FROM \(table) t WHERE t.retired = 0 \(extra)
                      AND (:needle = '' OR instr(lower(\(id) || ' ' || \(name) || ' ' || phone), :needle) > 0)
                    ORDER BY \(id) LIMIT :limit
                    """, named: ["needle": needle, "limit": limit]) { r in
                    Contact(ref: RecordRef(kind, r.text(0)), name: r.text(1), phone: r.text(2))
                }
            }
            for i in out.indices where out[i].ref.kind == .office {
                guard let code = RegionCode(out[i].ref.id) else { continue }
                out[i].leader = try shiftsLocked(office: code, db).last.flatMap { $0.end == nil ? $0.leader : nil }
                out[i].leaderPhone = try db.text("SELECT value FROM record_fields WHERE kind = 'office' AND id = ? AND field = 'leaderPhone'", out[i].ref.id)
            }
            return out
        }
    }

    /// Sets a duty phone of an office, depot or unit this office owns (a unit's is its `contact`): a fields event.
    @discardableResult public func setContact(_ ref: RecordRef, _ field: ContactField = .phone, to phone: String) throws -> Event {
        let phone = phone.trimmingCharacters(in: .whitespaces)
        guard phone.count <= Self.maximumPhoneLength,
              phone.allSatisfy({ $0.isASCII && ($0.isNumber || "+-() /,#*ext.".contains($0)) }) else {
            throw StoreError.refused("a phone is up to \(Self.maximumPhoneLength) digits, spaces and + - ( ) / , # * (not '\(phone)')")
        }
        guard [.office, .depot, .unit].contains(ref.kind) else {
            throw StoreError.refused("only offices, depots and units have duty phones (not \(ref.kind.rawValue))")
        }
        if field == .leaderPhone && ref.kind != .office { throw StoreError.refused("only an office has a leader's phone") }
        let name = ref.kind == .unit ? "contact" : field.rawValue
        return try write { db in
            guard try LocalWriteFacts(db: db).record(ref) != nil else { throw StoreError.unknown(ref.kind.rawValue, ref.id) }
            let payload = EventPayload.fields(ref, [name: phone])
            try checkWritePolicyLocked(payload, db)
            return try recordLocked([payload], db)[0]
        }
    }
}
