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
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux", "-S", socket] + args
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TMUX")
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TmuxError(message: "tmux \(args.first ?? "") failed (\(p.terminationStatus))") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Types keys (tmux key names such as `Tab`, `Enter`, `Escape`, `C-c`, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The visible screen as text lines.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// Whether the program in the pane has exited, and how.
    func exitStatus() throws -> Int? {
        let out = try tmux(["display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
        let parts = out.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.first == "1" else { return nil }
        return Int(parts.count > 1 ? parts[1] : "0")
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

    func waitFor(text: String, timeout: Double = 15) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
