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

    /// The key's escaping decides from scalars what it used to decide from Characters: the same strings escape.
    @Test func keyEscapingDecidesAsCharactersDo() {
        var rng = SeededGenerator(seed: 12)
        let extra: [Character] = ["%", "\u{1C}", "\u{1F}", "\u{180E}", "\u{200B}", "a\u{301}", " \u{301}"]
        for _ in 0..<5_000 {
            let n = Int.random(in: 0...6, using: &rng)
            let s = String((0..<n).map { _ in
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: Self.blanks.randomElement(using: &rng)!
                case 1: Self.texts.randomElement(using: &rng)!
                default: extra.randomElement(using: &rng)!
                }
            })
            let byCharacters = s.contains { $0 == "," || $0 == "%" || $0.isWhitespace }
            #expect(CAPMessageID.needsEscape(s) == byCharacters, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The key's time, written by hand, is what a formatter writes, over four centuries of seconds.
    @Test func sentTextIsTheFormattersText() {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'+00:00'"
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<2_000 {
            let d = Date(timeIntervalSince1970: TimeInterval(Int64.random(in: -2_208_988_800...7_258_118_400, using: &rng)))
            #expect(CAPMessageID.sentText(d) == f.string(from: d))
        }
    }

    /// Polygon points read by bytes are the points read by Characters (once the blanks beside commas are gone), on
    /// text made of the pieces polygons have.
    @Test func pointsReadByBytesAreThePointsReadByCharacters() {
        func byCharacters(_ text: String) -> [GeoPoint] {
            text.split(whereSeparator: \.isWhitespace).compactMap { pair in
                let p = pair.split(separator: ",")
                guard p.count == 2, let lat = Double(p[0]), let lon = Double(p[1]),
                      (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
                return GeoPoint(lat: lat, lon: lon)
            }
        }
        let pieces = ["3", "7", ".", "-", "+", ",", ",", " ", " ", "\t", "\n", "\r\n", "1", "e", "9", "x", "\u{0B}", "\u{1F}", "nan"]
        var rng = SeededGenerator(seed: 14)
        var nonEmpty = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...14, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let expected = byCharacters(CAPParser.joinedPairs(text))
            nonEmpty += expected.isEmpty ? 0 : 1
            #expect(CAPParser.parsePoints(text) == expected, "\(text.debugDescription)")
        }
        #expect(nonEmpty > 100, "the generator makes points")
    }

    static func message(description: String, area: String = "<areaDesc>清徐县</areaDesc>") -> Data {
        Data("""
            <feed><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>T-1</identifier>
            <sender>140000@yjgl.shanxi.gov.cn</sender><sent>2026-07-12T08:00:00+08:00</sent><status>Actual</status>
            <msgType>Alert</msgType><scope>Public</scope><info><event>暴雨</event><urgency>Immediate</urgency>
            <severity>Severe</severity><certainty>Likely</certainty><headline>H</headline>
            <description>\(description)</description><area>\(area)</area></info></alert></feed>
            """.utf8)
    }

    /// Markup a publisher left unescaped in a text is part of the text (a line break where it breaks the line),
    /// never structure that drops what came before it; the rest of the message is read as usual.
    @Test func markupInsideATextIsReadAsText() throws {
        let data = Self.message(description: "Line one<br/>Line two <b>bold</b> end<p>Next</p>")
        let alert = try #require(try CAPParser.parseMessages(data, file: "m.xml").first?.result.get())
        #expect(alert.description == "Line one\nLine two bold end\nNext")
        #expect(alert.headline == "H")
        #expect(alert.infos.first?.areas.first?.desc == "清徐县")
    }

    /// A geocode written as a bare value, with no valueName and value children, keeps its value.
    @Test func aBareGeocodeKeepsItsValue() throws {
        let data = Self.message(description: "d", area: "<areaDesc>清徐县</areaDesc><geocode>140121</geocode>")
        let alert = try #require(try CAPParser.parseMessages(data, file: "m.xml").first?.result.get())
        #expect(alert.infos.first?.areas.first?.geocodes == [CAPValue("", "140121")])
    }

    /// A text longer than the reader keeps refuses its message with a reason; it is never cut short in silence.
    @Test func anOverlongTextRefusesItsMessage() throws {
        let long = String(repeating: "雨", count: CAPDelegate.maxText / 3 + 1)
        let results = try CAPParser.parseMessages(Self.message(description: long), file: "m.xml")
        guard case .failure(let error) = try #require(results.first).result else {
            Issue.record("an over-long description was accepted")
            return
        }
        #expect(error.message.contains("<description>"), "\(error.message)")
        // Embedded audio in a <resource> is not kept, so its size refuses nothing.
        let audio = String(repeating: "QUJD", count: CAPDelegate.maxText / 2)
        let withAudio = Data(String(decoding: Self.message(description: "d"), as: UTF8.self).replacingOccurrences(
            of: "</area></info>", with: "</area><resource><resourceDesc>audio</resourceDesc><derefUri>\(audio)</derefUri></resource></info>").utf8)
        let read = try #require(try CAPParser.parseMessages(withAudio, file: "m.xml").first).result
        guard case .success = read else {
            Issue.record("a message with embedded audio was refused: \(read)")
            return
        }
        let fits = String(repeating: "雨", count: CAPDelegate.maxText / 3 - 10)
        let kept = try #require(try CAPParser.parseMessages(Self.message(description: fits), file: "m.xml").first?.result.get())
        #expect(kept.description == fits)
    }

    /// Times feeds send outside CAP's form, read as what they say; nonsense is still refused.
    @Test func lenientTimesAreRead() {
        let utc = { (s: String) in CAPParser.parseDate(s)?.timeIntervalSince1970 }
        let canonical = utc("2026-07-12T08:30:00+08:00")
        #expect(canonical != nil)
        #expect(utc("2026-07-12T08:30+08:00") == canonical)
        #expect(utc("2026-07-12T08:30:00+0800") == canonical)
        #expect(utc("2026-07-12 08:30:00+08:00") == canonical)
        #expect(utc("2026-07-12T00:30Z") == canonical)
        #expect(utc("2026-07-12T08:3x:00+08:00") == nil)
        #expect(utc("tomorrow") == nil)
    }

    /// A text file is not "empty": the refusal says it holds no XML element; an empty file is refused otherwise.
    @Test func plainTextIsRefusedAsNotXMLAndEmptyAsEmpty() {
        func reason(_ text: String) -> String {
            do {
                _ = try CAPParser.parseMessages(Data(text.utf8), file: "f")
                return "accepted"
            } catch let error as CAPParseError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(reason("expected outcomes, one per line\n").contains("no XML element"), "\(reason("x"))")
        #expect(!reason("").contains("no XML element") && reason("") != "accepted", "\(reason(""))")
    }
}
