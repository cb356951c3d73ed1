import Foundation
@testable import Model
import Testing

/// The CAP parser's own trimming (by Unicode scalars, for speed) trims exactly what Foundation's
/// `whitespacesAndNewlines` trims, on every kind of white space around, inside and instead of text.
@Suite struct CAPTextTests {
    static let blanks: [Character] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2002}",
                                      "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\r\n"]
    static let texts: [Character] = ["a", "暴", "雨", "\u{200B}", "\u{FEFF}", "é", "1", ",", "🌧"]

    @Test func trimmedIsFoundationsTrimming() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5_000 {
            let n = Int.random(in: 0...8, using: &rng)
            let s = String((0..<n).map { _ in
                Bool.random(using: &rng) ? Self.blanks.randomElement(using: &rng)! : Self.texts.randomElement(using: &rng)!
            })
            #expect(s.trimmed == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func localNamesDropTheirPrefix() {
        #expect(CAPDelegate.local("alert") == "alert")
        #expect(CAPDelegate.local("cap:alert") == "alert")
        #expect(CAPDelegate.local("a:b:info") == "info")
        #expect(CAPDelegate.local("cap:") == "cap")
    }
}
