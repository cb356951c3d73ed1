import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Terminal budgets (issue 12): first paint ≤ 8 KB at 120×40; a storm of 30 resizes in 3 s ends in one frame, counted
/// in bytes after the last resize; the frame after it is the frame a full repaint draws; a 10 KB paste is timed
/// (printed, not asserted: no wall-clock assertions).
@Suite(.serialized) struct PaintBudgetTests {
    /// The console on the slave side of a pty of a given size; output is read with arrival times.
    final class Pty {
        let process = Process()
        let master: Int32
        var output: [(time: Double, bytes: [UInt8])] = []

        init(_ args: [String], env: [String: String], width: Int, height: Int) throws {
            var m: Int32 = 0, s: Int32 = 0
            var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
            guard openpty(&m, &s, nil, nil, &size) == 0 else { throw CocoaError(.fileNoSuchFile) }
            master = m
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = args
            var environment = ProcessInfo.processInfo.environment
            environment["LINES"] = nil; environment["COLUMNS"] = nil
            for (k, v) in env { environment[k] = v }
            process.environment = environment
            let slave = FileHandle(fileDescriptor: s, closeOnDealloc: true)
            process.standardInput = slave; process.standardOutput = slave; process.standardError = slave
            try process.run()
        }

        static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

        /// Reads until nothing has come for `quiet` seconds (or `limit` passed).
        func drain(quiet: Double, limit: Double = 30) {
            let end = Self.now() + limit
            var last = Self.now()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while Self.now() < end, Self.now() - last < quiet {
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&fds, 1, 20) > 0 else { continue }
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { return }
                last = Self.now()
                output.append((last, Array(buffer[0..<n])))
            }
        }

        func resize(_ width: Int, _ height: Int) {
            var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(master, UInt(TIOCSWINSZ), &size)
            kill(process.processIdentifier, SIGWINCH)
        }

        func send(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, min($0.count, 4096)) }
                if n <= 0 { return }
                offset += n
                drain(quiet: 0, limit: 0.001)  // keep the pty from filling while the console answers
            }
        }

        func bytes(after t: Double) -> [UInt8] { output.filter { $0.time > t }.flatMap(\.bytes) }

        func stop() -> Int32 {
            let end = Self.now() + 10
            while process.isRunning && Self.now() < end { drain(quiet: 0.1, limit: 0.2) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            close(master)
            return process.terminationStatus
        }
    }

    static func count(_ needle: String, in bytes: [UInt8]) -> Int {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: needle).count - 1
    }

    @Test func firstPaintResizeStormAndPaste() throws {
        let dir = TempDir()
        let (db, _) = try ConsoleTmuxTests.prepareStore(dir)
        let pty = try Pty(["console", "--db", db], env: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": dir.path,
                                                        "XDG_CONFIG_HOME": dir.file("config"), "XDG_STATE_HOME": dir.file("state")],
                          width: 120, height: 40)
        pty.drain(quiet: 1.5)
        let first = pty.output.flatMap(\.bytes)
        print("PaintBudget: first paint at 120x40: \(first.count) bytes (budget 8192)")
        #expect(first.count > 1000 && first.count <= 8192, "first paint \(first.count) bytes")

        // 30 resizes in 3 s, ending at 120x40.
        let sizes = [(80, 24), (200, 60), (100, 30), (160, 48), (120, 40)]
        var last = 0.0, widestGap = 0.0
        for i in 0..<30 {
            let (w, h) = sizes[i % sizes.count]
            let t = Pty.now()
            if last > 0 { widestGap = max(widestGap, t - last) }
            pty.resize(w, h)
            last = t
            pty.drain(quiet: 0.1, limit: 0.1)
        }
        pty.drain(quiet: 1.5)
        let after = pty.bytes(after: last)
        let frames = Self.count("\u{1B}[2J", in: after)
        print("PaintBudget: resize storm: \(after.count) bytes and \(frames) full frame(s) after the last resize; widest gap \(Int(widestGap * 1000)) ms")
        #expect(frames >= 1, "no frame after the last resize")
        #expect(after.count <= 8192, "\(after.count) bytes after the last resize")
        // Resizes closer together than the console's 150 ms settling time coalesce: one frame, never a stale one.
        if widestGap < 0.14 { #expect(frames == 1, "\(frames) frames after the last resize") }

        // A 10 KB paste into the filter prompt: one event, one frame.
        pty.send(Array("/".utf8)); pty.drain(quiet: 0.5)
        let text = String(repeating: "Bottled water 饮用水 \r\n i100 \r\n", count: 400).utf8.prefix(10_240)
        let start = Pty.now()
        pty.send(Array("\u{1B}[200~".utf8) + Array(text) + Array("\u{1B}[201~".utf8))
        let sent = Pty.now()
        pty.drain(quiet: 0.5)
        let answer = pty.output.filter { $0.time > start }
        let answered = (answer.last?.time ?? sent) - sent
        print("PaintBudget: 10 KB paste: written in \(Int((sent - start) * 1000)) ms; last byte of the answering frame "
              + "\(Int(answered * 1000)) ms after the last byte in; \(answer.reduce(0) { $0 + $1.bytes.count }) bytes out")
        #expect(!answer.isEmpty, "the console did not answer the paste")
        pty.send([0x1B]); pty.drain(quiet: 0.3)
        pty.send(Array("q".utf8))
        #expect(pty.stop() == 0)
    }

    /// Opening the duty log over a full shift at 120×40 writes at most 4 KB (issue 10): the overlay is a box along
    /// the bottom, as tall as its lines up to 14.
    @Test(arguments: ["zh_CN.UTF-8", "en_US.UTF-8"])
    func openingTheLogOverlayIsASmallWrite(lang: String) throws {
        let dir = TempDir()
        let (db, _) = try ConsoleTmuxTests.prepareStore(dir)
        #expect(try Binary.run(["shift", "start", "--officer", "王明", "--leader", "李强", "--db", db]).status == 0)
        for i in 1...30 {
            _ = try Binary.run(["note", "第 \(i) 次巡查：各站点正常，无新情况 patrol \(i), all quiet", "--db", db])
        }
        let pty = try Pty(["console", "--db", db], env: ["TERM": "xterm-256color", "LANG": lang, "HOME": dir.path,
                                                        "XDG_CONFIG_HOME": dir.file("config"), "XDG_STATE_HOME": dir.file("state")],
                          width: 120, height: 40)
        pty.drain(quiet: 1.5)
        let sent = Pty.now()
        pty.send(Array("L".utf8))
        pty.drain(quiet: 0.8)
        let written = pty.bytes(after: sent)
        print("PaintBudget: opening the log overlay at 120x40 (\(lang)): \(written.count) bytes (budget 4096)")
        #expect(String(decoding: written, as: UTF8.self).contains("patrol 30"), "the log did not show the shift's last note")
        #expect(written.count > 0 && written.count <= 4096, "\(written.count) bytes")
        pty.send([0x1B]); pty.drain(quiet: 0.3)
        pty.send(Array("q".utf8))
        #expect(pty.stop() == 0)
    }

    /// Through tmux: after 30 resizes the screen is what a full repaint (Ctrl-L) draws at the final size.
    @Test func theFrameAfterAResizeStormIsCorrect() throws {
        let dir = TempDir()
        let (db, _) = try ConsoleTmuxTests.prepareStore(dir)
        // No duty-step countdowns: the alert just imported would tick each second between the two captures.
        try FileManager.default.createDirectory(atPath: dir.file("config/dutydesk"), withIntermediateDirectories: true)
        try "report = off\npassOn = off\nrelief = off\n".write(toFile: dir.file("config/dutydesk/deadlines"), atomically: true, encoding: .utf8)
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", db]), width: 120, height: 40,
                            env: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": dir.path, "XDG_CONFIG_HOME": dir.file("config")])
        try tmux.waitFor(text: "ZZTEST")
        let sizes = [(80, 24), (200, 60), (100, 30), (160, 48), (90, 28)]
        for i in 0..<30 {
            try tmux.resize(width: sizes[i % sizes.count].0, height: sizes[i % sizes.count].1)
            usleep(100_000)
        }
        #expect(try tmux.size() == "90x28")
        usleep(1_500_000)
        let afterStorm = try tmux.capture()
        try tmux.send("C-l")
        usleep(800_000)
        let repainted = try tmux.capture()
        // The header's clock may tick between the two captures; everything below it must match.
        let body = { (s: String) in s.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n") }
        #expect(body(afterStorm) == body(repainted), "after the storm:\n\(afterStorm)\nrepainted:\n\(repainted)")
        #expect(afterStorm.split(separator: "\n").first?.contains("I:") == true, "\(afterStorm)")
        #expect(afterStorm.contains("ZZTEST"))
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
