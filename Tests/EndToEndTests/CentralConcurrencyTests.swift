import Foundation
import Testing

/// Many offices' `dutydesk sync` processes against one SQLite central file at once, each starting its own
/// `serve-sync`: they wait their turn for the write lock, none fails.
@Suite(.serialized) struct CentralConcurrencyTests {
    /// Starts the binary without waiting; output goes to files so a chatty child never blocks on a pipe.
    static func start(_ args: [String], dir: TempDir, tag: String) throws -> (Process, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = args
        let out = dir.file("\(tag).out"), err = dir.file("\(tag).err")
        for f in [out, err] { try #require(FileManager.default.createFile(atPath: f, contents: nil)) }
        p.standardOutput = FileHandle(forWritingAtPath: out)
        p.standardError = FileHandle(forWritingAtPath: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return (p, out, err)
    }

    @Test func manySyncProcessesOnOneCentralFileAllSucceed() throws {
        let dir = TempDir()
        let central = dir.file("central.db")
        #expect(try Binary.run(["central", "init", central]).status == 0)
        // Counties of Taiyuan and Datong: each writes only its own drills.
        let offices = [140105, 140106, 140107, 140108, 140109, 140110, 140121, 140122, 140123, 140181,
                       140212, 140213, 140214, 140215, 140221, 140222]
        for o in offices {
            let db = dir.file("\(o).db")
            let r = try Binary.run(["init", "--office", String(o), "--name", "office \(o)", "--operator", "op", "--db", db])
            try #require(r.status == 0, "init \(o): \(r.stderr)")
        }
        var failures: [String] = []
        var syncs = 0
        for round in 0..<4 {
            for o in offices {
                let r = try Binary.run(["drills", "schedule", "--title", "round \(round) drill of \(o)", "--date", "2026-12-1\(round)",
                                        "--db", dir.file("\(o).db")])
                try #require(r.status == 0, "schedule \(o): \(r.stderr)")
            }
            // Every office at once, each twice in a row, so pushes and pulls overlap.
            let running = try offices.flatMap { o in
                try (0..<2).map { k in
                    (o, try Self.start(["sync", "--db", dir.file("\(o).db"), "--remote", central], dir: dir, tag: "\(o)-\(round)-\(k)"))
                }
            }
            for (o, (p, _, err)) in running {
                p.waitUntilExit()
                syncs += 1
                if p.terminationStatus != 0 {
                    failures.append("office \(o): \((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")")
                }
            }
        }
        #expect(syncs == offices.count * 8)
        #expect(failures.isEmpty, "\(failures.count) of \(syncs) syncs failed: \(failures.prefix(3))")
        // Everything arrived: one more sync each leaves nothing waiting, and the centre holds every drill.
        for o in offices {
            let r = try Binary.run(["sync", "--db", dir.file("\(o).db")])
            #expect(r.status == 0 && !r.stdout.contains("waiting"), "office \(o): \(r.stdout) \(r.stderr)")
            #expect(try Binary.run(["check", "--db", dir.file("\(o).db")]).status == 0)
        }
        let last = try Binary.run(["drills", "list", "--json", "--db", dir.file("140105.db")])
        #expect(last.stdout.split(separator: "\n").count == 4, "140105 sees its own four drills: \(last.stdout)")
    }
}
