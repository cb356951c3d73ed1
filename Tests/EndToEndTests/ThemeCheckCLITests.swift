import Foundation
import Testing
import TestSupport

/// `dutydesk check --themes` names the theme file, the role and the ratio of every role that does not read.
@Suite struct ThemeCheckCLITests {
    @Test func checkThemesNamesRoleAndRatio() throws {
        let dir = TemporaryDirectory()
        let themes = dir.file("config/dutydesk/themes")
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        let env = ["XDG_CONFIG_HOME": dir.file("config")]
        let clean = try Binary.run(["check", "--themes"], env: env)
        #expect(clean.status == 0 && clean.stdout == "ok\n", "\(clean.stdout)\(clean.stderr)")

        try "name = paper\nbackground = light\nrow = fg:bright-yellow mono: none\n"
            .write(toFile: themes + "/paper.theme", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["check", "--themes"], env: env)
        #expect(bad.status != 0)
        #expect(bad.stdout.contains("paper.theme: paper: row is 1.07:1 on a light background in 256 colours (needs 4.5:1)"),
                "\(bad.stdout)")
        #expect(bad.stderr.contains("problem"), "\(bad.stderr)")
    }
}
