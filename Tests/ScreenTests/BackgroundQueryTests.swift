import Testing
@testable import Curses

/// The terminal's background (issue 12, item 1): OSC 11 replies and COLORFGBG read as light or dark.
@Suite struct BackgroundQueryTests {
    @Test func osc11RepliesInEveryDigitCount() throws {
        let white = try #require(TerminalBackground.parseOSC11(Array("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?64;1c".utf8)))
        #expect(white == (255, 255, 255))
        let dark = try #require(TerminalBackground.parseOSC11(Array("\u{1B}]11;rgb:1c1c/2020/2626\u{07}".utf8)))
        #expect(dark == (28, 32, 38))
        let short = try #require(TerminalBackground.parseOSC11(Array("\u{1B}]11;rgb:f/8/0\u{07}".utf8)))
        #expect(short == (255, 136, 0))
        #expect(TerminalBackground.parseOSC11(Array("\u{1B}[?64;1c".utf8)) == nil)
        #expect(TerminalBackground.parseOSC11(Array("\u{1B}]11;rgb:zz/00/00\u{07}".utf8)) == nil)
    }

    @Test func synchronizedOutputOnlyWhenTheTerminalSaysSo() {
        #expect(TerminalBackground.knowsSynchronizedOutput(Array("\u{1B}[?2026;2$y\u{1B}[?62c".utf8)))
        #expect(TerminalBackground.knowsSynchronizedOutput(Array("\u{1B}[?2026;1$y".utf8)))
        #expect(!TerminalBackground.knowsSynchronizedOutput(Array("\u{1B}[?2026;0$y\u{1B}[?1;2c".utf8)))
        #expect(!TerminalBackground.knowsSynchronizedOutput(Array("\u{1B}[?1;2c".utf8)))   // tmux 3.3a: DA1 only
    }

    @Test func lightIsWhereBlackTextReadsBetter() {
        #expect(TerminalBackground.isLight((255, 255, 255)))
        #expect(TerminalBackground.isLight((253, 246, 227)))   // Solarized light
        #expect(!TerminalBackground.isLight((0, 43, 54)))       // Solarized dark
        #expect(!TerminalBackground.isLight((0, 0, 0)))
        #expect(!TerminalBackground.isLight((80, 80, 80)))
    }

    @Test func colorfgbgFallback() {
        #expect(TerminalBackground.lightFromCOLORFGBG("0;15") == true)
        #expect(TerminalBackground.lightFromCOLORFGBG("15;0") == false)
        #expect(TerminalBackground.lightFromCOLORFGBG("0;default;7") == true)
        #expect(TerminalBackground.lightFromCOLORFGBG("default;default") == nil)
        // Not a terminal: no query, COLORFGBG decides, then dark.
        let fromEnv = TerminalBackground.detect(environment: ["TERM": "xterm", "COLORFGBG": "0;15"], inputFD: -1, outputFD: -1)
        #expect(fromEnv.isLight && fromEnv.source == "COLORFGBG=0;15")
        #expect(!TerminalBackground.detect(environment: ["TERM": "xterm"], inputFD: -1, outputFD: -1).isLight)
    }
}
