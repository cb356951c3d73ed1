import Foundation
import Testing
import TestSupport

/// `alerts poll` against a real HTTP server on loopback (python3's http.server), never a mock: a new document is
/// imported, an unchanged one costs a 304 with no body, a missing one is reported and the exit status says so.
@Suite struct AlertPollCLITests {
    /// Starts `python3 -m http.server` on a free loopback port serving `root`; returns the process and the port.
    static func server(root: String) throws -> (Process, Int) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The port is printed by the script itself, flushed, before it serves: no guessing, no banner parsing.
        let script = """
            import functools, http.server, sys
            h = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), h)
            print("port %d)" % s.server_address[1], flush=True)
            s.serve_forever()
            """
        p.arguments = ["python3", "-c", script, root]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var text = ""
        let handle = out.fileHandleForReading
        while !text.contains("port ") || !text.contains(")") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: "port "),
              let port = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
            kill(p.processIdentifier, SIGKILL)
            throw TestFailure("python3 http.server did not start (python3 is needed for this test): \(text)")
        }
        return (p, port)
    }

    struct TestFailure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    @Test func aFeedIsImportedThenCostsA304AndAMissingFeedIsReported() throws {
        let dir = TemporaryDirectory()
        let root = dir.file("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent("cn-national-rainstorm-gb18030.xml").path,
                                         toPath: (root as NSString).appendingPathComponent("feed.xml"))
        let (server, port) = try Self.server(root: root)
        // SIGKILL: the test runner blocks signals and the child inherits the mask, so SIGTERM would never arrive.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "值班员"]).status == 0)
        let feed = "http://127.0.0.1:\(port)/feed.xml"
        let r = try Binary.run(["alerts", "poll", feed, "--count", "2", "--interval", "1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("imported alert 1401224160000020260712083000001") }, "\(r.stdout)")
        #expect(lines.last == "\(feed): unchanged (304, 0 body bytes)", "\(r.stdout)")
        let missing = try Binary.run(["alerts", "poll", "http://127.0.0.1:\(port)/gone.xml", "--count", "1", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("HTTP 404"), "\(missing.stderr)")
    }
}
