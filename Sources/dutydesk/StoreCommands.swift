import Console
import Foundation
import Model
import Screen
import Store

/// `dutydesk init`: a new store for one office.
enum InitCommand {
    static func run(_ args: inout Arguments) throws {
        let path = try StoreLocation.path(&args)
        guard let officeText = try args.option("--office") else { throw UsageError(.initNeedsOffice) }
        guard let office = Int(officeText), office >= 110_000, office < 1_000_000_000 else {
            throw UsageError(.initBadOffice, officeText)
        }
        let known = RegionCatalog.shanxi[office]
        let name = try args.option("--name") ?? known.map { DemoCatalog.officeName($0).zh }
        guard let name, !name.isEmpty else { throw UsageError(.initNeedsName) }
        guard let op = try args.option("--operator"), !op.isEmpty else { throw UsageError(.initNeedsOperator) }
        try args.finish()
        try StoreLocation.ensureDirectory(for: path)
        let store = try Store.create(path: path, office: office, officeName: name, operatorName: op)
        defer { store.close() }
        print(say(.created, path, name, office, op, String(store.identity.device, radix: 16)))
    }
}

/// `dutydesk seed --demo`: ingest the demo province as history.
enum SeedCommand {
    static func run(_ args: inout Arguments) throws {
        guard args.flag("--demo") else { throw UsageError(.seedNeedsDemo) }
        let scale = try args.int("--scale", range: 1...1000) ?? 1
        let seed = try args.int("--seed", range: 0...Int.max) ?? 2026
        let path = try StoreLocation.path(&args)
        try args.finish()
        if !FileManager.default.fileExists(atPath: path) {
            try StoreLocation.ensureDirectory(for: path)
            try Store.create(path: path, office: 140000, officeName: "山西省应急管理厅", operatorName: "值班员").close()
        }
        let store = try Store.open(path: path)
        defer { store.close() }
        let started = Date()
        let added = try DemoSeeder.seed(store, scale: scale, seed: UInt64(seed), now: Date())
        let secs = Date().timeIntervalSince(started)
        print(say(.seeded, added, scale, seed, path, String(format: "%.1f", secs)))
    }
}

/// Streams the demo province into a store in batches (bounded memory at any scale).
enum DemoSeeder {
    /// Streams the demo province into the store in batches; `storeSeconds` accumulates the time spent in the
    /// store (the rest is generating the events), so the benchmark can report the store's own rate.
    static func seed(_ store: Store, scale: Int, seed: UInt64, now: Date, storeSeconds: inout Double) throws -> Int {
        var batch: [Event] = []
        batch.reserveCapacity(batchSize)
        var added = 0
        var inStore = 0.0
        func flush() throws {
            let t = monotonicSeconds()
            added += try store.ingest(batch, batchSize: batchSize)
            inStore += monotonicSeconds() - t
            batch.removeAll(keepingCapacity: true)
        }
        try DemoProvince(seed: seed, scale: scale, now: now).generate { event in
            batch.append(event)
            if batch.count == batchSize { try flush() }
        }
        try flush()
        storeSeconds += inStore
        return added
    }

    static func seed(_ store: Store, scale: Int, seed: UInt64, now: Date) throws -> Int {
        var ignored = 0.0
        return try self.seed(store, scale: scale, seed: seed, now: now, storeSeconds: &ignored)
    }

    /// One transaction per batch. The fold touches stock lines and units all over their tables; a larger batch
    /// writes each hot page once for more events (5,000 → 50,000: ~1.5× the rate at a million events, for
    /// ~45 MB more memory while seeding).
    static let batchSize = 50_000
}

/// `dutydesk stats`.
enum StatsCommand {
    static func run(_ args: inout Arguments) throws {
        let json = args.flag("--json")
        let store = try StoreLocation.open(&args, readOnly: true)
        defer { store.close() }
        let s = try store.stats()
        // The JSON key is the English catalog text; the text form shows the CLI's language.
        let rows: [(Msg, Int64)] = [(.statEvents, Int64(s.events)), (.statAlerts, Int64(s.alerts)),
                                    (.statAcks, Int64(s.acknowledgments)), (.statUnits, Int64(s.units)),
                                    (.statDepots, Int64(s.depots)), (.statItems, Int64(s.items)),
                                    (.statStockLines, Int64(s.stockLines)), (.statMovements, Int64(s.movements)),
                                    (.statDrills, Int64(s.drills)), (.statQueue, Int64(s.outboxDepth)),
                                    (.statRejected, Int64(s.rejected)), (.statRejectedUnseen, Int64(s.rejectedUnacknowledged)),
                                    (.statInTransit, Int64(s.transfersInTransit)), (.statBytes, s.fileBytes)]
        let clock = try store.clockCheck()
        let jump = try store.clockJump()
        if json {
            var j = JSONLine()
            j.add("office", store.identity.office)
            for (k, v) in rows { j.add(k.texts.en, v) }
            j.add("clock_offset_ms", clock?.offsetMilliseconds)
            j.add("clock_checked", clock?.checked)
            j.add("clock_jump_ms", jump?.milliseconds)
            print(j.text)
        } else {
            func label(_ m: Msg, _ width: Int = 16) -> String { DisplayWidth.pad(say(m), width: width) }
            print(label(.statStore, 9) + store.path)
            print(label(.statOffice, 9) + say(.statOfficeLine, clean(store.identity.officeName), store.identity.office,
                                               clean(store.identity.operatorName)))
            for (k, v) in rows { print(label(k) + String(v)) }
            if let clock {
                print(label(.statClock) + say(.statClockLine, clock.warning ?? say(.statClockAgrees), shortDate(clock.checked)))
            }
            if let jump { print(label(.statClockJump) + say(.statClockJumpLine, jump.milliseconds / 1000, shortDate(jump.at))) }
        }
    }
}

/// `dutydesk check`: store integrity and invariants; optionally theme and layout files.
enum CheckCommand {
    static func run(_ args: inout Arguments) throws {
        let themes = args.flag("--themes"), layouts = args.flag("--layouts"), deadlines = args.flag("--deadlines")
        var problems: [String] = []
        if themes || layouts || deadlines {
            problems += ConfigFiles.validate(themes: themes, layouts: layouts)
            if deadlines { problems += DeadlineLoader.validate().map(\.description) }
            try args.finish()
        } else {
            let store = try StoreLocation.open(&args, readOnly: true)
            defer { store.close() }
            problems = try store.check()
            // The deadlines file is read by every duty command: a bad one is a problem of this installation.
            problems += DeadlineLoader.validate().map(\.description)
            let rejected = try store.rejectionCounts()
            if rejected.total > 0 {
                // Not a problem of the store: events the centre refused, kept for history and undone here.
                print(say(.rejectedUndone, rejected.total, plural(rejected.total), rejected.unacknowledged))
            }
        }
        if problems.isEmpty {
            print(say(.ok))
        } else {
            for p in problems { print(clean(p)) }
            throw CommandError(.problemsFound, problems.count, plural(problems.count))
        }
    }
}

/// `dutydesk rejections [--ack] [--json]`: this office's events the centre refused, undone here.
enum RejectionsCommand {
    static func run(_ args: inout Arguments) throws {
        let ack = args.flag("--ack")
        let (limit, json) = try ListOutput.options(&args)
        let store = try StoreLocation.open(&args, readOnly: !ack)
        defer { store.close() }
        let rows = try store.rejections(limit: limit)
        if json {
            for r in rows {
                var j = JSONLine()
                j.add("event", r.id.description); j.add("kind", r.kind); j.add("reason", r.reason)
                j.add("at", r.at); j.add("acknowledged", r.acknowledged)
                print(j.text)
            }
        } else {
            var t = TextTable([Msg.colEvent, .colKind, .colSeen, .colReason])
            for r in rows { t.add([r.id.description, r.kind, say(r.acknowledged ? .yes : .no), r.reason]) }
            print(t.render())
        }
        if ack { print(say(.acknowledgedCount, try store.acknowledgeRejections())) }
    }
}
