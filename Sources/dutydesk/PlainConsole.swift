import Console
import Foundation
import Screen
import Store

/// `--plain` (and `TERM=dumb`): the console as lines on stdin and stdout, no escape sequence ever written.
enum PlainConsole {
    static func run(store: Store, simulator: DemoSimulator?, options: ConsoleOptions, log: ConsoleLog) throws {
        let session = try PlainSession(store: store, options: options)
        let keepText = options.unicode
        var promptShown = false
        func say(_ lines: [String]) {
            guard !lines.isEmpty else { return }
            // An announcement while the prompt waits starts on a line of its own.
            var text = promptShown ? "\n" : ""
            for line in lines { text += ASCIIFallback.fold(Sanitizer.clean(line), keepText: keepText) + "\n" }
            writeOut(text)
            promptShown = false
        }
        func prompt() { if !promptShown { writeOut("> "); promptShown = true } }
        say(session.start())
        prompt()
        var pending: [UInt8] = []
        var lastTick = monotonicSeconds(), lastAnnounce = lastTick
        var buffer = [UInt8](repeating: 0, count: 4096)
        loop: while true {
            var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, 250) > 0 {
                let n = read(0, &buffer, buffer.count)
                if n <= 0 { break loop }  // end of input: the operator's terminal or script is gone
                pending += buffer[0..<n]
                while let end = pending.firstIndex(where: { $0 == 10 || $0 == 13 }) {
                    let line = String(decoding: pending[..<end], as: UTF8.self)
                    pending.removeSubrange(...end)
                    promptShown = false
                    let (lines, quit) = session.handle(line: line)
                    say(lines)
                    if quit { break loop }
                    prompt()
                }
            }
            let now = monotonicSeconds()
            if now - lastTick >= 0.25 { lastTick = now; simulator?.step() }
            if now - lastAnnounce >= 1 {
                lastAnnounce = now
                let news = session.tick()
                log.syncError(session.syncStatus?.lastError)
                if !news.isEmpty { say(news); prompt() }
            }
        }
        if promptShown { writeOut("\n") }
    }

    private static func writeOut(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }
}
