import Testing
@testable import Screen

@Suite struct SanitizerTests {
    @Test func plainTextIsUnchanged() {
        #expect(Sanitizer.clean("Flood warning 洪水预警 level II") == "Flood warning 洪水预警 level II")
    }

    @Test func titleInjectionAndScreenClearAreRemoved() {
        let hostile = "Alert\u{1b}]0;pwned\u{7} text\u{1b}[2J end"
        let clean = Sanitizer.clean(hostile)
        #expect(clean == "Alert text end")
        #expect(!clean.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func escapeSequencesOfEveryKindAreRemoved() {
        #expect(Sanitizer.clean("a\u{1b}[1;31mred\u{1b}[0m") == "ared")
        #expect(Sanitizer.clean("a\u{1b}[?1049h b") == "a b")
        #expect(Sanitizer.clean("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\") == "alink")   // OSC 8 with ST
        #expect(Sanitizer.clean("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b") == "ab")                       // DCS (sixel)
        #expect(Sanitizer.clean("a\u{1b}_apc\u{1b}\\b\u{1b}^pm\u{1b}\\c\u{1b}Xsos\u{1b}\\d") == "abcd")
        #expect(Sanitizer.clean("a\u{1b}7b\u{1b}8c\u{1b}cd") == "abcd")                          // 2-char ESC
        #expect(Sanitizer.clean("a\u{1b}(Bb") == "ab")                                           // charset
        #expect(Sanitizer.clean("a\u{9b}31mb") == "ab")                                          // 8-bit CSI
        #expect(Sanitizer.clean("a\u{9d}0;x\u{9c}b") == "ab")                                    // 8-bit OSC, ST
        #expect(Sanitizer.clean("a\u{1b}") == "a")
        #expect(Sanitizer.clean("a\u{1b}]0;never ends") == "a")
    }

    @Test func otherControlsBecomeReplacementOrSpace() {
        #expect(Sanitizer.clean("a\tb\nc\r\nd") == "a b c d")
        #expect(Sanitizer.clean("a\u{0}b\u{7}c\u{7f}d\u{85}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(Sanitizer.clean("line\u{2028}next") == "line next")
    }

    @Test func bidiOverridesAndIsolatesAreDropped() {
        // "evil\u{202E}txt.exe" would display as "evilexe.txt".
        #expect(Sanitizer.clean("evil\u{202E}txt.exe") == "eviltxt.exe")
        #expect(Sanitizer.clean("\u{2066}a\u{2067}b\u{2068}c\u{2069}\u{202A}\u{202B}\u{202C}\u{202D}") == "abc")
    }

    @Test func nothingHarmfulSurvivesRandomInput() {
        var rng = SplitMix(seed: 7)
        let pool: [Unicode.Scalar] = ["a", "中", "\u{1b}", "[", "]", "P", "\\", "\u{7}", "\u{9b}", "\u{9c}", "\u{9d}",
                                      "\u{0}", "\n", "\u{7f}", "\u{202E}", "\u{2067}", "m", "0", ";", "\u{301}"]
        for _ in 0..<2000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
            let clean = Sanitizer.clean(String(s))
            #expect(!clean.unicodeScalars.contains { v in
                v.value < 0x20 || (0x7F...0x9F).contains(v.value) || (0x202A...0x202E).contains(v.value) || (0x2066...0x2069).contains(v.value)
            })
        }
    }
}

/// SplitMix64: a seeded generator so property tests are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
