import Foundation
import Model
import Store

/// `dutydesk bench sync`: measures the protocol's budgets on this machine and prints a table. In-process
/// (loopback) so the figures are the protocol's, not the link's; bytes are exact wire bytes.
public enum SyncBenchmark {
    /// Runs every measurement in a temporary directory. `demoScale` sets the bootstrap province's size
    /// (scale 7 makes about 100,000 events).
    public static func run(demoScale: Int = 7, directory: String = NSTemporaryDirectory()) throws -> String {
        let dir = (directory as NSString).appendingPathComponent("dutydesk-syncbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rows: [(String, String, String)] = []
        func row(_ what: String, _ value: String, _ budget: String) { rows.append((what, value, budget)) }

        // A city office with 10,000 mixed events waiting, pushed to a fresh centre, pulled by the province.
        let central = try CentralDatabase.create(path: dir + "/central.db")
        defer { central.close() }
        let city = try Store.create(path: dir + "/city.db", office: 140100, officeName: "太原市应急管理局", operatorName: "张伟")
        defer { city.close() }
        let province = try Store.create(path: dir + "/province.db", office: 140000, officeName: "山西省应急管理厅", operatorName: "李娜")
        defer { province.close() }
        try seedCity(city)
        let setup = try city.outboxDepth()
        let cityClient = SyncClient(store: city) { LoopbackTransport(session: ServerSession(central: central, office: 140100)) }
        let provinceClient = SyncClient(store: province) { LoopbackTransport(session: ServerSession(central: central, office: 140000)) }
        _ = try cityClient.syncOnce()
        _ = try provinceClient.syncOnce()

        let workload = MixedWorkload.events(count: 10_000, device: city.identity.device, office: 140100, seed: 7)
        try recordAll(workload, into: city)
        var t = monotonicSeconds()
        let push = try cityClient.syncOnce()
        let pushSeconds = monotonicSeconds() - t
        row("round trips, cycle pushing 10,000 events", "\(push.roundTrips)", "1")
        row("wire bytes/event, 10,000 mixed events", String(format: "%.1f", Double(push.bytesSent) / 10_000), "≤ 40")
        row("push cycle (encode, apply, ack), events/s", rate(10_000, pushSeconds), "")

        // Central apply alone, including idempotency and authorization, on a second device's copy.
        let replay = MixedWorkload.events(count: 10_000, device: 0xBE7C_0000_0000_0001, office: 140100, seed: 7)
        var policy = WritePolicy(office: 140100, clock: SystemClock(), maxDriftMilliseconds: .max / 2)
        t = monotonicSeconds()
        let outcome = try central.apply(replay) { try policy.verdict($0, $1) }
        row("central apply, events/s", rate(outcome.appended, monotonicSeconds() - t), "≥ 20,000")

        t = monotonicSeconds()
        let pull = try provinceClient.syncOnce()
        row("client pull and apply, events/s", rate(pull.pulledNew, monotonicSeconds() - t), "≥ 20,000")
        row("round trips, cycle pulling \(pull.pulled) events", "\(pull.roundTrips)", "1")

        _ = try cityClient.syncOnce()  // takes the replayed copy; the next cycle has nothing to do
        let idle = try cityClient.syncOnce()
        row("idle cycle bytes sent / received", "\(idle.bytesSent) / \(idle.bytesReceived)", "≤ 200 each")
        row("round trips, idle cycle", "\(idle.roundTrips)", "1")

        let meta = try city.syncMetadataBytes(), size = try city.stats().fileBytes
        row("client sync metadata, all acknowledged", percent(meta, size) + " of \(kB(size))", "≤ 10%")
        try recordAll(MixedWorkload.events(count: 10_000, device: city.identity.device, office: 140100,
                                           firstSeq: Int64(setup + 10_001), seed: 8), into: city)
        let metaWaiting = try city.syncMetadataBytes(), sizeWaiting = try city.stats().fileBytes
        row("client sync metadata, 10,000 waiting", percent(metaWaiting, sizeWaiting) + " of \(kB(sizeWaiting))", "≤ 10%")

        // Bootstrap: the demo province at scale, read by a new province laptop (it sees everything).
        let demo = try CentralDatabase.create(path: dir + "/demo.db")
        defer { demo.close() }
        t = monotonicSeconds()
        let records = try CentralStore.importDemo(into: demo, seed: 2026, scale: demoScale, now: Date())
        row("demo central import (scale \(demoScale)), events/s", rate(records, monotonicSeconds() - t), "")
        let laptop = try Store.create(path: dir + "/laptop.db", office: 140000, officeName: "山西省应急管理厅", operatorName: "值班员")
        defer { laptop.close() }
        let laptopClient = SyncClient(store: laptop) { LoopbackTransport(session: ServerSession(central: demo, office: 140000)) }
        t = monotonicSeconds()
        let boot = try laptopClient.syncOnce()
        let bootSeconds = monotonicSeconds() - t
        let minutes = Double(boot.bytesReceived) * 8 / 64_000 / 60
        row("bootstrap, \(records) events in the log", "\(boot.pulled) sent in \(boot.snapshotChunks) chunks", "")
        row("bootstrap bytes (province scope)", "\(kB(Int64(boot.bytesReceived))) (\(String(format: "%.1f", Double(boot.bytesReceived) / Double(max(boot.pulled, 1)))) B/event)", "")
        row("bootstrap time at 64 kbit/s", String(format: "%.1f min", minutes), "< 10 min")
        row("bootstrap here (loopback), events/s", rate(boot.pulledNew, bootSeconds), "")
        let county = try Store.create(path: dir + "/county.db", office: 140121, officeName: "清徐县应急管理局", operatorName: "值班员")
        defer { county.close() }
        let countyBoot = try SyncClient(store: county) { LoopbackTransport(session: ServerSession(central: demo, office: 140121)) }.syncOnce()
        row("bootstrap bytes (county 140121 scope)", "\(kB(Int64(countyBoot.bytesReceived))), \(countyBoot.pulled) events", "")

        t = monotonicSeconds()
        let fuzz = FrameFuzz.run(count: 100_000, seed: 8)
        row("frame fuzz: accepted corruptions of \(fuzz.mutated) mutated", "\(fuzz.accepted)", "0")
        row("frame fuzz, mutated frames checked/s", rate(fuzz.mutated, monotonicSeconds() - t), "")

        let width = rows.map(\.0.count).max() ?? 10
        let valueWidth = rows.map(\.1.count).max() ?? 10
        var out = "measure".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            + "value".padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  budget\n"
        for (a, b, c) in rows {
            out += a.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + b.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  " + c + "\n"
        }
        return out
    }

    /// Depots and units the workload writes to, owned by the city.
    private static func seedCity(_ store: Store) throws {
        for d in ["D140100", "D140100E1", "D140100E2"] {
            try store.record(.fields(RecordRef(.depot, d), ["name": d, "level": "city", "region": "140100"]))
        }
        for n in 1...40 {
            // The ids `MixedWorkload` moves: the office's own units, or its own store refuses the statuses.
            let id = "U\(140100 / 100 % 10000)-\(String(format: "%03d", n))"
            try store.record(.fields(RecordRef(.unit, id), ["kind": "fireRescue", "name": "消防站\(n)", "region": "140100",
                                                            "strength": "20", "contact": "0351"]))
        }
    }

    /// Records the workload's payloads as the store's own events (the store stamps id and clock).
    private static func recordAll(_ events: [Event], into store: Store) throws {
        for e in events { try store.record(e.payload) }
    }

    private static func rate(_ n: Int, _ seconds: Double) -> String { String(Int(Double(n) / max(seconds, 1e-9))) }
    private static func percent(_ part: Int64, _ whole: Int64) -> String {
        String(format: "%.2f%%", Double(part) * 100 / Double(max(whole, 1)))
    }
    private static func kB(_ n: Int64) -> String { n < 10_000 ? "\(n) B" : "\(n / 1000) kB" }
}
