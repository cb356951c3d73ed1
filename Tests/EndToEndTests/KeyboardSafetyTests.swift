import Foundation
import Testing

/// The keyboard as an attack surface: a paste is text, never keys; flow control and signals neither freeze
/// nor wreck the console, and a signalled console exits the way a shell expects.
@Suite(.serialized) struct KeyboardSafetyTests {
    static let env = ["TERM": "xterm-256color", "LANG": "en_US.UTF-8"]

    static func events(_ db: String) throws -> Int {
        let stats = CLITests.jsonLines(try Binary.run(["stats", "--db", db, "--json"]).stdout)
        return try #require(stats.first?["events"] as? Int, "stats --json has no event count")
    }

    static func ackedByUs(_ db: String, _ id: String) throws -> Bool {
        let rows = CLITests.jsonLines(try Binary.run(["alerts", "list", "--db", db, "--json"]).stdout)
        let row = try #require(rows.first { $0["id"] as? String == id }, "alert \(id) not listed")
        return try #require(row["acked_by_us"] as? Bool)
    }

    static func console(_ db: String, _ dir: TempDir, term: String = "xterm-256color") throws -> Tmux {
        var env = env
        env["TERM"] = term
        env["HOME"] = dir.path
        env["XDG_CONFIG_HOME"] = dir.file("config")
        // Like an interactive shell, the wrapper ignores SIGQUIT, so Ctrl-\\ reaches only the console (whose own
        // handler replaces the inherited "ignore").
        return try Tmux(command: ["sh", "-c", "trap '' QUIT; \"$0\" \"$@\"; echo DUTYDESK-EXIT=$?; sleep 120", Binary.path, "console", "--db", db],
                        width: 120, height: 40, env: env)
    }

    /// vt100 too: an officer's emulator over SSH pastes the same way whatever `TERM` names.
    @Test(arguments: ["xterm-256color", "vt100"])
    func aPasteWithLineBreaksStaysTextInThePromptAndIsIgnoredElsewhere(_ term: String) throws {
        let dir = TempDir()
        let (db, alertID) = try ConsoleTmuxTests.prepareStore(dir)
        let before = try Self.events(db)
        let tmux = try Self.console(db, dir, term: term)
        try tmux.waitFor(text: "ZZTEST")

        // Into the alerts filter: "ZZTEST⏎a" must not close the prompt and acknowledge the alert.
        try tmux.send("1")
        try tmux.send("/")
        try tmux.waitFor(text: "filter:")
        try tmux.paste("ZZTEST\na\n")
        try tmux.waitFor(text: "filter: ZZTEST a")
        // Into the stock filter: "Bottled water⏎i100⏎" must not issue anything.
        try tmux.send("Escape")
        try tmux.send("3")
        try tmux.send("/")
        try tmux.paste("Bottled water\ni100\n")
        try tmux.waitFor(text: "filter: Bottled water i100")
        try tmux.send("Escape")
        try tmux.waitFor("the stock filter to close") { !$0.contains("filter:") }
        // With no prompt open, a paste is not a string of commands either.
        try tmux.send("1")
        try tmux.paste("a\naiq")
        usleep(500_000)
        #expect(!(try tmux.capture()).contains("DUTYDESK-EXIT"), "a pasted 'q' quit the console")
        try tmux.send("q")
        try tmux.waitFor(text: "DUTYDESK-EXIT=0")

        #expect(try Self.events(db) == before, "a paste wrote events")
        #expect(try Self.ackedByUs(db, alertID) == false, "a paste acknowledged \(alertID)")
    }

    @Test func aPasteIntoThePaletteOrAFormNeverSubmitsIt() throws {
        let dir = TempDir()
        let (db, _) = try ConsoleTmuxTests.prepareStore(dir)
        let before = try Self.events(db)
        let tmux = try Self.console(db, dir)
        try tmux.waitFor(text: "ZZTEST")
        // The palette: a pasted "quit⏎" is the text "quit ", not the command.
        try tmux.send(":")
        try tmux.paste("quit\n")
        try tmux.waitFor(text: ":quit ")
        try tmux.send("Escape")
        try tmux.waitFor("the palette to close") { !$0.contains(":quit ") }
        // The stock issue form: "7⏎⏎⏎" fills the field and submits nothing.
        try tmux.send("3")
        try tmux.send("i")
        try tmux.waitFor(text: "Reason")
        try tmux.paste("7\n\n\n")
        usleep(500_000)
        let screen = try tmux.capture()
        #expect(screen.contains("Reason"), "the form closed on a pasted line break:\n\(screen)")
        #expect(!screen.contains("DUTYDESK-EXIT"), "the console quit")
        #expect(try Self.events(db) == before, "a paste submitted the form")
    }

    @Test func ctrlSDoesNotFreezeTheConsole() throws {
        let dir = TempDir()
        let (db, _) = try ConsoleTmuxTests.prepareStore(dir)
        let tmux = try Self.console(db, dir)
        try tmux.waitFor(text: "ZZTEST")
        try tmux.send("C-s")
        try tmux.send("1")
        try tmux.send("/")
        // With XON/XOFF on, the terminal would stop our output here until Ctrl-Q.
        try tmux.waitFor(text: "filter:")
        try tmux.send("Escape")
        try tmux.send("q")
        try tmux.waitFor(text: "DUTYDESK-EXIT=0")
    }

    /// SEGV stands for a crash: the crash handler puts the terminal back, then dies of the signal as it would have.
    @Test(arguments: [("C-\\", 131), ("TERM", 143), ("HUP", 129), ("SEGV", 139)])
    func aSignalRestoresTheTerminalAndExitsWith128PlusIt(_ signal: String, _ status: Int) throws {
        let dir = TempDir()
        let (db, _) = try ConsoleTmuxTests.prepareStore(dir)
        let tmux = try Self.console(db, dir)
        try tmux.waitFor(text: "ZZTEST")
        if signal.hasPrefix("C-") {
            try tmux.send(signal)
        } else {
            let pane = try tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{pane_pid}"])
            let shell = try #require(Int32(pane.trimmingCharacters(in: .whitespacesAndNewlines)))
            // The console is the shell's child; signal it, not the shell.
            let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            let console = try #require(children.split(separator: " ").compactMap { Int32($0) }.first, "no console process")
            let number = ["TERM": SIGTERM, "HUP": SIGHUP, "SEGV": SIGSEGV][signal]!
            #expect(kill(console, number) == 0)
        }
        let screen = try tmux.waitFor(text: "DUTYDESK-EXIT=")
        #expect(screen.contains("DUTYDESK-EXIT=\(status)"), "\(screen)")
        // Back on the normal screen: the console's header is gone with the alternate screen.
        #expect(!screen.contains("ZZTEST"), "the console's last frame was left on the terminal:\n\(screen)")
    }
}

extension Tmux {
    /// Pastes `text` as a terminal does: bracketed, when the program asked for bracketed paste.
    func paste(_ text: String) throws {
        let file = NSTemporaryDirectory() + name + ".paste"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        try tmux(["load-buffer", "-b", "dd", file])
        try tmux(["paste-buffer", "-p", "-d", "-b", "dd", "-t", name])
    }
}
