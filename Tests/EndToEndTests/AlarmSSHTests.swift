import Foundation
import Testing

/// A level I alert reaching a console over real SSH at 80×24: tmux runs `ssh` to the throwaway sshd `scripts/test`
/// starts, whose key for this test forces `dutydesk console` on a store; what arrives through SSH (tmux
/// `pipe-pane`) holds exactly one bell, or with `--bell flash` the flash sequence and no bell byte. Without that
/// sshd the test fails saying so: it is never skipped.
@Suite(.serialized) struct AlarmSSHTests {
    static let env = ProcessInfo.processInfo.environment

    /// An SSH session into `dutydesk console --db DB --bell MODE`, through a key of its own added to the test sshd's
    /// authorized keys (forced command, a pty and nothing else).
    static func session(_ dir: TempDir, db: String, bell: String, term: String) throws -> Tmux {
        guard let port = env["DUTYDESK_SSH_PORT"], let user = env["DUTYDESK_SSH_USER"], let sshDir = env["DUTYDESK_SSH_DIR"],
              let known = env["DUTYDESK_SSH_KNOWN_HOSTS"] else {
            throw CommandFailure("no test sshd: run scripts/test, or eval \"$(scripts/ssh-test-setup.sh)\" before swift test")
        }
        let key = dir.file("console_ed25519")
        let made = try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dutydesk-console-test", "-f", key])
        try #require(made == 0)
        let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let command = "env LANG=en_US.UTF-8 HOME=\(dir.path) XDG_CONFIG_HOME=\(dir.file("config")) XDG_STATE_HOME=\(dir.file("state")) "
            + "\(Binary.path) console --db \(db) --bell \(bell)"
        let line = "command=\"\(command)\",restrict,pty \(pub)\n"
        let handle = try #require(FileHandle(forWritingAtPath: sshDir + "/authorized_keys"))
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        try handle.close()
        return try Tmux(command: ["ssh", "-tt", "-p", port, "-i", key, "-o", "UserKnownHostsFile=\(known)",
                                  "-o", "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes", "\(user)@127.0.0.1"],
                        width: 80, height: 24, env: ["TERM": term, "LANG": "C.UTF-8", "HOME": dir.path])
    }

    struct CommandFailure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    static func run(_ exe: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    static func received(_ path: String) -> Data { (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data() }

    /// Starts the console over SSH, imports a level I alert and waits for its banner; returns what came through.
    static func alarm(bell: String, term: String) throws -> (Data, String) {
        let dir = TempDir()
        let db = dir.file("desk.db")
        let made = try Binary.run(["init", "--db", db, "--office", "140100", "--name", "Taiyuan EMB", "--operator", "Wang"])
        try #require(made.status == 0, "\(made.stderr)")
        let tmux = try session(dir, db: db, bell: bell, term: term)
        _ = try tmux.waitFor("the console over SSH", timeout: 30) { $0.contains("Taiyuan EMB") }
        let output = dir.file("terminal.out")
        try tmux.tmux(["pipe-pane", "-o", "-t", tmux.name, "cat >> " + Tmux.quote(output)])
        let file = dir.file("real.xml")
        try AlarmTmuxTests.cap("SSH-REAL-1", status: "Actual", headline: "Dam breach downstream").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try Binary.run(["alerts", "import", file, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        let screen = try tmux.waitFor("the alarm banner over SSH") { $0.contains("level I") && $0.contains("Dam breach") }
        usleep(800_000)  // a few ticks: a second bell would be through by now
        return (received(output), screen)
    }

    @Test func aLevelIAlertRingsExactlyOneBellThroughSSH() throws {
        let (bytes, screen) = try Self.alarm(bell: "on", term: "vt100")
        #expect(bytes.filter { $0 == 0x07 }.count == 1, "one bell through SSH\n\(screen)")
    }

    @Test func bellFlashSendsTheFlashSequenceAndNoBellByte() throws {
        // vt100's terminfo here has no flash (curses falls back to the bell, as it should); xterm's is reverse video
        // on, a pause, reverse video off.
        let (bytes, screen) = try Self.alarm(bell: "flash", term: "xterm-256color")
        #expect(bytes.filter { $0 == 0x07 }.isEmpty, "--bell flash rang the bell\n\(screen)")
        #expect(String(decoding: bytes, as: UTF8.self).contains("\u{1b}[?5h"), "no flash sequence arrived")
    }
}
