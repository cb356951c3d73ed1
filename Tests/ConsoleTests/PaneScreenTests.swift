import Foundation
import Model
import Screen
import Store
import Testing
import TestSupport
@testable import Console

/// Headless screen tests: each pane at 80×24 and 160×48, layouts, languages, CJK alignment.
@Suite(.serialized) struct PaneScreenTests {
    @Test(arguments: [PaneKind.alerts, .units, .stock, .drills])
    func eachPaneAt80x24(_ pane: PaneKind) throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        _ = app.render(width: 80, height: 24)
        _ = app.handle(.char(Character(String(PaneKind.allCases.firstIndex(of: pane)! + 1))))
        expectSnapshot(app.render(width: 80, height: 24), "field-80x24-\(pane.rawValue)")
    }

    @Test(arguments: [PaneKind.alerts, .units, .stock, .drills])
    func eachPaneZoomedAt160x48(_ pane: PaneKind) throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        _ = app.render(width: 160, height: 48)
        _ = app.handle(.char(Character(String(PaneKind.allCases.firstIndex(of: pane)! + 1))))
        _ = app.handle(.char("z"))
        expectSnapshot(app.render(width: 160, height: 48), "zoom-160x48-\(pane.rawValue)")
    }

    @Test func deskAndWallAt160x48InBothLanguages() throws {
        let f = try Fixture()
        expectSnapshot(try f.app(layout: "desk").render(width: 160, height: 48), "desk-160x48-en")
        expectSnapshot(try f.app(language: .zh, layout: "desk").render(width: 160, height: 48), "desk-160x48-zh")
        expectSnapshot(try f.app(layout: "wall").render(width: 160, height: 48), "wall-160x48-en")
        expectSnapshot(try f.app(language: .zh, layout: "field", unicode: false).render(width: 80, height: 24), "field-80x24-zh-ascii")
    }

    @Test func everyLayoutAtItsMinimumAndBelow() throws {
        let f = try Fixture()
        let cases: [(String, Int, Int, String?)] = [
            ("wall", 140, 40, "wall"), ("wall", 139, 40, "desk"),
            ("desk", 100, 30, "desk"), ("desk", 100, 29, "field"),
            ("township", 70, 20, "township"), ("township", 69, 20, "field"),
            ("field", 40, 10, "field"), ("field", 39, 10, nil), ("desk", 40, 9, nil),
        ]
        for (chosen, w, h, expected) in cases {
            let app = try f.app(layout: chosen)
            let lines = app.screen(w, h)
            #expect(app.activeLayout(width: w, height: h)?.name == expected, "\(chosen) at \(w)x\(h)")
            #expect(lines.count == h && lines.allSatisfy { DisplayWidth.of($0) <= w })
            if expected == nil {
                let text = lines.joined().replacingOccurrences(of: " ", with: "")
                #expect(text.contains("Terminaltoosmall(\(w)×\(h));needatleast40×10"))
            } else {
                // The level counts at every width; the office's name where there is room for it too.
                #expect(lines[0].contains("IV:1") && (w < 60 || lines[0].contains("太原市应急管理局")), "\(lines[0])")
            }
        }
        expectSnapshot(try f.app().render(width: 39, height: 9), "too-small-39x9-en")
        expectSnapshot(try f.app(language: .zh).render(width: 30, height: 6), "too-small-30x6-zh")
        expectSnapshot(try f.app(layout: "field").render(width: 40, height: 10), "field-40x10")
    }

    @Test func chineseAndLatinHeadlinesStayAligned() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        for width in [80, 61, 120] {
            let lines = app.screen(width, 24)
            let rows = lines.filter { $0.contains("晋气象-") == false && ($0.contains("Rainstorm") || $0.contains("Earthquake") || $0.contains("Heat")) }
            #expect(rows.count == 3, "width \(width): \(lines.joined(separator: "\n"))")
            // The age column ends at the same display column in every row, CJK or not.
            let ends = rows.map { row -> Int in
                let upTo = row.range(of: "Earthquake") ?? row.range(of: "Rainstorm") ?? row.range(of: "Heat")!
                return DisplayWidth.of(String(row[..<upTo.lowerBound]))
            }
            #expect(Set(ends).count == 1, "hazard column misaligned at width \(width)")
            for row in lines { #expect(DisplayWidth.of(row) <= width) }
            let cut = try #require(lines.first { $0.contains("清徐县") })
            #expect(cut.contains("…"), "a long Chinese headline is cut with …")
            #expect(DisplayWidth.of(cut) <= width)
        }
    }

    @Test func monoThemeShowsLevelsByAttributesAndMarkers() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field", theme: "mono", depth: .none)
        let buffer = app.render(width: 100, height: 24)
        let lines = buffer.lines()
        var seen: [String: Attributes] = [:]
        for (hazard, roman, marker) in [("Rainstorm", "I", "!!!!"), ("Earthquake", "II", "!!!"), ("Forest fire", "III", "!!"), ("Heat", "IV", "!")] {
            let y = try #require(lines.firstIndex { $0.contains(hazard) })
            #expect(lines[y].contains(roman + String(repeating: " ", count: 4 - roman.count) + marker + " "))
            // Level column: after the new-marker column and a gap (panes have no side border).
            let cell = buffer[2, y]
            #expect(cell.char == "I")
            #expect(cell.style.fg == .default && cell.style.bg == .default)
            seen[roman] = cell.style.attrs
        }
        #expect(Set(seen.values).count == 4, "levels share attributes: \(seen)")
        // The roman numeral and marker are in every theme.
        for theme in ThemeLoader.builtInNames {
            let lines = try f.app(layout: "field", theme: theme).screen(100, 24)
            #expect(lines.contains { $0.contains(" I   !!!! ") } && lines.contains { $0.contains(" IV  ! ") }, "\(theme)")
        }
    }
}
