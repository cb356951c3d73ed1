import Foundation

/// Drives a program in a real terminal: a detached tmux session we type into and read back.
final class Tmux {
    let name: String
    let socket: String

    /// Starts `command` in a new tmux server of its own (isolated socket) at the given size.
    init(command: [String], width: Int, height: Int, env: [String: String]) throws {
        name = "dd\(getpid())x\(UInt32.random(in: 0...UInt32.max))"
        socket = NSTemporaryDirectory() + name + ".sock"
        var shell = "exec env"
        for (k, v) in env.sorted(by: { $0.key < $1.key }) { shell += " \(k)=\(Tmux.quote(v))" }
        shell += " " + command.map(Tmux.quote).joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), shell])
        // Keep the pane open after the program exits, so a clean exit can be checked.
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let outPath = NSTemporaryDirectory() + "\(name)-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outPath) }
        let status = try spawnAndWait(["tmux", "-S", socket] + args, stdoutPath: outPath)
        guard status == 0 else { throw TmuxError(message: "tmux \(args.first ?? "") failed (\(status))") }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// Types keys (tmux key names such as `Tab`, `Enter`, `Escape`, `C-c`, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The window's size as tmux sees it, e.g. "80x24".
    func size() throws -> String {
        try tmux(["display-message", "-p", "-t", name, "#{window_width}x#{window_height}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The visible screen as text lines.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// `command` run by a shell that prints its exit status on the restored terminal and stays, so a test reads
    /// the status from the screen (the shell reaps the program itself; tmux's own notice of a dead pane was seen
    /// to lag by more than 30 s on a loaded machine, the program already a zombie).
    static func reportingExit(_ command: [String]) -> [String] {
        ["sh", "-c", "\"$0\" \"$@\"; echo DUTYDESK-EXIT=$?; sleep 600"] + command
    }

    /// Waits for a command started through `reportingExit` to end and returns its exit status.
    func waitForExit(timeout: Double = 30) throws -> Int {
        let screen = try waitFor("the program to exit", timeout: timeout) { $0.contains("DUTYDESK-EXIT=") }
        let line = screen.split(separator: "\n").first { $0.contains("DUTYDESK-EXIT=") } ?? ""
        guard let status = Int(line.split(separator: "=").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "") else {
            throw TmuxError(message: "no exit status in '\(line)'")
        }
        return status
    }

    /// The screen's rows, empty ones included (capture-pane ends every row with a newline).
    static func rows(_ screen: String) -> [String] {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// Polls the screen until `predicate` holds or `timeout` seconds pass; returns the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 15, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            usleep(100_000)
        }
        throw TmuxError(message: "timed out waiting for \(what); screen was:\n\(screen)")
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 15) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Runs a program found on PATH with stdout to a file, stdin and stderr from/to /dev/null, and waits.
/// posix_spawn + waitpid rather than Foundation's Process: tmux forks a server that outlives the client,
/// and Process's termination monitoring was seen to hang on that here.
func spawnAndWait(_ argv: [String], stdoutPath: String) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "TMUX")
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    // The test runner's threads block some signals; a child must not inherit that mask (the tmux server
    // would pass it on, and the console would never see SIGWINCH).
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for sig in [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, sig) }
    posix_spawnattr_setsigdefault(&attr, &defaults)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, cEnv)
    guard rc == 0 else { throw TmuxError(message: "cannot run \(argv[0]): error \(rc)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS by hand (they are macros).
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
}
