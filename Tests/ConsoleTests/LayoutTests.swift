import Model
import Screen
import Testing
@testable import Console

@Suite struct LayoutTests {
    @Test func builtInLayouts() throws {
        #expect(Set(LayoutLoader.builtInNames) == ["desk", "wall", "field", "township"])
        let mins = LayoutLoader.builtInNames.compactMap(LayoutLoader.builtIn).map { "\($0.name) \($0.minWidth)x\($0.minHeight)" }
        #expect(Set(mins) == ["desk 100x30", "wall 140x40", "field 40x10", "township 70x20"])
        #expect(LayoutLoader.builtIn("desk")?.panes == [.alerts, .units, .stock, .drills])
        #expect(LayoutLoader.builtIn("wall")?.panes == [.alerts, .units, .stock, .drills])
        #expect(LayoutLoader.builtIn("township")?.panes == [.alerts, .stock])
        #expect(LayoutLoader.builtIn("field")?.root == .tabs([.alerts, .units, .stock, .drills]))
    }

    @Test func parsesASplitTree() throws {
        let layout = try LayoutLoader.parse(text: """
            name = mine   # comment
            min = 90x25
            split cols 30 * 2*
              pane alerts
              split rows 40% 60%
                pane units
                pane stock
              tabs
                pane drills
            """, file: "mine.layout")
        #expect(layout.name == "mine" && layout.minWidth == 90 && layout.minHeight == 25)
        #expect(layout.root == .split(.cols, [.cells(30), .fill(1), .fill(2)], [
            .pane(.alerts), .split(.rows, [.percent(40), .percent(60)], [.pane(.units), .pane(.stock)]), .tabs([.drills]),
        ]))
        let g = LayoutGeometry.solve(layout.root, in: Rect(x: 0, y: 1, width: 120, height: 30)) { $0[0] }
        // Side by side, each child but the last gives its last column to the separator line.
        #expect(g.rect(of: .alerts) == Rect(x: 0, y: 1, width: 29, height: 30))
        #expect(g.rect(of: .units) == Rect(x: 30, y: 1, width: 29, height: 12))
        #expect(g.rect(of: .stock) == Rect(x: 30, y: 13, width: 29, height: 18))
        #expect(g.rect(of: .drills) == Rect(x: 60, y: 2, width: 60, height: 29))
        #expect(g.tabStrips.first?.rect == Rect(x: 60, y: 1, width: 60, height: 1))
        #expect(g.separators == [Rect(x: 29, y: 1, width: 1, height: 30), Rect(x: 59, y: 1, width: 1, height: 30)])
        // Stacked panes need none: the title row of the lower one is the line between them.
        let desk = LayoutGeometry.solve(try #require(LayoutLoader.builtIn("desk")).root, in: Rect(x: 0, y: 1, width: 120, height: 38)) { $0[0] }
        #expect(desk.separators == [Rect(x: 65, y: 1, width: 1, height: 19), Rect(x: 65, y: 20, width: 1, height: 19)])
        #expect(desk.rect(of: .units) == Rect(x: 66, y: 1, width: 54, height: 19))
    }

    @Test(arguments: [
        ("min = 80x24\nsplit rows 50% 50%\n  pane alerts\n   pane units", "l.layout:4:4: bad indentation: indent by 2 spaces per level"),
        ("min = 80x24\nsplit rows 50% 50%\n  pane alerts\n      pane units", "l.layout:4:7: bad indentation: expected at most 4 spaces"),
        ("min = 80x24\nsplit rows 50% 50%\n  pane alerts\n    pane units", "l.layout:4:5: bad indentation: a 'pane' has nothing inside it"),
        ("min = 80x24\nsplit rows 50% 50%\n\tpane alerts", "l.layout:3:1: bad indentation: use spaces, not tabs"),
        ("min = 80x24\n  pane alerts", "l.layout:2:3: bad indentation: the first node starts at column 1"),
        ("min = 80x24\npane alerts\npane units", "l.layout:3:1: a layout has one root; put these under a 'split' or 'tabs'"),
        ("min = 80x24\nsplit rows 50% 50%\n  pane alerts\n  pane weather", "l.layout:4:8: unknown pane 'weather' (alerts, units, stock, drills)"),
        ("min = 80x24\nsplit rows 50% 50%\n  pane alerts\n  pane alerts", "l.layout:4:8: pane 'alerts' appears twice (first on line 3)"),
        ("min = 80x24\nsplit rows 50% 40%\n  pane alerts\n  pane units", "l.layout:2:12: percentages add up to 90, not 100"),
        ("min = 80x24\nsplit rows 70% 50% *\n  pane alerts\n  pane units\n  pane stock", "l.layout:2:12: percentages add up to 120, more than 100"),
        ("min = 80x24\nsplit rows 50% 50%\n  pane alerts", "l.layout:2:1: split has 2 sizes but 1 child"),
        ("min = 80x24\nsplit rows 50% half\n  pane alerts\n  pane units", "l.layout:2:16: bad size 'half' (N% of the space, N cells, * or N* to fill)"),
        ("min = 80x24\nsplit diagonal 50% 50%", "l.layout:2:7: unknown split direction 'diagonal' (rows or cols)"),
        ("name = x\nsplit rows 50% 50%\n  pane alerts\n  pane units", "l.layout:1:1: missing 'min = WIDTHxHEIGHT' (the smallest terminal this layout suits)"),
        ("min = 80 by 24\npane alerts", "l.layout:1:7: bad minimum size (write WIDTHxHEIGHT, e.g. 100x30)"),
        ("min = 30x8\npane alerts", "l.layout:1:7: minimum size must be at least 40x10"),
        ("minimum = 80x24\npane alerts", "l.layout:1:1: unknown key 'minimum'"),
        ("min = 80x24\ncolumn alerts", "l.layout:2:1: unknown line 'column' (expected a setting, 'split', 'tabs' or 'pane')"),
        ("min = 80x24\ntabs\n  split rows 50% 50%", "l.layout:3:3: 'tabs' holds only 'pane' lines"),
        ("min = 80x24", "l.layout:1:1: no panes: add a 'split', 'tabs' or 'pane' line"),
    ])
    func reportsMistakesWithFileLineColumn(text: String, message: String) {
        do {
            _ = try LayoutLoader.parse(text: text, file: "l.layout")
            Issue.record("expected: \(message)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func fallsBackToTheNextSmallerLayout() {
        let set = LayoutSet.builtIn(chosen: "wall")
        #expect(set.pick(width: 140, height: 40)?.name == "wall")
        #expect(set.pick(width: 139, height: 40)?.name == "desk")
        #expect(set.pick(width: 100, height: 30)?.name == "desk")
        // township (two panes) is chosen deliberately, never fallen back to: 80×24 gets field's four tabs.
        #expect(set.pick(width: 99, height: 30)?.name == "field")
        #expect(set.pick(width: 80, height: 24)?.name == "field")
        #expect(set.pick(width: 80, height: 19)?.name == "field")
        #expect(set.pick(width: 40, height: 10)?.name == "field")
        #expect(set.pick(width: 39, height: 10) == nil)
        #expect(set.pick(width: 40, height: 9) == nil)
        // A smaller chosen layout is kept on a big terminal.
        #expect(LayoutSet.builtIn(chosen: "field").pick(width: 200, height: 60)?.name == "field")
    }

    @Test func loadSetSkipsBadUserLayoutsAndThrowsForABadExplicitFile() throws {
        let dir = TemporaryDir()
        try "name = desk\nmin = 80x24\nsplit rows 60% 60%\n  pane alerts\n  pane units\n".write(toFile: dir.path + "/desk.layout", atomically: true, encoding: .utf8)
        try "name = duo\nmin = 60x20\nsplit cols 50% 50%\n  pane alerts\n  pane units\n".write(toFile: dir.path + "/duo.layout", atomically: true, encoding: .utf8)
        let loaded = try LayoutLoader.loadSet(chosen: "desk", searchPaths: [dir.path])
        #expect(loaded.value.chosen == "desk")
        #expect(loaded.value.layouts["desk"] == LayoutLoader.builtIn("desk"))
        #expect(loaded.value.layouts["duo"] != nil)
        #expect(loaded.warnings.map(\.description) == [dir.path + "/desk.layout:3:12: percentages add up to 120, not 100"])
        #expect(throws: ConfigError.self) { try LayoutLoader.loadSet(chosen: dir.path + "/desk.layout", searchPaths: []) }
        #expect(validateConfigs(themeDirs: [], layoutDirs: [dir.path]).count == 1)
    }
}
