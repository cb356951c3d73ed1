import Foundation
import Model
import Store

/// `dutydesk bench soak [--trials N] [--seed S] [--keep DIR]`: many processes on one store, killed with SIGKILL at
/// seeded random moments. Each trial runs a console-shaped writer (two connections in one process: one writing,
/// one syncing in the background), CLI writers (`stock receive|issue`, `drills schedule`), CAP `alerts import`
/// and `sync` processes on one office store with a local-path central store, then kills every one of them (and
/// the `serve-sync` children they started). After each trial: `dutydesk check` must pass; every confirmed action
/// (a CLI that exited 0, a sequence number the writer printed) must be in the office's log; after a final sync
/// it must be in the central log exactly once. Prints lost / applied twice / failed checks; exits 1 when any is
/// not zero. With `--keep`, leaves the store, the central store and `confirmed.txt` (one event id per line) there.
struct SoakBenchmark {
    let trials: Int
    let seed: UInt64
    let directory: String
    let executable: String

    struct Tally {
        var confirmed = 0, writer = 0, cli = 0, imports = 0, syncs = 0, killed = 0
        var lostAtOffice = 0, lostAtCentre = 0, appliedTwice = 0, failedChecks = 0, rejected = 0, failedFinalSyncs = 0
        var problems: [String] = []
    }

    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var running: [Int: ChildProcess] = [:]
        var stopped = false
        var confirmed: [EventID] = []
        var cli = 0, imports = 0, syncs = 0
        var next = 0
        func add(_ child: ChildProcess) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard !stopped else { child.killGroup(); return nil }
            next += 1
            running[next] = child
            return next
        }
        func remove(_ key: Int?) {
            lock.lock(); defer { lock.unlock() }
            if let key { running[key] = nil }
        }
        var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
        /// Stops every loop and kills every running child's group; returns how many were running.
        func stopAndKill() -> Int {
            lock.lock(); defer { lock.unlock() }
            stopped = true
            for child in running.values { child.killGroup() }
            return running.count
        }
        func confirm(_ ids: [EventID], kind: ReferenceWritableKeyPath<Shared, Int>) {
            lock.lock(); defer { lock.unlock() }
            confirmed += ids
            self[keyPath: kind] += 1
        }
    }

    func run() throws -> Tally {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let office = directory + "/office.db", central = directory + "/central.db"
        for f in [office, central] where FileManager.default.fileExists(atPath: f) {
            throw CommandError("\(f) already exists; give --keep an empty directory")
        }
        try run(["central", "init", central], expect: 0)
        // A province office: it may create the depot and the item the writers use, and alert any region.
        try run(["init", "--db", office, "--office", "140000", "--name", "山西省应急管理厅", "--operator", "soak"], expect: 0)
        do {
            let store = try Store.open(path: office)
            defer { store.close() }
            try store.record(.fields(RecordRef(.item, "soak-item"), ["name": "浸泡测试物资", "nameEN": "soak item",
                                                                     "category": "rescueEquipment", "uom": "件", "uomEN": "pcs"]))
            try store.record(.fields(RecordRef(.depot, "SOAK-D"), Depot(id: "SOAK-D", name: "浸泡库", level: .provincial,
                                                                        region: 140000, owner: 140000).fields))
        }
        var rng = SeededGenerator(seed: seed)
        var tally = Tally()
        var ledger: [EventID] = []
        var centreSeen: [EventID: Int] = [:]
        var centreAfter: Int64 = 0
        for trial in 0..<trials {
            let shared = Shared()
            let writer = try spawn(["_crash-writer", "--db", office, "--remote", central, "--sync-interval", "1", "--pace-ms", "4"],
                                   "writer-\(trial)")
            let writerKey = shared.add(writer)
            let loops = [
                cliWriterLoop(office, trial, shared, seed: rng.next()),
                importLoop(office, trial, shared),
                syncLoop(office, central, trial, shared),
            ]
            let threads = loops.map { body -> Thread in
                let t = Thread(block: body)
                t.start()
                return t
            }
            // The kill comes at a seeded moment, whatever each process is doing then.
            usleep(UInt32.random(in: 150_000...1_800_000, using: &rng))
            tally.killed += shared.stopAndKill()
            writer.wait()
            shared.remove(writerKey)
            for t in threads { while !t.isFinished { usleep(5_000) } }
            let printed = writer.stdout.split(separator: "\n").compactMap { Int64($0) }
            let device = try Store.open(path: office, readOnly: true).withClosing { $0.identity.device }
            let confirmed = shared.confirmed + printed.map { EventID(device: device, seq: $0) }
            tally.writer += printed.count
            tally.cli += shared.cli
            tally.imports += shared.imports
            tally.syncs += shared.syncs
            tally.confirmed += confirmed.count
            ledger += confirmed

            // The office: check passes and holds every confirmed action.
            let check = try spawn(["check", "--db", office], "check-\(trial)")
            if check.wait() != 0 {
                tally.failedChecks += 1
                tally.problems.append("trial \(trial): check failed: \(check.stdout) \(check.stderr)")
            }
            let present = try Store.open(path: office, readOnly: true).withClosing { try $0.presentEvents(confirmed) }
            for id in confirmed where !present.contains(id) {
                tally.lostAtOffice += 1
                tally.problems.append("trial \(trial): confirmed event \(id) missing at the office")
            }

            // A final sync nobody kills, then the centre: every confirmed action exactly once.
            var synced = false
            for _ in 0..<5 where !synced {
                let s = try spawn(["sync", "--db", office, "--remote", central], "final-sync-\(trial)")
                let status = s.wait()
                if s.stdout.contains("rejected ") && !s.stdout.contains("rejected 0") {
                    tally.rejected += s.stdout.split(separator: "\n").filter { $0.hasPrefix("rejected ") }.count
                }
                synced = status == 0 && !s.stdout.contains("waiting ")
            }
            if !synced {
                tally.failedFinalSyncs += 1
                tally.problems.append("trial \(trial): the final sync did not drain the queue")
            }
            let centre = try CentralDatabase.open(path: central)
            defer { centre.close() }
            while true {
                let page = try centre.log(after: centreAfter, limit: 10_000)
                guard let last = page.last else { break }
                for entry in page { centreSeen[EventID(device: entry.device, seq: entry.deviceSeq), default: 0] += 1 }
                centreAfter = last.seq
            }
            for id in confirmed {
                switch centreSeen[id] ?? 0 {
                case 0:
                    tally.lostAtCentre += 1
                    tally.problems.append("trial \(trial): confirmed event \(id) missing at the centre")
                case 1: break
                case let n:
                    tally.appliedTwice += 1
                    tally.problems.append("trial \(trial): event \(id) is \(n) times in the central log")
                }
            }
        }
        // Anything in the central log twice, confirmed or not, was applied twice.
        let duplicates = centreSeen.filter { $0.value > 1 }.count - tally.appliedTwice
        if duplicates > 0 { tally.appliedTwice += duplicates }
        try ledger.map(\.description).joined(separator: "\n").appending("\n")
            .write(toFile: directory + "/confirmed.txt", atomically: true, encoding: .utf8)
        return tally
    }

    // MARK: the processes

    private func spawn(_ args: [String], _ name: String) throws -> ChildProcess {
        try ChildProcess(executable, args, stdoutPath: directory + "/\(name).out", stderrPath: directory + "/\(name).err")
    }

    @discardableResult private func run(_ args: [String], expect: Int32) throws -> ChildProcess {
        let p = try spawn(args, "setup")
        let status = p.wait()
        guard status == expect else { throw CommandError("soak setup `\(args.joined(separator: " "))` exited \(status): \(p.stderr)") }
        return p
    }

    /// Runs `args` to its end unless the trial stops first; nil when it was killed or never started.
    private func runChild(_ args: [String], _ name: String, _ shared: Shared) -> ChildProcess? {
        guard !shared.isStopped, let child = try? spawn(args, name) else { return nil }
        let key = shared.add(child)
        child.wait()
        shared.remove(key)
        return key == nil ? nil : child
    }

    /// The event ids a CLI printed as "(event DEVICE-SEQ)" or "(events A, B)".
    static func eventIDs(_ output: String) -> [EventID] {
        var ids: [EventID] = []
        for line in output.split(separator: "\n") {
            guard let open = line.range(of: "(event") else { continue }
            let rest = line[open.upperBound...].drop { $0 == "s" || $0 == " " }.prefix { $0 != ")" }
            for word in rest.split(separator: ",") {
                let w = word.trimmingCharacters(in: .whitespaces)
                guard let dash = w.lastIndex(of: "-"), let device = UInt64(w[..<dash], radix: 16),
                      let seq = Int64(w[w.index(after: dash)...]) else { continue }
                ids.append(EventID(device: device, seq: seq))
            }
        }
        return ids
    }

    private func cliWriterLoop(_ office: String, _ trial: Int, _ shared: Shared, seed: UInt64) -> @Sendable () -> Void {
        { [self] in
            var rng = SeededGenerator(seed: seed)
            var n = 0
            while !shared.isStopped {
                n += 1
                let args: [String]
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: args = ["drills", "schedule", "--db", office, "--title", "浸泡演练 \(trial)-\(n)", "--date", "2026-06-01"]
                case 1: args = ["stock", "issue", "SOAK-D", "soak-item", "1", "--db", office, "--reason", "soak"]
                default: args = ["stock", "receive", "SOAK-D", "soak-item", String(Int.random(in: 1...9, using: &rng)),
                                 "--db", office, "--reason", "soak"]
                }
                // An issue may be refused for want of stock (exit 1): not confirmed, nothing to find.
                guard let child = runChild(args, "cli-\(trial)-\(n)", shared) else { continue }
                defer { child.removeFiles() }
                guard child.wait() == 0 else { continue }
                shared.confirm(Self.eventIDs(child.stdout), kind: \.cli)
            }
        }
    }

    private func importLoop(_ office: String, _ trial: Int, _ shared: Shared) -> @Sendable () -> Void {
        { [self] in
            var n = 0
            while !shared.isStopped {
                n += 1
                let id = "SOAK-\(seed)-\(trial)-\(n)"
                let file = directory + "/\(id).xml"
                let cap = """
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(id)</identifier><sender>soak@yjgl.shanxi.gov.cn</sender>
                <sent>2026-05-01T08:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
                <info><event>暴雨</event><urgency>Immediate</urgency><severity>Moderate</severity><certainty>Likely</certainty>
                <headline>浸泡测试 \(id)</headline>
                <area><areaDesc>清徐县</areaDesc><geocode><valueName>GB2260</valueName><value>140121</value></geocode></area></info></alert>
                """
                guard (try? cap.write(toFile: file, atomically: true, encoding: .utf8)) != nil else { return }
                defer { try? FileManager.default.removeItem(atPath: file) }
                guard let child = runChild(["alerts", "import", file, "--db", office], "import-\(trial)-\(n)", shared) else { continue }
                defer { child.removeFiles() }
                guard child.wait() == 0 else { continue }
                shared.confirm(Self.eventIDs(child.stdout), kind: \.imports)
            }
        }
    }

    private func syncLoop(_ office: String, _ central: String, _ trial: Int, _ shared: Shared) -> @Sendable () -> Void {
        { [self] in
            var n = 0
            while !shared.isStopped {
                n += 1
                guard let child = runChild(["sync", "--db", office, "--remote", central], "sync-\(trial)-\(n)", shared) else { continue }
                child.removeFiles()
                shared.confirm([], kind: \.syncs)
            }
        }
    }
}

extension Store {
    /// Runs `body` on this store, then closes it.
    func withClosing<T>(_ body: (Store) throws -> T) rethrows -> T {
        defer { close() }
        return try body(self)
    }
}

extension SoakBenchmark.Tally {
    /// The report `bench soak` prints.
    func report(trials: Int, seed: UInt64, seconds: Double) -> String {
        var lines = [
            "dutydesk bench soak — \(machine()), \(trials) trials, seed \(seed), \(String(format: "%.0f", seconds)) s",
            "confirmed actions   \(confirmed) (writer \(writer), CLI \(cli), imports \(imports)); syncs \(syncs); processes killed \(killed)",
            "lost at the office  \(lostAtOffice)",
            "lost at the centre  \(lostAtCentre)",
            "applied twice       \(appliedTwice)",
            "failed checks       \(failedChecks)",
            "rejected            \(rejected)",
            "final syncs failed  \(failedFinalSyncs)",
        ]
        lines += problems.prefix(20)
        return lines.joined(separator: "\n")
    }

    var isClean: Bool {
        lostAtOffice == 0 && lostAtCentre == 0 && appliedTwice == 0 && failedChecks == 0 && rejected == 0 && failedFinalSyncs == 0
    }
}
