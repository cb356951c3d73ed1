import Foundation
import Model
import Screen
@testable import Store
import Testing
import TestSupport
@testable import Console

/// A fixed store: four alerts (one with a long Chinese headline), four units, two depots, three stock lines,
/// two drills, all at fixed times on a manual clock (2026-03-01 08:00 UTC = 16:00 in Shanghai).
final class Fixture {
    let test: TestStore
    var store: Store { test.store }
    var clock: ManualClock { test.clock }
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").path

    init() throws {
        test = try TestStore(office: 140100, officeName: "太原市应急管理局", operatorName: "王明")
        let s = test.store
        // The fixture stands in for what other offices wrote too (alerts outside Taiyuan, the item catalogue);
        // the console's own actions in the tests pass the write policy again.
        s.bypassesWritePolicy = true
        defer { s.bypassesWritePolicy = false }
        let start = clock.now
        func at(_ minutesAgo: Double) -> Date { start.addingTimeInterval(-minutesAgo * 60) }

        // Every step at its own time, oldest first (the store's hybrid clock never runs backwards).
        func step(_ minutesAgo: Double, _ body: () throws -> Void) rethrows {
            clock.set(milliseconds: Int64(at(minutesAgo).timeIntervalSince1970 * 1000))
            try body()
        }
        func alert(_ id: String, _ level: WarningLevel, _ hazard: Hazard, _ areas: [RegionCode], _ headline: String, _ ago: Double) throws {
            try step(ago) {
                try s.record(.alert(Alert(identifier: id, sender: "shanxi.cma", sent: at(ago), headline: headline,
                                          description: "Test alert \(id).", instruction: "Stay alert.",
                                          expires: start.addingTimeInterval(7 * 86_400), areaDesc: "test area",
                                          areas: areas, level: level, hazard: hazard)))
            }
        }
        try alert("晋气象-2026-0412", .red, .rainstorm, [140121, 140122, 140123],
                  "清徐县、阳曲县、娄烦县暴雨红色预警：预计未来六小时降雨量将达一百毫米以上，请立即转移低洼地区群众", 2 * 60 * 24)
        let units: [RescueUnit] = [
            RescueUnit(id: "U-FIRE-1", kind: .fireRescue, name: "太原消防特勤一站", homeRegion: 140105, owner: 140100, strength: 24, contact: "0351-1190001"),
            RescueUnit(id: "U-MINE-1", kind: .mineRescue, name: "Xishan Mine Rescue Team", homeRegion: 140181, owner: 140100, strength: 40, contact: "0351-5550002"),
            RescueUnit(id: "U-HELI-1", kind: .helicopter, name: "山西航空救援直升机大队", homeRegion: 140100, owner: 140100, strength: 9, contact: "0351-5550003"),
            RescueUnit(id: "U-VOL-1", kind: .volunteer, name: "蓝天救援队 Blue Sky", homeRegion: 140106, owner: 140100, strength: 30, contact: "0351-5550004"),
        ]
        try step(24 * 60) {
            for u in units { try s.record(.fields(RecordRef(.unit, u.id), u.fields)) }
        }
        try step(240) { try s.setUnitStatus(unitID: "U-FIRE-1", to: .dispatched, alertID: "晋气象-2026-0412") }
        try alert("QUAKE-2026-0007", .orange, .earthquake, [140181], "M4.8 earthquake near Gujiao, aftershocks likely", 3 * 60)
        try step(90) { try s.setUnitStatus(unitID: "U-FIRE-1", to: .onScene, alertID: "晋气象-2026-0412") }
        try step(75) { try s.setUnitStatus(unitID: "U-MINE-1", to: .standby, alertID: nil) }
        try step(40) { try s.setUnitStatus(unitID: "U-VOL-1", to: .outOfService, alertID: nil) }
        try alert("林火-2026-0031", .yellow, .forestFire, [141024], "Forest fire risk high in Hongtong", 25)
        try alert("HEAT-2026-0002", .blue, .highTemperature, [140100], "高温蓝色预警 Heat advisory", 5)
        clock.set(milliseconds: Int64(at(2).timeIntervalSince1970 * 1000))

        let depots = [
            Depot(id: "D-TY", name: "太原市级储备库", level: .city, region: 140100, owner: 140100),
            Depot(id: "D-QX", name: "Qingxu county depot", level: .county, region: 140121, owner: 140100),
        ]
        for d in depots { try s.record(.fields(RecordRef(.depot, d.id), d.fields)) }
        let items = [
            SupplyItem(id: "tent", names: Names(zh: "帐篷", en: "Tent"), category: .shelter, unitOfMeasure: Names(zh: "顶", en: "tent")),
            SupplyItem(id: "quilt", names: Names(zh: "棉被", en: "Quilt"), category: .bedding, unitOfMeasure: Names(zh: "床", en: "quilt")),
            SupplyItem(id: "water", names: Names(zh: "饮用水", en: "Drinking water"), category: .water, unitOfMeasure: Names(zh: "箱", en: "case")),
        ]
        for i in items { try s.record(.fields(RecordRef(.item, i.id), i.fields)) }
        let lines: [(String, String, Int64, Int64, Date?)] = [
            ("D-TY", "tent", 250, 100, nil),
            ("D-TY", "quilt", 120, 500, nil),
            ("D-QX", "water", 60, 50, start.addingTimeInterval(10 * 86_400)),
        ]
        for (depot, item, qty, min, expires) in lines {
            var fields = ["minimum": String(min)]
            if let expires { fields["expires"] = String(Int64(expires.timeIntervalSince1970)) }
            try s.record(.fields(RecordRef(.stockLine, StockLine.recordID(depot: depot, item: item)), fields))
            try s.moveStock(depot: depot, item: item, kind: .receive, quantity: qty, reason: "fixture")
        }
        try s.scheduleDrill(Drill(id: "DR-1", title: "汾河防汛联合演练", hazard: .flood, form: .practical, scope: .comprehensive,
                                  joint: true, organiser: 140100, region: 140121, start: start.addingTimeInterval(5 * 86_400),
                                  end: start.addingTimeInterval(5 * 86_400 + 4 * 3600)))
        try s.scheduleDrill(Drill(id: "DR-2", title: "Mine gas double-blind tabletop", hazard: .coalMineGas, form: .tabletop,
                                  scope: .single, doubleBlind: true, organiser: 140100, region: 140181,
                                  start: start.addingTimeInterval(20 * 86_400), end: start.addingTimeInterval(20 * 86_400 + 3600)))
        clock.set(milliseconds: Int64(start.timeIntervalSince1970 * 1000))
    }

    func app(language: Language = .en, layout: String = "desk", theme: String = "default", depth: ColorDepth = .indexed256,
             unicode: Bool = true) throws -> ConsoleApp {
        try ConsoleApp(store: store, options: ConsoleOptions(
            language: language, theme: try #require(ThemeLoader.builtIn(theme)), layouts: .builtIn(chosen: layout),
            colorDepth: depth, unicode: unicode, clock: clock, timeZone: TimeZone(identifier: "Asia/Shanghai")!))
    }

    func events() throws -> Int { try store.stats().events }
}

/// Compares a rendered screen with `Snapshots/<name>.txt`.
func expectSnapshot(_ buffer: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if let failure = ScreenSnapshot.compare(buffer, named: name, directory: Fixture.snapshots) {
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
    }
}

extension ConsoleApp {
    /// Feeds keys (characters of a string become `.char`).
    @discardableResult
    func type(_ text: String) -> ConsoleEffect {
        var last = ConsoleEffect.none
        for c in text { last = handle(.char(c)) }
        return last
    }

    func screen(_ width: Int, _ height: Int) -> [String] { render(width: width, height: height).lines(trimmingTrailingSpaces: true) }
}
