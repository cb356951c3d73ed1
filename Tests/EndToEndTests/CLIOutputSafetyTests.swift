import Foundation
import Testing

/// What the CLI prints never carries a control sequence, whoever wrote the text it quotes.
@Suite struct CLIOutputSafetyTests {
    /// Sets the window title, clears the screen, an 8-bit CSI, and a right-to-left override.
    static let hostile = "x\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}y"

    static func unsafeScalars(_ text: String) -> [String] {
        text.unicodeScalars.filter { u in
            let v = u.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v)
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func hostileWordsInArgumentsAndNamesAreNeverEchoedRaw() throws {
        let dir = TempDir()
        let db = dir.file("s.db")
        let runs: [[String]] = [
            ["alerts", "list", "--db", db, "--level", Self.hostile],
            ["init", "--db", db, "--office", "140121", "--operator", Self.hostile],
            ["stats", "--db", db],
            ["alerts", "ack", Self.hostile, "--db", db],
            ["units", "status", Self.hostile, "available", "--db", db],
            ["stock", "issue", Self.hostile, "tent", "1", "--db", db],
            [Self.hostile],
            ["init", "--db", dir.file(Self.hostile), "--office", "140121", "--operator", "x"],
        ]
        var quoted = 0
        for args in runs {
            let r = try Binary.run(args)
            let out = r.stdout + r.stderr
            #expect(Self.unsafeScalars(out).isEmpty, "\(args.first ?? "") printed \(Self.unsafeScalars(out)): \(out.debugDescription)")
            // The message still names what it refused: the printable parts of the word survive.
            if out.contains("xy") || out.contains("x y") || out.contains("pwned") { quoted += 1 }
        }
        #expect(quoted >= 3, "the messages stopped quoting the offending words at all")
    }

    /// Data text from a feed (headline, sender, area, description) reaches every listing clean; JSON keeps it exact.
    @Test func hostileTextInACAPMessageIsCleanInEveryListing() throws {
        let dir = TempDir()
        let db = dir.file("s.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140121", "--operator", "值班员"]).status == 0)
        // XML 1.0 refuses C0 controls (ESC, BEL) outright; C1 controls and bidi overrides are legal characters.
        let x = "x&#155;31m&#8238;y&#133;z"
        let cap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>HOSTILE-1</identifier><sender>\(x)@qx</sender><sent>2026-12-01T08:00:00+08:00</sent>
          <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
          <info><language>zh-CN</language><category>Met</category><event>暴雨\(x)</event>
            <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
            <headline>清徐县暴雨橙色预警\(x)</headline><description>\(x)</description>
            <area><areaDesc>清徐县\(x)</areaDesc><geocode><valueName>GB2260</valueName><value>140121</value></geocode></area>
          </info>
        </alert>
        """
        let file = dir.file("hostile.xml")
        try cap.write(toFile: file, atomically: true, encoding: .utf8)
        let runs: [[String]] = [
            ["alerts", "import", file, "--db", db],
            ["alerts", "list", "--db", db],
            ["alerts", "list", "--db", db, "--json"],
            ["stats", "--db", db],
        ]
        var sawHeadline = false
        for args in runs {
            let r = try Binary.run(args)
            let out = r.stdout + r.stderr
            #expect(Self.unsafeScalars(out).isEmpty, "\(args.prefix(2)) printed \(Self.unsafeScalars(out)): \(out.debugDescription)")
            if out.contains("清徐县暴雨橙色预警") { sawHeadline = true }
        }
        #expect(sawHeadline, "the hostile message was not imported and listed at all")
    }
}
