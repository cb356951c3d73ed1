import CentralPostgres
import Foundation
import Model
import Store
import Synchronization

/// `dutydesk bench central`: many offices pushing at once, each on its own connection (as each office's
/// `serve-sync` process has), on SQLite and on PostgreSQL in the same run. Prints events/s and the ratio.
public enum CentralBenchmark {
    /// One engine's figures.
    public struct Figures: Sendable {
        public var engine: String
        public var processed: Int
        public var appended: Int
        public var seconds: Double
        /// The server's durability settings, as measured under (PostgreSQL).
        public var settings: String?
        public var perSecond: Double { Double(processed) / max(seconds, 1e-9) }
    }

    /// Runs `offices` concurrent writers of `events` events each in batches of `batch`, against a fresh SQLite file
    /// and, when `postgres` names a server, a fresh database on it (dropped afterwards).
    public static func run(offices: Int, events: Int, batch: Int, postgres: String?) throws -> [Figures] {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("dutydesk-centralbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var out: [Figures] = []
        let lite = dir + "/central.db"
        try CentralDatabase.create(path: lite).close()
        out.append(try measure("SQLite", location: lite, offices: offices, events: events, batch: batch))
        if let postgres {
            let scratch = try ScratchDatabase(server: postgres, prefix: "dutydesk_bench")
            try CentralPostgres.create(scratch.location).close()
            out.append(try measure("PostgreSQL", location: scratch.location, offices: offices, events: events, batch: batch))
            out[out.count - 1].settings = try durability(scratch.location)
        }
        return out
    }

    static func measure(_ engine: String, location: String, offices: Int, events: Int, batch: Int) throws -> Figures {
        // Connections and workloads are made before the clock starts.
        let writers: [(any CentralBackend, [Event], RegionCode)] = try (0..<offices).map { i in
            let office = RegionCode(140101 + i)
            let device = DeviceID(0xBE7C_0000_0000_0100 + UInt64(i))
            return (try CentralStore.open(location), MixedWorkload.events(count: events, device: device, office: office, seed: UInt64(i + 1)), office)
        }
        let processed = Mutex(0), appended = Mutex(0), failure = Mutex<String?>(nil)
        let group = DispatchGroup()
        let boxes = writers.map { Box($0) }
        let start = monotonicSeconds()
        for box in boxes {
            group.enter()
            Thread {
                defer { group.leave() }
                let (central, workload, office) = box.value
                // The store's apply, not the rules (the same code on both engines): every event is accepted.
                let scope = CentralScope(kind: .region, region: office, owner: office)
                var i = 0
                while i < workload.count {
                    let slice = Array(workload[i..<min(i + batch, workload.count)])
                    do {
                        let o = try central.apply(slice) { _, _ in .accept(scope) }
                        processed.withLock { $0 += slice.count }
                        appended.withLock { $0 += o.appended }
                    } catch {
                        failure.withLock { $0 = "\(engine): \(error)" }
                        return
                    }
                    i += batch
                }
            }.start()
        }
        group.wait()
        let seconds = monotonicSeconds() - start
        for (c, _, _) in writers { c.close() }
        if let f = failure.withLock({ $0 }) { throw SyncError.local("bench central: \(f)") }
        return Figures(engine: engine, processed: processed.withLock { $0 }, appended: appended.withLock { $0 }, seconds: seconds,
                       settings: nil)
    }

    /// "fsync on, synchronous_commit on": whether a commit waited for the disk.
    static func durability(_ location: String) throws -> String {
        let db = try PGConnection(location)
        defer { db.close() }
        let fsync = try db.text("SELECT setting FROM pg_settings WHERE name = 'fsync'") ?? "?"
        let sync = try db.text("SELECT setting FROM pg_settings WHERE name = 'synchronous_commit'") ?? "?"
        return "fsync \(fsync), synchronous_commit \(sync)"
    }

    private final class Box: @unchecked Sendable {
        let value: (any CentralBackend, [Event], RegionCode)
        init(_ v: (any CentralBackend, [Event], RegionCode)) { value = v }
    }

}
