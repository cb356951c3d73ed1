import Foundation
import Testing
@testable import Curses
@testable import Screen
import CNcursesw

/// The real ncurses backend, run headless against files instead of a tty. Serialised:
/// curses and the locale are process-wide.
@Suite(.serialized) struct TerminalTests {
    func headless(term: String, extra: [String: String] = [:], input: String = "/dev/null",
                  output: String = "/dev/null") throws -> Terminal {
        var environment = extra
        environment["TERM"] = term
        // A locale that asks for UTF-8 (LANG=C would draw ASCII).
        if environment["LANG"] == nil { environment["LANG"] = "C.UTF-8" }
        return try Terminal(environment: environment, inputPath: input, outputPath: output, installSignalHandlers: false)
    }

    func temporaryFile(_ contents: String = "") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("screen-tests-\(UUID().uuidString)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func xterm256StartsHeadlessWithColourAndUnicode() throws {
        let terminal = try headless(term: "xterm-256color")
        defer { terminal.restore() }
        #expect(terminal.colorDepth == .indexed256)
        #expect(terminal.unicode)
        #expect(terminal.size.width == 80 && terminal.size.height == 24)
        terminal.restore()
        terminal.restore()   // idempotent
    }

    @Test func colourDepthFollowsTheTerminalAndNoColor() throws {
        let cases: [(String, [String: String], ColorDepth)] = [
            ("xterm-256color", ["NO_COLOR": "1"], .none),
            ("xterm-256color", ["NO_COLOR": ""], .indexed256),
            ("xterm-256color", ["COLORTERM": "truecolor"], .truecolor),
            ("xterm", [:], .eight),
            ("linux", [:], .eight),
            ("vt100", [:], .none),
        ]
        for (term, extra, depth) in cases {
            let terminal = try headless(term: term, extra: extra)
            #expect(terminal.colorDepth == depth, "\(term) \(extra)")
            terminal.restore()
        }
    }

    @Test func unknownTerminalTypeThrowsAClearError() {
        #expect {
            _ = try headless(term: "no-such-terminal-42")
        } throws: { error in
            let e = error as? TerminalError
            return e?.isUnknownTerminal == true && "\(e!)".contains("unknown terminal type 'no-such-terminal-42'")
        }
    }

    @Test func dumbTerminalIsRefusedBecauseItCannotAddressTheCursor() {
        #expect {
            _ = try headless(term: "dumb")
        } throws: { error in
            let e = error as? TerminalError
            return e?.isIncapableTerminal == true
                && "\(e!)" == "terminal 'dumb' cannot address the cursor; set TERM to e.g. xterm-256color"
        }
    }

    @Test func missingTermThrows() {
        #expect(throws: TerminalError.self) {
            _ = try Terminal(environment: [:], inputPath: "/dev/null", outputPath: "/dev/null", installSignalHandlers: false)
        }
    }

    @Test func synchronizedOutputWrapsEachFrameAndIdleWritesNothing() throws {
        let out = try temporaryFile()
        defer { try? FileManager.default.removeItem(at: out) }
        let terminal = try headless(term: "xterm-256color", output: out.path)
        defer { terminal.restore() }
        terminal.synchronizedOutput = true
        var frame = ScreenBuffer(width: 80, height: 24)
        frame.put("frame one", x: 1, y: 1, style: .plain)
        terminal.present(frame)
        terminal.present(frame)
        frame.put("frame two", x: 1, y: 2, style: .plain)
        terminal.present(frame)
        let written = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        #expect(written.components(separatedBy: "\u{1B}[?2026h").count - 1 == 2, "one begin per changed frame")
        #expect(written.components(separatedBy: "\u{1B}[?2026l").count - 1 == 2)
        let begin = try #require(written.range(of: "\u{1B}[?2026h")), text = try #require(written.range(of: "frame one"))
        let end = try #require(written.range(of: "\u{1B}[?2026l"))
        #expect(begin.upperBound <= text.lowerBound && text.upperBound <= end.lowerBound, "the frame sits inside its begin and end")
    }

    @Test func anUnchangedFrameWritesNothing() throws {
        let out = try temporaryFile()
        defer { try? FileManager.default.removeItem(at: out) }
        let terminal = try headless(term: "xterm-256color", output: out.path)
        defer { terminal.restore() }
        var frame = ScreenBuffer(width: 80, height: 24)
        frame.drawBox(Rect(x: 0, y: 0, width: 30, height: 5), title: "警报 Alerts", style: Style(fg: .ansi(3)), unicode: true)
        frame.put("太原 \u{1b}]0;pwned\u{7}flood\u{1b}[2J", x: 2, y: 2, style: Style(fg: .rgb(255, 0, 0), attrs: .bold))
        terminal.present(frame)
        let firstBytes = try Data(contentsOf: out).count
        let firstCells = terminal.cellsWritten
        #expect(firstBytes > 0)
        #expect(firstCells == 80 * 24 - 4)   // every cell but the right halves of 警, 报, 太 and 原

        terminal.present(frame)
        #expect(try Data(contentsOf: out).count == firstBytes)
        #expect(terminal.cellsWritten == firstCells)

        var next = frame
        next.put("X", x: 40, y: 10, style: .plain)
        terminal.present(next)
        #expect(terminal.cellsWritten == firstCells + 1)
        #expect(try Data(contentsOf: out).count > firstBytes)

        let written = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        #expect(written.contains("警报 Alerts"))
        #expect(written.contains("太原 flood"))     // nothing of the injected sequences between them
        #expect(!written.contains("pwned"))
        #expect(written.contains("┌"))
    }

    /// What the old manual tty demo showed by eye, checked: a busy frame (true colour, 256 colours, CJK, emoji, a
    /// combining mark, a hostile title sequence) reaches the terminal sanitised, in colour and in monochrome.
    @Test(arguments: ["xterm-256color", "vt100"])
    func aBusyFrameReachesTheTerminalSanitised(term: String) throws {
        let out = try temporaryFile()
        defer { try? FileManager.default.removeItem(at: out) }
        let terminal = try headless(term: term, output: out.path)
        defer { terminal.restore() }
        var b = ScreenBuffer(width: 80, height: 24)
        let (top, body) = b.bounds.splitTop(1)
        b.fill(top, style: Style(fg: .ansi(15), bg: .indexed(24)))
        b.put("DutyDesk 值班台", x: 1, y: 0, style: Style(fg: .ansi(15), bg: .indexed(24), attrs: .bold))
        let panes = body.split(.horizontal, [.percentage(50), .fill(1)])
        b.drawBox(panes[0], title: "警报 Alerts", style: Style(fg: .ansi(3)), unicode: terminal.unicode)
        b.drawBox(panes[1], title: "单位 Units", style: Style(fg: .ansi(6)), unicode: terminal.unicode)
        let inner = panes[0].inset(by: 1)
        b.put("I  红色 Red: 汾河 flood", x: inner.x, y: inner.y, maxWidth: inner.width, style: Style(fg: .rgb(255, 0, 0), attrs: .bold))
        b.put("IV 蓝色 Blue: 大风 wind 🚒", x: inner.x, y: inner.y + 1, maxWidth: inner.width, style: Style(fg: .ansi(12)))
        b.put("evil\u{1b}]0;pwned\u{7}title\u{1b}[2J end", x: inner.x, y: inner.y + 2, maxWidth: inner.width, style: Style(attrs: .underline))
        terminal.present(b)
        terminal.restore()
        let written = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        for text in ["值班台", "警报 Alerts", "单位 Units", "汾河 flood", "大风 wind 🚒", "eviltitle end"] {
            #expect(written.contains(text), "\(term): '\(text)' not written")
        }
        #expect(!written.contains("pwned") && !written.contains("\u{1b}]0;"), "\(term): the title sequence got through")
        #expect(!written.contains("\u{1b}[2J end"), "\(term): the clear-screen sequence got through")
    }

    @Test func stylesBecomeLazilyAllocatedPairsAndNoColorUsesAttributesOnly() throws {
        let terminal = try headless(term: "xterm-256color")
        let red = Style(fg: .rgb(255, 0, 0))
        let (attrs, pair) = terminal.cursesStyle(Style(fg: .rgb(255, 0, 0), attrs: [.bold, .underline]))
        #expect(attrs == cncursesw_wa_bold() | cncursesw_wa_underline())
        #expect(pair == 1)
        #expect(terminal.cursesStyle(red).1 == 1)                       // same colours, same pair
        #expect(terminal.cursesStyle(Style(bg: .ansi(4))).1 == 2)
        #expect(terminal.cursesStyle(.plain).1 == 3)                    // default colours: a pair of their own
        #expect(terminal.colorNumber(.rgb(255, 0, 0), foreground: true) == 196)
        #expect(terminal.colorNumber(.default, foreground: true) == -1)
        #expect(terminal.pairs.count == 3)
        terminal.restore()

        let mono = try headless(term: "xterm-256color", extra: ["NO_COLOR": "1"])
        let (monoAttrs, monoPair) = mono.cursesStyle(Style(fg: .ansi(1), bg: .ansi(4), attrs: .reverse))
        #expect(monoAttrs == cncursesw_wa_reverse() && monoPair == 0)
        #expect(mono.pairs.count == 0)
        mono.restore()

        let eight = try headless(term: "xterm")
        #expect(eight.colorNumber(.rgb(255, 0, 0), foreground: true) == 1)
        #expect(eight.colorNumber(.ansi(12), foreground: false) == 4)
        eight.restore()
    }

    @Test func plainTextAfterColourCostsOneColourChangeAndLongBlanksAreSkipped() throws {
        let out = try temporaryFile()
        defer { try? FileManager.default.removeItem(at: out) }
        let terminal = try headless(term: "xterm-256color", output: out.path)
        defer { terminal.restore() }
        var frame = ScreenBuffer(width: 80, height: 24)
        frame.put("red", x: 0, y: 0, style: Style(fg: .ansi(1)))
        frame.put(" plain  text", x: 3, y: 0, style: .plain)
        frame.put("far", x: 60, y: 0, style: .plain)
        terminal.present(frame)
        let written = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        // Back to the default colours with ESC[39m alone: no sgr0 (ESC(B ESC[m) on top of it.
        #expect(written.contains("red\u{1b}[39m plain  text"))
        // The 45 blanks before "far" match the cleared screen, so the cursor jumps over them.
        #expect(!written.contains(String(repeating: " ", count: 10)))
        #expect(written.contains("far"))
    }

    @Test func onlyLongRunsOfBlanksAreDrawnLikeAClearedScreen() {
        func row(_ text: String, _ style: Style = .plain) -> ArraySlice<Cell> { ArraySlice(text.map { Cell($0, style: style) }) }
        let mask = BlankRuns.cleared(row("a     b      c"), colour: true)
        #expect(mask == Array(repeating: false, count: 7) + Array(repeating: true, count: 6) + [false])
        // A blank with a background or underline shows, so it is never treated as cleared.
        #expect(BlankRuns.cleared(row("        ", Style(bg: .ansi(4))), colour: true).allSatisfy { !$0 })
        #expect(BlankRuns.cleared(row("        ", Style(bg: .ansi(4))), colour: false).allSatisfy { $0 })
        #expect(BlankRuns.cleared(row("        ", Style(attrs: .underline)), colour: false).allSatisfy { !$0 })
        #expect(BlankRuns.cleared(row("        ", Style(fg: .ansi(2), attrs: .bold)), colour: true).allSatisfy { $0 })
    }

    @Test func endOfInputStopsReadingInsteadOfSpinning() throws {
        let terminal = try headless(term: "xterm-256color")
        defer { terminal.restore() }
        var calls = 0
        while !terminal.inputClosed && calls < 10 {
            #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
            calls += 1
        }
        #expect(terminal.inputClosed)
        #expect(terminal.readKey(timeoutMilliseconds: -1) == nil)   // returns at once, never blocks
    }

    @Test func keysAreDecodedFromTerminalInput() throws {
        // xterm-256color's cursor keys are in application mode (ESC O A); F1 is ESC O P, Delete ESC [3~.
        let input = try temporaryFile("a中\u{1b}OA\r\t\u{7f}\u{3}\u{1b}OP\u{1b}[3~\u{1b}[Z")
        defer { try? FileManager.default.removeItem(at: input) }
        let terminal = try headless(term: "xterm-256color", input: input.path)
        defer { terminal.restore() }
        var keys: [KeyEvent] = []
        while !terminal.inputClosed && keys.count < 20 {
            if let key = terminal.readKey(timeoutMilliseconds: 100) { keys.append(key) }
        }
        #expect(keys == [.char("a"), .char("中"), .up, .enter, .tab, .backspace, .ctrl("c"), .function(1), .delete, .backTab])
    }

    @Test func lateTerminalRepliesAreNeverKeys() throws {
        // A DA1 report, a late OSC 11 colour, a DECRQM report and a cursor position, between real keys; then Alt-x
        // (Esc x), which stays Esc and x.
        let input = try temporaryFile("a\u{1b}[?62;22cb\u{1b}]11;rgb:ffff/ffff/ffff\u{7}c\u{1b}[?2026;2$yd\u{1b}[12;40Re\u{1b}x")
        defer { try? FileManager.default.removeItem(at: input) }
        let terminal = try headless(term: "xterm-256color", input: input.path)
        defer { terminal.restore() }
        var keys: [KeyEvent] = []
        while !terminal.inputClosed && keys.count < 20 {
            if let key = terminal.readKey(timeoutMilliseconds: 100) { keys.append(key) }
        }
        #expect(keys == [.char("a"), .char("b"), .char("c"), .char("d"), .char("e"), .escape, .char("x")])
    }

    @Test func keyCodesAndMouseReportsDecode() {
        #expect(KeyDecoder.keyCode(KEY_HOME) == .home && KeyDecoder.keyCode(KEY_FIND) == .home)
        #expect(KeyDecoder.keyCode(KEY_END) == .end && KeyDecoder.keyCode(KEY_SELECT) == .end)
        #expect(KeyDecoder.keyCode(KEY_PPAGE) == .pageUp && KeyDecoder.keyCode(KEY_NPAGE) == .pageDown)
        #expect(KeyDecoder.keyCode(KEY_IC) == .insert && KeyDecoder.keyCode(KEY_DC) == .delete)
        #expect(KeyDecoder.keyCode(cncursesw_key_f(12)) == .function(12))
        #expect(KeyDecoder.keyCode(KEY_BACKSPACE) == .backspace && KeyDecoder.keyCode(KEY_ENTER) == .enter)
        #expect(KeyDecoder.character(8) == .backspace && KeyDecoder.character(10) == .enter)
        #expect(KeyDecoder.character(27) == .escape && KeyDecoder.character(1) == .ctrl("a"))
        #expect(KeyDecoder.character(0x9B) == nil)
        #expect(KeyDecoder.mouse(state: cncursesw_button1_pressed(), x: 3, y: 4) == .mouse(MouseEvent(kind: .press, x: 3, y: 4)))
        #expect(KeyDecoder.mouse(state: cncursesw_button4_pressed(), x: 0, y: 0) == .mouse(MouseEvent(kind: .wheelUp, x: 0, y: 0)))
        #expect(KeyDecoder.mouse(state: cncursesw_button5_pressed(), x: 0, y: 0) == .mouse(MouseEvent(kind: .wheelDown, x: 0, y: 0)))
    }

    @Test func displayWidthAgreesWithTheCLibraryThatNcursesUses() throws {
        // ncurses places characters by wcwidth; if Screen disagreed, columns would drift.
        let terminal = try headless(term: "xterm-256color")   // sets a UTF-8 locale
        terminal.restore()
        let samples: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x36F, 0x600...0x6FF, 0x1100...0x11FF, 0x2000...0x2BFF, 0x2E80...0x4FFF,
            0xAC00...0xAD00, 0xFE00...0xFFEF, 0x1F300...0x1F6FF, 0x1F900...0x1F9FF,
        ]
        var mismatches: [String] = []
        for range in samples {
            for value in range {
                guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
                let c = Int(wcwidth(wchar_t(value)))
                if c >= 0 && c != DisplayWidth.of(scalar) { mismatches.append(String(value, radix: 16) + ":\(c)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(40))")
    }
}
