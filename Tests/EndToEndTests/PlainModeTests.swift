import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--plain` (issue 12, item 2): a scripted shift through a real pty — an arrival announced as one line, an
/// acknowledgment, quit — with a transcript that holds no escape sequence or other control byte; and TERM=dumb
/// gets the same mode instead of a refusal.
@Suite(.serialized) struct PlainModeTests {
    /// A child on the slave side of a fresh pty; the test reads and writes the master.
    final class PtyProcess {
        let process = Process()
        let master: Int32
        var transcript: [UInt8] = []

        init(_ args: [String], env: [String: String]) throws {
            var m: Int32 = 0, s: Int32 = 0
            guard openpty(&m, &s, nil, nil, nil) == 0 else { throw CocoaError(.fileNoSuchFile) }
            master = m
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = args
            var environment = ProcessInfo.processInfo.environment
            for (k, v) in env { environment[k] = v }
            process.environment = environment
            let slave = FileHandle(fileDescriptor: s, closeOnDealloc: true)
            process.standardInput = slave
            process.standardOutput = slave
            process.standardError = slave
            try process.run()
        }

        func send(_ text: String) { let b = Array(text.utf8); _ = b.withUnsafeBytes { write(master, $0.baseAddress, $0.count) } }

        /// Reads until `text` has appeared in the transcript (after `from`), or fails after `timeout` seconds.
        @discardableResult
        func waitFor(_ text: String, after from: Int = 0, timeout: Double = 20) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while Date() < deadline {
                let seen = String(decoding: transcript[min(from, transcript.count)...], as: UTF8.self)
                if seen.contains(text) { return seen }
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&fds, 1, 100) > 0 {
                    let n = read(master, &buffer, buffer.count)
                    if n > 0 { transcript += buffer[0..<n] } else { break }
                }
            }
            let seen = String(decoding: transcript, as: UTF8.self)
            Issue.record("timed out waiting for \(text); transcript:\n\(seen)")
            throw CancellationError()
        }

        func finish() -> Int32 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline {
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&fds, 1, 100) > 0 { let n = read(master, &buffer, buffer.count); if n > 0 { transcript += buffer[0..<n] } }
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            close(master)
            return process.terminationStatus
        }
    }

    /// Control bytes other than line ends, and C1 controls, in the transcript.
    static func controls(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for b in bytes where b < 0x20 && b != 10 && b != 13 || b == 0x7F { found.append(String(format: "0x%02x", b)) }
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars where (0x80...0x9F).contains(scalar.value) {
            found.append(String(format: "U+%04X", scalar.value))
        }
        return found
    }

    static func cap(id: String, headline: String) -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(id)</identifier><sender>清徐县气象台</sender><sent>\(now)</sent>
          <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
          <info><language>zh-CN</language><category>Met</category><event>暴雨</event>
            <urgency>Immediate</urgency><severity>Red</severity><certainty>Observed</certainty>
            <headline>\(headline)</headline>
            <area><areaDesc>清徐县</areaDesc><geocode><valueName>GB2260</valueName><value>140121</value></geocode></area>
          </info>
        </alert>
        """
    }

    @Test(arguments: [("en", "NEW ALERT: ", "Acknowledged "), ("zh", "新预警：", "已确认 ")])
    func aScriptedShiftReadsAsLinesWithNoEscapes(lang: String, arrival: String, acked: String) throws {
        let dir = TempDir()
        let db = dir.file("desk.db")
        let seeded = try Binary.run(["seed", "--demo", "--seed", "11", "--db", db])
        try #require(seeded.status == 0, "\(seeded.stderr)")
        // An ordinary terminal type: --plain alone must keep every escape out.
        let pty = try PtyProcess(["console", "--plain", "--lang", lang, "--db", db],
                                 env: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": dir.path, "XDG_CONFIG_HOME": dir.file("config")])
        try pty.waitFor("> ")
        let mark = pty.transcript.count
        let id = "PLAIN-\(lang)-1"
        let file = dir.file("alert.xml")
        try Self.cap(id: id, headline: "ZZPLAIN清徐县气象台发布暴雨红色预警信号").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try Binary.run(["alerts", "import", file, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        // The arrival, announced on one line of its own, names the alert.
        let announced = try pty.waitFor(id, after: mark)
        let line = try #require(announced.split(whereSeparator: \.isNewline).first { $0.contains(id) })
        #expect(line.hasPrefix(arrival) && line.contains("ZZPLAIN"), "\(line)")
        pty.send("alerts\n")
        try pty.waitFor("ZZPLAIN", after: pty.transcript.count)
        pty.send("ack \(id)\n")
        try pty.waitFor(acked + id, after: mark)
        pty.send("quit\n")
        #expect(pty.finish() == 0)
        let text = String(decoding: pty.transcript, as: UTF8.self)
        #expect(Self.controls(pty.transcript).isEmpty, "control bytes \(Self.controls(pty.transcript)) in:\n\(text)")
        let rows = CLITests.jsonLines(try Binary.run(["alerts", "list", "--db", db, "--json"]).stdout)
        #expect(rows.first { $0["id"] as? String == id }?["acked_by_us"] as? Bool == true, "the ack did not reach the store")
    }

    /// A sync failure is one short line on screen; the whole error is in the console's log.
    @Test func aSyncFailureIsAnnouncedShortAndLoggedInFull() throws {
        let dir = TempDir()
        let db = dir.file("desk.db")
        _ = try Binary.run(["init", "--db", db, "--office", "140100", "--name", "太原市应急管理局", "--operator", "t"])
        let pty = try PtyProcess(["console", "--plain", "--db", db, "--remote", dir.file("no/such/dir/central.db"), "--sync-interval", "2"],
                                 env: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": dir.path, "XDG_STATE_HOME": dir.file("state")])
        let seen = try pty.waitFor("SYNC FAILED: ", timeout: 30)
        let line = try #require(seen.split(whereSeparator: \.isNewline).first { $0.contains("SYNC FAILED: ") })
        pty.send("quit\n")
        #expect(pty.finish() == 0)
        #expect(Self.controls(pty.transcript).isEmpty)
        let log = try String(contentsOfFile: dir.file("state/dutydesk/console.log"), encoding: .utf8)
        let logged = try #require(log.split(separator: "\n").first { $0.contains("sync failed: ") }, "\(log)")
        // The screen's reason is the start of the logged one (cut and marked "..." when long).
        let shown = String(line.dropFirst("SYNC FAILED: ".count)).replacingOccurrences(of: "...", with: "")
        #expect(!shown.isEmpty && logged.contains(shown) && logged.count > line.count, "screen: \(line)\nlog: \(logged)")
    }

    @Test func termDumbGetsThePlainModeInsteadOfARefusal() throws {
        let dir = TempDir()
        let db = dir.file("s.db")
        _ = try Binary.run(["init", "--db", db, "--office", "140100", "--name", "太原市应急管理局", "--operator", "t"])
        let r = try Binary.run(["console", "--db", db], env: ["TERM": "dumb", "LANG": "C"], stdin: "help\nsummary\nquit\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("plain text") && r.stdout.contains("ack N|ID") && r.stdout.contains("active alerts"), "\(r.stdout)")
        // LANG=C: ASCII only, the office's Chinese name as question marks, nothing else in its place.
        #expect(r.stdout.allSatisfy { $0.isASCII }, "\(r.stdout)")
        #expect(Self.controls(Array(r.stdout.utf8)).isEmpty)
        let bad = try Binary.run(["console", "--db", db, "--lang", "fr"], env: ["TERM": "dumb"])
        #expect(bad.status == 2 && bad.stderr.contains("unknown language 'fr'"), "\(bad.stderr)")
    }
}
