import Foundation
import Model
import Screen
@testable import Store
import Testing
import TestSupport
@testable import Console

/// What matters is never cut (issue 12, item 3): hazard and colour in every active headline, the level counts and
/// sync state in the header, `?` and `q` in the hint bar, the selected row in full, where help has scrolled to.
@Suite struct EssentialTextTests {
    /// Alerts worded as the feeds word them: the issuing office first, then the hazard and colour.
    static let feedAlerts: [(String, WarningLevel, Hazard, RegionCode, String)] = [
        ("QX-RAIN-1", .red, .rainstorm, 140121, DemoCatalog.headline(.rainstorm, level: .red, area: "清徐县", magnitude: 0)),
        ("LF-SLIDE-1", .orange, .landslide, 140123, DemoCatalog.headline(.landslide, level: .orange, area: "娄烦县", magnitude: 0)),
        ("YQ-HAIL-1", .yellow, .hailGale, 140122, DemoCatalog.headline(.hailGale, level: .yellow, area: "阳曲县", magnitude: 0)),
        ("GJ-FIRE-1", .blue, .forestFire, 140181, DemoCatalog.headline(.forestFire, level: .blue, area: "古交市", magnitude: 0)),
        ("EN-FLOOD-1", .orange, .flood, 140100,
         "Taiyuan Hydrology Bureau and Fen River Authority issue Flood Orange warning for the Fen River"),
    ]

    static func fixture() throws -> Fixture {
        let f = try Fixture()
        let s = f.store
        s.bypassesWritePolicy = true
        defer { s.bypassesWritePolicy = false }
        for (id, level, hazard, area, headline) in feedAlerts {
            f.clock.advance(by: 30)
            try s.record(.alert(Alert(identifier: id, sender: "shanxi.cma", sent: f.clock.now, headline: headline,
                                      description: "", instruction: "", expires: f.clock.now.addingTimeInterval(86_400),
                                      areaDesc: "", areas: [area], level: level, hazard: hazard)))
        }
        return f
    }

    /// The words that must show for an alert: its colour word with the two characters before it (the end of the
    /// hazard's words in a Chinese headline), or the hazard's name when the headline has no colour word.
    static func mustShow(_ headline: String, _ level: WarningLevel, _ hazard: Hazard) -> [String] {
        for colour in [level.names.zh, level.names.en] {
            if let r = headline.range(of: colour) {
                let from = headline.index(r.lowerBound, offsetBy: -2, limitedBy: headline.startIndex) ?? headline.startIndex
                return colour == level.names.en ? [hazard.names.en, colour] : [String(headline[from..<r.upperBound])]
            }
        }
        return [hazard.names.zh, hazard.names.en].filter { headline.contains($0) }.prefix(1).map { $0 }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)], [Language.en, .zh])
    func everyActiveHeadlineShowsHazardAndColour(size: (Int, Int), language: Language) throws {
        let f = try Self.fixture()
        let app = try f.app(language: language)
        let buffer = app.render(width: size.0, height: size.1)
        let lines = buffer.lines(trimmingTrailingSpaces: true)
        let rows = try f.store.alerts(AlertQuery())
        #expect(rows.count == 9)
        for row in rows where row.state.isActive {
            let words = Self.mustShow(row.headline, try #require(row.level), row.hazard)
            // The row of this alert: the one holding its area name in the pane (area names are unique here).
            let hit = lines.contains { line in words.allSatisfy { line.contains($0) } }
            #expect(hit, "\(size) \(language): \(row.id) shows none of \(words):\n\(lines.joined(separator: "\n"))")
        }
        expectSnapshot(buffer, "essentials-\(size.0)x\(size.1)-\(language == .zh ? "zh" : "en")")
    }

    @Test func headlineKeepsWhatMattersFirst() {
        let h = DemoCatalog.headline(.rainstorm, level: .red, area: "清徐县", magnitude: 0)  // 清徐县气象台发布暴雨红色预警信号
        #expect(Essentials.headline(h, hazard: .rainstorm, level: .red, width: 40) == h)
        #expect(Essentials.headline(h, hazard: .rainstorm, level: .red, width: 30) == "清徐县气象台发布暴雨红色预警信号")
        #expect(Essentials.headline(h, hazard: .rainstorm, level: .red, width: 22) == "…暴雨红色预警信号")
        let long = h + "：预计未来六小时降雨量将达一百毫米以上"
        #expect(Essentials.headline(long, hazard: .rainstorm, level: .red, width: 20) == "…暴雨红色预警信号：预计未来六小时降雨量将达一百毫米以上")
        // Already first: a plain cut keeps it.
        #expect(Essentials.headline("暴雨红色预警：清徐县", hazard: .rainstorm, level: .red, width: 8) == "暴雨红色预警：清徐县")
        // A colour word inside another word is not the colour.
        let english = "Three hundred homes flooded: Taiyuan Hydrology Bureau issues Flood Red warning for the Fen River"
        #expect(Essentials.headline(english, hazard: .flood, level: .red, width: 30).hasPrefix("…Flood Red warning"))
        // No colour word: the hazard's name is what must show.
        let quake = DemoCatalog.headline(.earthquake, level: .orange, area: "阳曲县", magnitude: 4.0)
        #expect(Essentials.headline(quake, hazard: .earthquake, level: .orange, width: 18) == "…地震，启动地震应急II级响应", "\(quake)")
        // The hazard worded its own way: the clause of the colour word.
        let fire = DemoCatalog.headline(.forestFire, level: .yellow, area: "古交市", magnitude: 0)
        #expect(Essentials.headline(fire, hazard: .forestFire, level: .yellow, width: 20).hasPrefix("…森林火险黄色"), "\(fire)")
        // An exercise keeps its watermark first, however the rest is cut.
        let drill = "[演练] " + h
        #expect(Essentials.headline(drill, hazard: .rainstorm, level: .red, width: 22, mark: "[演练] ") == "[演练] …暴雨红色预警信号")
        #expect(Essentials.headline(drill, hazard: .rainstorm, level: .red, width: 60, mark: "[演练] ") == drill)
    }

    @Test(arguments: [Language.en, .zh])
    func headerKeepsCountsAndSyncStateAtEveryWidth(language: Language) throws {
        let test = try TestStore(office: 140121, officeName: "清徐县应急管理局防汛抗旱指挥部办公室值班室",
                                 operatorName: "欧阳王明远 (Ouyang Mingyuan, deputy duty officer)")
        let app = try ConsoleApp(store: test.store, options: ConsoleOptions(language: language, clock: test.clock,
                                                                           timeZone: TimeZone(identifier: "UTC")!))
        app.syncStatus = SyncStatus(online: false, waiting: 3, lastSuccess: nil,
                                    lastError: "the server closed the connection: ssh: connect to host central port 22: Connection refused")
        let offline = language == .zh ? "离线" : "offline"
        for width in 40...200 {
            let header = app.screen(width, 20)[0]
            #expect(DisplayWidth.of(header) <= width)
            for level in ["I:0", "II:0", "III:0", "IV:0"] {
                #expect(header.contains(level), "width \(width): \(header)")
            }
            #expect(header.contains(offline), "width \(width): \(header)")
            if width >= 150 { #expect(header.contains("清徐县"), "width \(width): \(header)") }
        }
        // The reason is short on screen.
        let wide = app.screen(200, 20)[0]
        #expect(wide.contains("the server closed the connection") && !wide.contains("port 22"), "\(wide)")
        // With a shift on, the header names the officer and the 带班领导; the counts and the sync state still stay.
        try test.store.startShift(officer: "欧阳王明远", leader: "李建国副局长")
        app.refreshAfterChange()
        for width in 40...200 {
            let header = app.screen(width, 20)[0]
            #expect(DisplayWidth.of(header) <= width)
            for level in ["I:0", "II:0", "III:0", "IV:0"] { #expect(header.contains(level), "width \(width): \(header)") }
            #expect(header.contains(offline), "width \(width): \(header)")
            if width >= 120 { #expect(header.contains("欧阳王明远") && header.contains("李建国副局长"), "width \(width): \(header)") }
        }
    }

    @Test(arguments: [Language.en, .zh])
    func hintBarKeepsHelpAndQuit(language: Language) throws {
        let f = try Fixture()
        let app = try f.app(language: language, layout: "field")
        for pane in ["1", "2", "3", "4"] {
            app.type(pane)
            for width in 40...200 {
                let bar = app.screen(width, 20).last ?? ""
                #expect(bar.contains("?") && bar.contains("q"), "pane \(pane) width \(width): \(bar)")
                #expect(DisplayWidth.of(bar) <= width)
            }
        }
    }

    @Test func helpShowsWhereItHasScrolledTo() throws {
        let f = try Fixture()
        let app = try f.app()
        app.type("?")
        let first = app.screen(80, 24).joined(separator: "\n")
        #expect(first.range(of: #"1–\d+/\d+  ↓"#, options: .regularExpression) != nil, "\(first)")
        for _ in 0..<200 { _ = app.handle(.down) }
        let last = app.screen(80, 24).joined(separator: "\n")
        #expect(last.range(of: #"(\d+)/\1 ↑"#, options: .regularExpression) != nil, "\(last)")
    }

    @Test func selectedRowShowsInFullOnItsOwnLine() throws {
        let f = try Fixture()
        let app = try f.app(layout: "field")
        let lines = app.screen(80, 24)
        // The red rainstorm alert is selected and its headline cut in the table: the pane's last line has it whole
        // (as far as 80 columns go).
        let full = try #require(lines.first { $0.hasPrefix("» ") })
        #expect(full.hasPrefix("» 清徐县、阳曲县、娄烦县暴雨红色预警："), "\(lines.joined(separator: "\n"))")
        // Nothing cut, no extra line.
        #expect(!app.screen(200, 60).contains { $0.hasPrefix("» ") })
    }

    @Test func countyNamesDropTheCountyInItsOwnView() throws {
        let test = try TestStore(office: 140121, officeName: "清徐县应急管理局", operatorName: "李")
        let s = test.store
        for n in 1...3 {
            let u = RescueUnit(id: "U-\(n)", kind: .fireRescue, name: "清徐县消防救援站\(n)", homeRegion: 140121,
                               owner: 140121, strength: 10, contact: "")
            try s.record(.fields(RecordRef(.unit, u.id), u.fields))
        }
        let app = try ConsoleApp(store: s, options: ConsoleOptions(language: .zh, layouts: .builtIn(chosen: "field"),
                                                                  clock: test.clock, timeZone: TimeZone(identifier: "UTC")!))
        app.type("2")
        let screen = app.screen(80, 24).joined(separator: "\n")
        #expect(screen.contains("…消防救援站3"), "\(screen)")
        #expect(!screen.contains("清徐县消防救援站3"), "\(screen)")
    }

    @Test func shortReasonIsTheFirstClause() {
        #expect(ConsoleApp.shortReason("the server closed the connection: ssh: exit 255") == "the server closed the connection")
        #expect(ConsoleApp.shortReason("refused\nsecond line") == "refused")
        #expect(DisplayWidth.of(ConsoleApp.shortReason(String(repeating: "x", count: 300))) <= 40)
    }
}
