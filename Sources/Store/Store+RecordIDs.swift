import Model

/// The one place record ids are made (drills, transfers, anything an operator creates), for the console and
/// the CLI alike.
extension Store {
    /// `PREFIX-<device, all 16 hex digits>-<seq>-<tag>`, where seq is the sequence number of the next event this
    /// device records (the caller records the creating event first, in the same write transaction) and tag is six
    /// random base-32 digits. Device ids are random 64-bit numbers and the sequence is gap-free and never reused,
    /// so for a store with its own identity the first two parts are unique on their own. The tag is for the
    /// store that does not have one yet: a cloned laptop or one restored from its own backup makes its next
    /// record at the same (device, seq) as its twin until the centre re-registers it, and without the tag the two
    /// records would merge into one. The clock plays no part.
    func newRecordIDLocked(_ prefix: String, _ db: Database) throws -> String {
        let next = (try db.int("SELECT max(seq) FROM events WHERE device = ?", Int64(bitPattern: identity.device)) ?? 0) + 1
        var rng = SystemRandomNumberGenerator()
        return Store.recordID(prefix, device: identity.device, seq: next, tag: UInt32.random(in: 0..<(1 << 30), using: &rng))
    }

    /// The id `newRecordIDLocked` makes: the device at fixed width, so ids sort by device then sequence.
    static func recordID(_ prefix: String, device: DeviceID, seq: Int64, tag: UInt32) -> String {
        let hex = String(device, radix: 16)
        let digits = Array("0123456789abcdefghjkmnpqrstvwxyz")
        let tagText = String((0..<6).map { digits[Int((tag >> (5 * UInt32(5 - $0))) & 31)] })
        return "\(prefix)-\(String(repeating: "0", count: max(0, 16 - hex.count)))\(hex)-\(seq)-\(tagText)"
    }
}
