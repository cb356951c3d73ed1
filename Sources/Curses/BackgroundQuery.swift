import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the terminal's background is light, and how that was learned.
public struct TerminalBackground: Sendable, Equatable {
    public var isLight: Bool
    /// `osc11 rgb:…`, `COLORFGBG=…`, or `assumed dark`.
    public var source: String
    /// The terminal said (DECRQM) it knows synchronized output, mode 2026: frames can be wrapped in it.
    public var synchronizedOutput = false
    public init(isLight: Bool, source: String, synchronizedOutput: Bool = false) {
        self.isLight = isLight; self.source = source; self.synchronizedOutput = synchronizedOutput
    }

    /// Asks the terminal for its background colour (OSC 11, answered by xterm, VTE, kitty, iTerm2, tmux and most
    /// others) before curses starts, waiting at most `timeoutMilliseconds`; a DA1 query sent after it lets a
    /// terminal that ignores OSC 11 end the wait at once. Falls back to `COLORFGBG`, then to dark.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment,
                              inputFD: Int32 = 0, outputFD: Int32 = 1, timeoutMilliseconds: Int = 150) -> TerminalBackground {
        let term = environment["TERM"] ?? ""
        let reply = term != "dumb" && !term.isEmpty ? query(inputFD: inputFD, outputFD: outputFD, timeout: timeoutMilliseconds) : nil
        let sync = reply.map(knowsSynchronizedOutput) ?? false
        if let reply, let rgb = parseOSC11(reply) {
            return TerminalBackground(isLight: isLight(rgb), source: "osc11 " + String(format: "rgb:%02x/%02x/%02x", rgb.0, rgb.1, rgb.2),
                                      synchronizedOutput: sync)
        }
        if let value = environment["COLORFGBG"], let light = lightFromCOLORFGBG(value) {
            return TerminalBackground(isLight: light, source: "COLORFGBG=" + value, synchronizedOutput: sync)
        }
        return TerminalBackground(isLight: false, source: "assumed dark", synchronizedOutput: sync)
    }

    /// Light when black text would contrast with it more than white text (relative luminance above ~0.18).
    static func isLight(_ c: (UInt8, UInt8, UInt8)) -> Bool {
        func channel(_ v: UInt8) -> Double { let s = Double(v) / 255; return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        let l = 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        return (l + 0.05) / 0.05 > 1.05 / (l + 0.05)
    }

    /// rxvt's `fg;bg` (or `fg;default;bg`): a background of 7 or 9–15 is light, 0–6 and 8 dark.
    static func lightFromCOLORFGBG(_ value: String) -> Bool? {
        guard let last = value.split(separator: ";").last, let bg = Int(last), (0...15).contains(bg) else { return nil }
        return bg == 7 || bg >= 9
    }

    /// The DECRQM answer `ESC [ ? 2026 ; N $ y` with N 1 (set) or 2 (reset): the mode exists.
    static func knowsSynchronizedOutput(_ reply: [UInt8]) -> Bool {
        let text = String(decoding: reply, as: UTF8.self)
        return text.contains("\u{1B}[?2026;1$y") || text.contains("\u{1B}[?2026;2$y")
    }

    /// `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` (1 to 4 hex digits per channel) in a reply, as 8-bit channels.
    static func parseOSC11(_ reply: [UInt8]) -> (UInt8, UInt8, UInt8)? {
        let text = String(decoding: reply, as: UTF8.self)
        guard let r = text.range(of: "]11;rgb:") else { return nil }
        let rest = text[r.upperBound...].prefix { $0.isHexDigit || $0 == "/" }
        let parts = rest.split(separator: "/")
        guard parts.count == 3 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard (1...4).contains(p.count), let v = UInt32(p, radix: 16) else { return nil }
            let max = (UInt32(1) << (4 * p.count)) - 1
            out.append(UInt8((v * 255 + max / 2) / max))
        }
        return (out[0], out[1], out[2])
    }

    /// Writes the queries with the terminal in non-canonical, no-echo mode and reads the replies until the DA1
    /// answer ends them or time runs out. Nil when input or output is not a terminal.
    static func query(inputFD: Int32, outputFD: Int32, timeout: Int) -> [UInt8]? {
        guard isatty(inputFD) != 0, isatty(outputFD) != 0 else { return nil }
        var saved = termios()
        guard tcgetattr(inputFD, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(inputFD, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(inputFD, TCSANOW, &saved) }
        let ask = Array("\u{1B}]11;?\u{1B}\\\u{1B}[?2026$p\u{1B}[c".utf8)
        guard ask.withUnsafeBytes({ write(outputFD, $0.baseAddress, $0.count) }) == ask.count else { return nil }
        var reply: [UInt8] = []
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout) * 1_000_000
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { break }
            var fds = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
            let left = Int32((deadline - now) / 1_000_000) + 1
            guard poll(&fds, 1, left) > 0 else { break }
            let n = buffer.withUnsafeMutableBytes { read(inputFD, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            reply += buffer[0..<n]
            // The DA1 answer is ESC [ ? … c: it comes after any OSC 11 answer, so it ends the wait.
            if let esc = reply.lastIndex(of: 0x1B), reply.count > esc + 2, reply[esc + 1] == 0x5B, reply[esc + 2] == 0x3F,
               reply.last == 0x63 {
                break
            }
        }
        // No DA1 answer in time: a slow terminal may still answer; what comes in the next moment is its answer,
        // not keys, and is dropped with anything else already queued.
        if !(reply.last == 0x63 && reply.contains(0x1B)) {
            var fds = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, 50) > 0 { _ = buffer.withUnsafeMutableBytes { read(inputFD, $0.baseAddress, $0.count) } }
            tcflush(inputFD, TCIFLUSH)
        }
        return reply
    }
}
