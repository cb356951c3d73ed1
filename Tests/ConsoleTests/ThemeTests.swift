import Model
import Screen
import Testing
@testable import Console

@Suite struct ThemeTests {
    @Test func builtInThemesParseAndDefineEveryRole() throws {
        #expect(Set(ThemeLoader.builtInNames) == ["default", "light", "high-contrast", "night", "mono"])
        for name in ThemeLoader.builtInNames {
            let theme = try #require(ThemeLoader.builtIn(name))
            #expect(theme.name == name)
            #expect(Set(theme.roles.keys) == Set(ThemeRole.allCases), "\(name) misses roles")
        }
    }

    @Test func parsesColoursAttributesAndMono() throws {
        let theme = try ThemeLoader.parse(text: """
            # comment
            name = t   # trailing comment
            alert.level1 = fg:#ff3030 bg:default bold  mono: reverse bold
            alert.level2 = fg:196 bg:bright-blue underline mono:none
            marker.level1 = [I]
            """, file: "t.theme")
        let r1 = try #require(theme.roles[.alertLevel1])
        #expect(r1.fg == .rgb(0xff, 0x30, 0x30) && r1.bg == .default && r1.attrs == .bold && r1.mono == [.reverse, .bold])
        let r2 = try #require(theme.roles[.alertLevel2])
        #expect(r2.fg == .indexed(196) && r2.bg == .ansi(12) && r2.attrs == .underline && r2.mono == [])
        #expect(theme.markers == ["[I]", "!!!", "!!", "!"])
        // No colour: the mono attributes, default colours.
        #expect(theme.style(.alertLevel1, depth: .none) == Style(attrs: [.reverse, .bold]))
        #expect(theme.style(.alertLevel1, depth: .truecolor) == Style(fg: .rgb(0xff, 0x30, 0x30), attrs: .bold))
    }

    @Test(arguments: [
        ("colour = fg:red mono: none", "t.theme:1:1: unknown key 'colour'"),
        ("row = fg:redd mono: none", "t.theme:1:10: bad colour 'redd' (a name such as red or bright-blue, 0-255, #rrggbb or default)"),
        ("row = fg:#12345 mono: none", "t.theme:1:10: bad colour '#12345' (a name such as red or bright-blue, 0-255, #rrggbb or default)"),
        ("row = bg:256 mono: none", "t.theme:1:10: bad colour '256' (a name such as red or bright-blue, 0-255, #rrggbb or default)"),
        ("row = fg:red blod mono: none", "t.theme:1:14: unknown attribute 'blod' (bold, dim, reverse, underline, italic, blink)"),
        ("row = fg:red  mono: bold shiny", "t.theme:1:26: unknown attribute 'shiny' (bold, dim, reverse, underline, italic, blink, none)"),
        ("row = fg:red", "t.theme:1:1: 'row' has no 'mono:' fallback (write 'mono: none' for plain)"),
        ("row fg:red", "t.theme:1:1: expected 'key = value'"),
        ("row = mono: none\nrow = mono: bold", "t.theme:2:1: duplicate key 'row' (first set on line 1)"),
        ("\n  header = xx:red mono: none", "t.theme:2:12: unknown setting 'xx:red' (fg:COLOUR, bg:COLOUR, attributes, mono: ATTRIBUTES)"),
        ("marker.level2 = 1234567", "t.theme:1:17: a level marker must be 1 to 6 characters"),
        ("name = x\nbase = default", "t.theme:2:1: 'base' must be the first setting and name a built-in theme"),
        ("base = neon", "t.theme:1:8: unknown base theme 'neon' (built-in: default, high-contrast, light, mono, night)"),
    ])
    func reportsMistakesWithFileLineColumn(text: String, message: String) {
        #expect(throws: ConfigError.self) { try ThemeLoader.parse(text: text, file: "t.theme") }
        do { _ = try ThemeLoader.parse(text: text, file: "t.theme") } catch { #expect(error.description == message) }
    }

    @Test func baseThemeIsOverridden() throws {
        let theme = try ThemeLoader.parse(text: "base = default\nname = mine\nrow = fg:green mono: bold", file: "mine.theme")
        #expect(theme.name == "mine")
        #expect(theme.roles[.row]?.fg == .ansi(2))
        #expect(theme.roles[.alertLevel1] == ThemeLoader.builtIn("default")?.roles[.alertLevel1])
    }

    @Test func monoThemeDistinguishesTheFourLevelsWithoutColour() throws {
        for name in ThemeLoader.builtInNames {
            let theme = try #require(ThemeLoader.builtIn(name))
            let styles = WarningLevel.allCases.map { theme.style(.level($0), depth: .none) }
            #expect(Set(styles).count == 4, "\(name): levels share mono attributes")
            #expect(styles.allSatisfy { $0.fg == .default && $0.bg == .default })
            #expect(Set(WarningLevel.allCases.map(theme.marker)).count == 4)
        }
    }

    @Test func nightThemeAvoidsBrightWhite() throws {
        let theme = try #require(ThemeLoader.builtIn("night"))
        for (_, r) in theme.roles {
            for color in [r.fg, r.bg] {
                #expect(color != .ansi(15) && color != .indexed(15) && color != .indexed(231) && color != .rgb(255, 255, 255))
                if case .rgb(let red, let green, let blue) = color { #expect(Int(red) + Int(green) + Int(blue) < 600) }
            }
        }
    }

    @Test func loadPrefersUserFilesAndSkipsBadOnesWithAWarning() throws {
        let dir = TemporaryDir()
        try "name = default\nrow = fg:nope mono: none\n".write(toFile: dir.path + "/default.theme", atomically: true, encoding: .utf8)
        try "base = default\nname = calm\n".write(toFile: dir.path + "/calm.theme", atomically: true, encoding: .utf8)
        let bad = try ThemeLoader.load(name: "default", searchPaths: [dir.path])
        #expect(bad.value == ThemeLoader.builtIn("default"))
        #expect(bad.warnings.map(\.description) == [dir.path + "/default.theme:2:10: bad colour 'nope' (a name such as red or bright-blue, 0-255, #rrggbb or default)"])
        #expect(try ThemeLoader.load(name: "calm", searchPaths: [dir.path]).value.name == "calm")
        // An explicit path with a mistake refuses.
        #expect(throws: ConfigError.self) { try ThemeLoader.load(name: dir.path + "/default.theme", searchPaths: []) }
        #expect(throws: ConfigError.self) { try ThemeLoader.load(name: "nonesuch", searchPaths: [dir.path]) }
        #expect(validateConfigs(themeDirs: [dir.path], layoutDirs: []).count == 1)
    }
}
