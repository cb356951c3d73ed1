import Foundation
import Console
import Screen
import Model
import Store
import Sync

/// `dutydesk bench store|cap|sync|fuzz|console`: prints a table of measured figures (never asserted by tests).
enum BenchCommand {
    static func run(_ args: inout Arguments) throws {
        switch try args.positional("bench target (store, duty, shift, sync, central, fuzz, console, soak)") {
        case "soak":
            let trials = try args.int("--trials", range: 1...100_000) ?? 200
            let seed = try args.int("--seed", range: 0...Int.max) ?? 1
            let keep = try args.option("--keep")
            try args.finish()
            let dir = keep ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("dutydesk-soak-\(getpid())")
            defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }
            let started = monotonicSeconds()
            let tally = try SoakBenchmark(trials: trials, seed: UInt64(seed), directory: dir,
                                          executable: SyncCommands.selfExecutable()).run()
            print(tally.report(trials: trials, seed: UInt64(seed), seconds: monotonicSeconds() - started))
            guard tally.isClean else { throw CommandError("soak: budget 0 lost / 0 applied twice / 0 failed checks not met (seed \(seed))") }
        case "store":
            let events = try args.int("--events", range: 10_000...20_000_000) ?? 1_000_000
            let dir = try args.option("--dir") ?? NSTemporaryDirectory()
            try args.finish()
            try StoreBenchmark(targetEvents: events, directory: dir).run()
        case "duty":
            let events = try args.int("--events", range: 0...20_000_000) ?? 1_000_000
            let dir = try args.option("--dir") ?? NSTemporaryDirectory()
            try args.finish()
            try DutyBenchmark(background: events, directory: dir).run()
        case "province":
            try provinceBench(&args)
        case "shift":
            let events = try args.int("--events", range: 10_000...20_000_000) ?? 1_000_000
            let dir = try args.option("--dir") ?? NSTemporaryDirectory()
            try args.finish()
            try ShiftBenchmark(targetEvents: events, directory: dir).run()
        case "central":
            if args.flag("--pull") { return try centralPull(&args) }
            let offices = try args.int("--offices", range: 1...512) ?? 32
            let events = try args.int("--events", range: 10...1_000_000) ?? 2_000
            let batch = try args.int("--batch", range: 1...100_000) ?? 500
            let postgres = try args.option("--postgres") ?? ProcessInfo.processInfo.environment["DUTYDESK_PG_URL"]
            try args.finish()
            let figures = try CentralBenchmark.run(offices: offices, events: events, batch: batch, postgres: postgres)
            print("central apply, \(offices) offices pushing at once, \(events) events each in batches of \(batch):")
            for f in figures {
                print(String(format: "  %-10@ %9.0f events/s  (%d processed, %d appended, %.2f s)",
                             f.engine as NSString, f.perSecond, f.processed, f.appended, f.seconds) + (f.settings.map { "  [\($0)]" } ?? ""))
            }
            if figures.count == 2 {
                print(String(format: "  PostgreSQL / SQLite: %.2f×", figures[1].perSecond / max(figures[0].perSecond, 1e-9)))
            } else {
                print("  (no PostgreSQL: pass --postgres URL of a server whose user may create databases, or set DUTYDESK_PG_URL)")
            }
        case "cap":
            let events = try args.int("--events", range: 0...20_000_000) ?? 1_000_000
            let documents = try args.int("--documents", range: 1...1_000_000) ?? 1000
            let per = try args.int("--per-document", range: 1...10_000) ?? 20
            let large = try args.int("--large-mb", range: 1...64)
            let dir = try args.option("--dir") ?? NSTemporaryDirectory()
            try args.finish()
            if let large {
                try CAPBenchmark.runLarge(megabytes: large, directory: dir)
            } else {
                try CAPBenchmark(targetEvents: events, documents: documents, perDocument: per, directory: dir).run()
            }
        case "sync":
            try args.finish()
            print(try SyncBenchmark.run())
        case "fuzz":
            let count = try args.int("--frames", range: 1...100_000_000) ?? 100_000
            let seed = try args.int("--seed", range: 0...Int.max) ?? 8
            try args.finish()
            let result = FrameFuzz.run(count: count, seed: UInt64(seed))
            print("frame fuzz (seed \(seed)): \(result)")
            if result.accepted > 0 { throw CommandError("frame fuzz accepted \(result.accepted) corrupted frames") }
        case "console":
            let width = try args.int("--width", range: 20...1000) ?? 120
            let height = try args.int("--height", range: 6...500) ?? 40
            let keys = try args.int("--keys", range: 10...100_000) ?? 400
            let store = try StoreLocation.open(&args, readOnly: true)
            defer { store.close() }
            try ConsoleBenchmark(store: store, width: width, height: height, keys: keys).run()
        case let other: throw UsageError("unknown bench target '\(other)' (store, cap, duty, sync, central, fuzz, console, soak)")
        }
    }
    /// `bench province --backend sqlite|postgres`: the province after 72 hours cut off, links back at once.
    static func provinceBench(_ args: inout Arguments) throws {
        let backend = try args.option("--backend") ?? "sqlite"
        var sim = ProvinceSimulation(offices: ProvinceOffices.codes(try args.int("--offices", range: 2...5_000) ?? 300))
        sim.hours = try args.int("--hours", range: 1...10_000) ?? 72
        sim.eventsPerOffice = try args.int("--events-per-office", range: 1...100_000) ?? 300
        sim.workers = try args.int("--workers", range: 1...256) ?? 8
        sim.seed = UInt64(try args.int("--seed", range: 0...Int.max) ?? 1)
        let server = try args.option("--postgres") ?? ProcessInfo.processInfo.environment["DUTYDESK_PG_URL"]
        try args.finish()
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("dutydesk-province-\(getpid())")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var scratch: ScratchDatabase?
        let location: String
        switch backend {
        case "sqlite": location = (dir as NSString).appendingPathComponent("central.db")
        case "postgres":
            guard let server else { throw UsageError("bench province --backend postgres: pass --postgres URL or set DUTYDESK_PG_URL") }
            scratch = try ScratchDatabase(server: server, prefix: "dutydesk_province")
            location = scratch!.location
        default: throw UsageError("--backend must be sqlite or postgres, not '\(backend)'")
        }
        try CentralStore.create(path: location, demo: false)
        let r = try withExtendedLifetime(scratch) { try sim.run(central: location, directory: dir) }
        print("province simulation on \(backend == "sqlite" ? "SQLite" : "PostgreSQL") — \(machine())")
        print(String(format: "  %d offices, %d hours cut off, %d events made (%.0f s of office work)",
                     r.offices, sim.hours, r.made, r.partitionSeconds))
        print(String(format: "  links back: every office synced, %d passes with %d at a time: %.1f s wall time", r.passes, sim.workers,
                     r.reconnectSeconds))
        print("  centre holds \(r.atCentre) of \(r.made) (lost \(max(0, r.made - r.atCentre)), applied twice \(max(0, r.atCentre - r.made))), "
              + "\(r.rejected) rejected, \(r.stuck.count) queues not empty, \(r.differing.count) offices differing from the centre"
              + String(format: " (checked in %.0f s)", r.verifySeconds))
        guard r.isClean else { throw CommandError("province simulation: not every office matches the centre (\(r.differing.prefix(5)))") }
    }

    /// `bench central --pull`: a county's pull from a large PostgreSQL log.
    static func centralPull(_ args: inout Arguments) throws {
        let entries = try args.int("--entries", range: 100_000...100_000_000) ?? 10_000_000
        let county = try args.int("--county", range: 100_000...999_999) ?? 140121
        guard let postgres = try args.option("--postgres") ?? ProcessInfo.processInfo.environment["DUTYDESK_PG_URL"] else {
            throw UsageError("bench central --pull: pass --postgres URL of a server whose user may create databases")
        }
        try args.finish()
        let f = try CentralPullBenchmark.run(postgres: postgres, entries: entries, county: RegionCode(county))
        print("central pull on PostgreSQL — \(machine())")
        print(String(format: "  log of %d entries built in %.0f s (SQL generate_series; 300 offices in turn)", f.entries, f.buildSeconds))
        print(String(format: "  county %d (%d entries in its subtree) pulled %d events in %d frames: %.3f s server time",
                     f.county, f.countyEntries, f.pulled, f.frames, f.seconds))
        for line in f.plan { print("  plan: " + line.trimmingCharacters(in: .whitespaces)) }
    }
}

/// The console's own work per keypress (handle the key, render every cell), without a terminal: what a keypress
/// costs before curses diffs and writes. j/k through the focused pane, Tab to the next pane every 50 keys.
struct ConsoleBenchmark {
    let store: Store
    let width: Int, height: Int, keys: Int

    func run() throws {
        let theme = try ThemeLoader.load(name: "default", searchPaths: [])
        let options = ConsoleOptions(language: .en, theme: theme.value, layouts: .builtIn(), colorDepth: .indexed256,
                                     unicode: true, clock: SystemClock(), timeZone: .current)
        let t0 = monotonicSeconds()
        let app = try ConsoleApp(store: store, options: options)
        _ = app.render(width: width, height: height)
        let first = monotonicSeconds() - t0
        var times: [Double] = []
        for i in 0..<keys {
            let key: KeyEvent = i % 50 == 49 ? .tab : (i / 10) % 2 == 0 ? .char("j") : .char("k")
            let t = monotonicSeconds()
            _ = app.handle(key)
            _ = app.render(width: width, height: height)
            times.append(monotonicSeconds() - t)
        }
        times.sort()
        func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
        print("dutydesk bench console — \(machine()), \(width)×\(height), store of \(try store.stats().events) events")
        print("open and first render               \(ms(first))")
        print("key + render (\(keys) keys)           median \(ms(times[times.count / 2])), p99 \(ms(times[times.count * 99 / 100])), max \(ms(times.last!))")
    }
}

/// Peak resident set size of this process (VmHWM), in bytes.
func peakRSS() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

/// CPU time this process has used, all threads: on a shared machine it says what the work costs whatever the load.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The CLI's monotonic clock (Sync keeps its own for its simulations: one module-internal copy each, rather than
/// importing Sync into every command that times something).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Seeds a store to the target size, then times ingest, durable actions and the pane queries.
struct StoreBenchmark {
    let targetEvents: Int
    let directory: String

    func run() throws {
        let scratch = try ScratchStore("bench", in: directory)
        defer { scratch.discard() }
        let store = scratch.store
        let scale = try DemoSeeder.scale(forEvents: targetEvents)

        let t0 = monotonicSeconds()
        var storeSecs = 0.0
        let ingested = try DemoSeeder.seed(store, scale: scale, seed: 1, now: Date(), storeSeconds: &storeSecs)
        let ingestSecs = monotonicSeconds() - t0
        let seedRSS = peakRSS()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: scratch.path)[.size] as? Int) ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: scratch.path + "-wal")[.size] as? Int) ?? 0

        // Durable single operator actions (synchronous=FULL): event + state + outbox each.
        var latencies: [Double] = []
        var stockQuery = StockQuery()
        stockQuery.limit = 2_000
        // The office's own depots: its store refuses stock of another office's.
        let lines = Array(try store.stock(stockQuery).filter { $0.depot.owner == store.identity.office }.prefix(50))
        guard !lines.isEmpty else { throw CommandError("bench: the demo province gave office \(store.identity.office) no depot of its own") }
        for i in 0..<300 {
            let line = lines[i % lines.count]
            let t = monotonicSeconds()
            try store.moveStock(depot: line.depot.id, item: line.item.id, kind: .receive, quantity: 1, reason: "bench")
            latencies.append(monotonicSeconds() - t)
        }
        latencies.sort()

        // Pane queries at this size: top 200 with a filter, median and p99 of repeated runs.
        var alertQ = AlertQuery(); alertQ.levels = [.red, .orange]; alertQ.limit = 200
        var alertActive = AlertQuery(); alertActive.activeOnly = true; alertActive.limit = 200
        var alertText = AlertQuery(); alertText.text = "暴雨"; alertText.limit = 200
        var unitQ = UnitQuery(); unitQ.statuses = [.available, .standby]; unitQ.limit = 200
        var unitKind = UnitQuery(); unitKind.kinds = [.fireRescue]; unitKind.sort = .status; unitKind.limit = 200
        var stockQ = StockQuery(); stockQ.belowMinimumOnly = true; stockQ.limit = 200
        var stockCat = StockQuery(); stockCat.categories = [.food]; stockCat.depotLevels = [.city]; stockCat.limit = 200
        var drillQ = DrillQuery(); drillQ.from = Date(); drillQ.limit = 200
        let queries: [(String, () throws -> Int)] = [
            ("alerts level I–II, severity", { try store.alerts(alertQ).count }),
            ("alerts active", { try store.alerts(alertActive).count }),
            ("alerts text 暴雨", { try store.alerts(alertText).count }),
            ("units available/standby", { try store.units(unitQ).count }),
            ("units fire rescue by status", { try store.units(unitKind).count }),
            ("stock below minimum", { try store.stock(stockQ).count }),
            ("stock food in city depots", { try store.stock(stockCat).count }),
            ("drills upcoming", { try store.drills(drillQ).count }),
            ("header counts", { try store.activeAlertCounts().count }),
        ]
        var queryRows: [(String, Int, Double, Double)] = []
        for (name, q) in queries {
            var times: [Double] = []
            var rows = 0
            for _ in 0..<200 {
                let t = monotonicSeconds()
                rows = try q()
                times.append(monotonicSeconds() - t)
            }
            times.sort()
            queryRows.append((name, rows, times[times.count / 2], times[times.count * 99 / 100]))
        }

        let stats = try store.stats()
        func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
        print("dutydesk bench store — \(machine())")
        print(String(repeating: "-", count: 72))
        print("events in store                    \(stats.events) (demo scale \(scale), \(ingested) ingested)")
        print("batched ingest (state tables)      \(Int(Double(ingested) / storeSecs)) events/s in the store (\(String(format: "%.1f", storeSecs)) s)")
        print("  with generating the demo events  \(Int(Double(ingested) / ingestSecs)) events/s (\(String(format: "%.1f", ingestSecs)) s)")
        print("peak RSS while seeding             \(seedRSS / 1_048_576) MiB")
        print("store size                         \((bytes + wal) / 1_048_576) MiB, \((bytes + wal) / max(1, stats.events)) bytes/event")
        print("durable action (synchronous=FULL)  median \(ms(latencies[latencies.count / 2])), p99 \(ms(latencies[latencies.count * 99 / 100]))")
        print("pane queries (top 200, 200 runs)    rows   median      p99")
        for (name, rows, med, p99) in queryRows {
            print("  " + name.padding(toLength: 33, withPad: " ", startingAt: 0)
                  + String(rows).padding(toLength: 7, withPad: " ", startingAt: 0) + ms(med) + "  " + ms(p99))
        }
    }
}

/// "2 cores, Intel Xeon …" — names the machine a figure was measured on.
func machine() -> String {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)"
}

extension DemoSeeder {
    /// The demo scale whose province reaches `events` (scale 1 is ~20k events), for the benchmarks that seed one.
    static func scale(forEvents events: Int) throws -> Int {
        var probe = 0
        try DemoProvince(seed: 1, scale: 1, now: Date()).generate { _ in probe += 1 }
        return max(1, Int((Double(events) / Double(probe)).rounded(.up)))
    }
}
