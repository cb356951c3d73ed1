import CentralPostgres
import Foundation
import Model
import Store

/// `dutydesk central init PATH [--demo]`.
public enum CentralStore {
    /// Creates a central store. With `demo`, fills it with the demo province: every event applied as its own
    /// office under the same rules a live push meets, so each record is owned by its real office.
    /// Returns how many events went in.
    @discardableResult
    public static func create(path: String, demo: Bool, seed: UInt64 = 2026, scale: Int = 1, now: Date = Date()) throws -> Int {
        let central: any CentralBackend = CentralPostgres.handles(path)
            ? try CentralPostgres.create(path) : try CentralDatabase.create(path: path)
        defer { central.close() }
        guard demo else { return 0 }
        return try importDemo(into: central, seed: seed, scale: scale, now: now)
    }

    /// Opens the central store at `location`: a SQLite file path, or a `postgres://` URL.
    public static func open(_ location: String) throws -> any CentralBackend {
        CentralPostgres.handles(location) ? try CentralPostgres.open(location) : try CentralDatabase.open(path: location)
    }

    static func importDemo(into central: any CentralBackend, seed: UInt64, scale: Int, now: Date) throws -> Int {
        var policies: [RegionCode: WritePolicy] = [:]
        let clock = FixedClock(milliseconds: Int64(now.timeIntervalSince1970 * 1000))
        var batch: [Event] = []
        var applied = 0
        var refused: [String] = []
        func flush() throws {
            let outcome = try central.apply(batch, now: now) { e, lookup in
                var p = policies[e.office] ?? WritePolicy(office: e.office, clock: clock, maxDriftMilliseconds: .max / 2)
                defer { policies[e.office] = p }
                return try p.verdict(e, lookup)
            }
            applied += outcome.appended
            refused += outcome.rejected.prefix(3).map { "\($0.0): \($0.1)" }
            batch.removeAll(keepingCapacity: true)
        }
        try DemoProvince(seed: seed, scale: scale, now: now).generate { e in
            batch.append(e)
            if batch.count == 5_000 { try flush() }
        }
        try flush()
        guard refused.isEmpty else {
            throw SyncError.local("the demo province broke the write rules: \(refused.prefix(3).joined(separator: "; "))")
        }
        return applied
    }
}

/// A clock that always reads the same time (demo import, tests).
struct FixedClock: WallClock {
    let milliseconds: Int64
    func nowMilliseconds() -> Int64 { milliseconds }
}
