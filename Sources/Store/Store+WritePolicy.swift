import Model

/// The office side of the write policy: every local event passes the same `WriteRules` the centre applies, read
/// against this store's own tables inside the write transaction, so a forbidden action is refused where it is
/// typed, with the centre's reason, and writes nothing.
extension Store {
    /// Throws `refused` when `office` may not write `payload`; the caller holds the write transaction.
    func checkWritePolicyLocked(_ payload: EventPayload, _ db: Database) throws {
        guard !bypassesWritePolicy else { return }
        if case .failure(let refusal) = try WriteRules.check(payload, by: identity.office, LocalWriteFacts(db: db)) {
            throw StoreError.refused(refusal.reason)
        }
    }
}

/// What this store knows of owners and issuers: a record's owner is its first writer (`_owner`, by HLC), the
/// same office the centre recorded when it accepted that first write; an alert's issuer is the office whose event
/// carried the message.
struct LocalWriteFacts: WriteFacts {
    let db: Database

    func record(_ ref: RecordRef) throws -> RecordOwnership? {
        var owner: RegionCode?, region: RegionCode?
        try db.forEach("SELECT field, value FROM record_fields WHERE kind = ? AND id = ? AND field IN ('_owner', 'region')",
                       [ref.kind.rawValue, ref.id]) { r in
            if r.text(0) == "_owner" { owner = RegionCode(r.text(1)) } else { region = RegionCode(r.text(1)) }
        }
        guard let owner else { return nil }
        let fallback = ref.kind == .office ? RegionCode(ref.id) ?? owner : ref.kind == .item ? 0 : owner
        return RecordOwnership(owner: owner, region: region ?? fallback)
    }

    func alert(_ id: String) throws -> AlertIssue? {
        try db.first("""
            SELECT e.office, a.areas FROM alert_messages m JOIN events e ON e.id = m.event JOIN alerts a ON a.id = m.alert
            WHERE m.id = ?
            """, id) { r in
            AlertIssue(issuer: RegionCode(r.int(0)), areas: r.text(1).split(separator: ",").compactMap { RegionCode($0) })
        }
    }
}
