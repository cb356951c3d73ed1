import Foundation
import Model

/// What re-registering a copied store did: the device it was, the device it is now, and the events it
/// re-issued under the new device (same content, same HLC, a new gap-free sequence from 1).
public struct Reregistration: Sendable, Equatable, CustomStringConvertible {
    public let oldDevice: DeviceID
    public let newDevice: DeviceID
    /// The old device's first sequence number the centre held with other content.
    public let from: Int64
    public let reissued: Int

    public var description: String {
        "this store was a copy of device \(String(oldDevice, radix: 16)); re-registered as \(String(newDevice, radix: 16)), re-sent \(reissued) event\(reissued == 1 ? "" : "s")"
    }
}

/// Client-side identity changes. The centre decides that a store is a copy (it holds the store's device with
/// other content); the store then takes a fresh device and moves its own events from the conflicting sequence
/// number on to it, so nothing it holds is lost and nothing the centre holds is sent twice.
extension Store {
    /// Meta key: earlier devices of this store, "device@seq" separated by spaces (for the record).
    static let previousDevicesKey = "store.previousDevices"

    /// Re-reads the device from meta (another process may have re-registered the file). The caller holds the
    /// lock and the write transaction.
    func refreshIdentityLocked(_ db: Database) throws {
        guard let text = try db.text("SELECT value FROM meta WHERE key = ?", MetaKey.device), let device = DeviceID(text) else { return }
        identityLock.withLock {
            guard currentIdentity.device != device else { return }
            currentIdentity.device = device
        }
        if hybridClock.node != device { hybridClock = HybridClock(node: device, last: hybridClock.last) }
    }

    /// The highest sequence number this store holds of its own device, re-reading the device first (another
    /// process may have re-registered the file).
    public func ownDeviceHigh() throws -> Int64 {
        try withDatabase { db in
            try refreshIdentityLocked(db)
            return try db.int("SELECT max(seq) FROM events WHERE device = ?", Int64(bitPattern: identity.device)) ?? 0
        }
    }

    /// Takes a new random device identity and re-issues this device's events from `seq` on under it, in one
    /// IMMEDIATE transaction: events renumbered 1, 2, … in order (content and HLC unchanged), the outbox rebuilt
    /// to hold exactly them, the acknowledged mark reset. Events before `seq` stay under the old device: the
    /// centre holds them as they are. Returns nil when `expected` is no longer this store's device (another
    /// process already re-registered it).
    public func reregister(device expected: DeviceID, from seq: Int64) throws -> Reregistration? {
        try write { db in
            let old = identity.device
            guard old == expected else { return nil }
            var rng = SystemRandomNumberGenerator()
            var new: DeviceID = 0
            while try new == 0 || (db.int("SELECT 1 FROM events WHERE device = ? LIMIT 1", Int64(bitPattern: new))) != nil {
                new = rng.next()
            }
            let from = max(1, seq)
            try db.run("DELETE FROM outbox")
            let moved = try db.run("UPDATE events SET device = ?, seq = seq - ? WHERE device = ? AND seq >= ?",
                                   Int64(bitPattern: new), from - 1, Int64(bitPattern: old), from)
            try db.run("INSERT INTO outbox(seq, event) SELECT seq, id FROM events WHERE device = ?", Int64(bitPattern: new))
            try setMetaLocked(MetaKey.outboxAcknowledged, "0", db)
            let history = try db.text("SELECT value FROM meta WHERE key = ?", Self.previousDevicesKey) ?? ""
            try setMetaLocked(Self.previousDevicesKey, (history.isEmpty ? "" : history + " ") + "\(String(old, radix: 16))@\(from)", db)
            try setMetaLocked(MetaKey.device, String(new), db)
            try refreshIdentityLocked(db)
            return Reregistration(oldDevice: old, newDevice: new, from: from, reissued: moved)
        }
    }
}
