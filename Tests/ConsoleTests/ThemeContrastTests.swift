import Foundation
import Model
import Screen
import Testing
import TestSupport
@testable import Console

/// Themes that read on any background (issue 12, item 1): WCAG 2.x contrast of every role against the background
/// the theme claims, at 256, 16 and 8 colours; level colours apart for red-green colour blindness; variants.
@Suite struct ThemeContrastTests {
    static let repoThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    @Test func theFormulaMatchesKnownRatios() {
        #expect(abs(ThemeContrast.ratio((0, 0, 0), (255, 255, 255)) - 21) < 0.01)
        #expect(abs(ThemeContrast.ratio((119, 119, 119), (255, 255, 255)) - 4.48) < 0.01)
        // The issue's measurement: the old default's level III yellow on a white terminal.
        #expect(abs(ThemeContrast.ratio((255, 215, 0), (255, 255, 255)) - 1.40) < 0.01)
    }

    /// Every shipped theme file, the copies built into the binary, and the user's own theme files.
    @Test func everyThemeReadsOnTheBackgroundItClaims() throws {
        let dirs = [Self.repoThemes] + [ConfigPaths.userDirectory("themes")].compactMap { $0 }
        let files = dirs.flatMap { ConfigPaths.files(in: $0, ext: "theme") }
        #expect(files.count >= 5, "no theme files found under \(dirs)")
        let problems = ThemeContrast.problems(themeDirs: dirs)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        for name in ThemeLoader.builtInNames {
            let theme = try #require(ThemeLoader.builtIn(name))
            #expect(ThemeContrast.problems(theme).isEmpty, "built-in \(name): \(ThemeContrast.problems(theme))")
        }
    }

    @Test func aThemeThatDoesNotReadIsNamedWithRoleAndRatio() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("sunny.theme")
        try "base = default\nname = sunny\nbackground = light\n".write(toFile: path, atomically: true, encoding: .utf8)
        let problems = ThemeContrast.problems(themeDirs: [dir.path])
        // The default's bright text on a white terminal: level III (yellow) and the grey column titles among others.
        #expect(problems.contains { $0.contains("sunny.theme") && $0.contains("alert.level3 is 1.06:1 on a light background in 256 colours (needs 4.5:1)") }, "\(problems)")
        #expect(problems.contains { $0.contains("sunny.theme") && $0.contains("column.header is") }, "\(problems)")
    }

    @Test func levelsNeverRestOnColourAlone() throws {
        for name in ThemeLoader.builtInNames {
            let theme = try #require(ThemeLoader.builtIn(name))
            #expect(Set(theme.markers).count == 4, "\(name): level markers must differ")
        }
    }

    /// The default palette's four level colours stay apart (CIELAB ΔE ≥ 20) for normal vision and simulated
    /// deuteranopia and protanopia, at 256 colours.
    @Test(arguments: [nil, ThemeContrast.Deficiency.deuteranopia, .protanopia])
    func defaultLevelsStayApartForColourBlindness(deficiency: ThemeContrast.Deficiency?) throws {
        let theme = try #require(ThemeLoader.builtIn("default"))
        let closest = ThemeContrast.closestLevels(theme, background: .dark, depth: .indexed256, deficiency: deficiency)
        print("ThemeContrast: default, \(deficiency?.rawValue ?? "normal vision"): closest levels \(closest.levels) ΔE \(closest.distance)")
        #expect(closest.distance >= 20, "\(deficiency?.rawValue ?? "normal"): \(closest.levels) only ΔE \(closest.distance)")
    }

    @Test func theVariantForTheTerminalsBackgroundIsChosen() throws {
        let def = try #require(ThemeLoader.builtIn("default")), light = try #require(ThemeLoader.builtIn("light"))
        let hc = try #require(ThemeLoader.builtIn("high-contrast"))
        #expect(ThemeLoader.matching(def, terminal: .dark, searchPaths: []).theme.name == "default")
        #expect(ThemeLoader.matching(def, terminal: .light, searchPaths: []).theme.name == "light")
        #expect(ThemeLoader.matching(light, terminal: .dark, searchPaths: []).theme.name == "default")
        #expect(ThemeLoader.matching(hc, terminal: .light, searchPaths: []).theme.name == "high-contrast")
        for name in ThemeLoader.builtInNames {
            let theme = try #require(ThemeLoader.builtIn(name))
            for bg in [ThemeBackground.dark, .light] {
                let chosen = ThemeLoader.matching(theme, terminal: bg, searchPaths: [])
                #expect(chosen.theme.background.suits(bg) && chosen.warning == nil, "\(name) on \(bg): \(chosen.theme.name)")
            }
        }
    }
}
