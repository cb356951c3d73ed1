import Model

/// The one place record ids are made (drills, transfers, anything an operator creates), for the console and
/// the CLI alike.
extension Store {
    /// `PREFIX-<device, all 16 hex digits>-<seq>`, where seq is the sequence number of the next event this device
    /// records: the caller records the creating event first, in the same write transaction. Device ids are random
    /// 64-bit numbers and the sequence is gap-free and never reused, so two ids can only meet if two stores share
    /// a device id (the centre's identity check re-registers such a copy); the clock plays no part.
    func newRecordIDLocked(_ prefix: String, _ db: Database) throws -> String {
        let next = (try db.int("SELECT max(seq) FROM events WHERE device = ?", Int64(bitPattern: identity.device)) ?? 0) + 1
        return Store.recordID(prefix, device: identity.device, seq: next)
    }

    /// The id `newRecordIDLocked` makes for `device` and `seq`: fixed width, so ids sort by device then sequence.
    static func recordID(_ prefix: String, device: DeviceID, seq: Int64) -> String {
        let hex = String(device, radix: 16)
        return "\(prefix)-\(String(repeating: "0", count: max(0, 16 - hex.count)))\(hex)-\(seq)"
    }
}
