import Foundation
@testable import Console
import Model
import Testing
import TestSupport

/// The panes' date arithmetic agrees with Foundation's Calendar, across zones with and without daylight saving,
/// before 1970, at midnight and on leap days; and catalog templates fill their placeholders.
@Suite struct FormatTests {
    static let zones = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/London", "Pacific/Chatham", "America/St_Johns"]

    @Test(arguments: zones, Seeds.list(default: [1]))
    func civilTimeAndDayCountsMatchCalendar(_ zone: String, seed: Seed) throws {
        let tz = try #require(TimeZone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        let format = Format(catalog: Catalog(language: .en), timeZone: tz)
        var rng = SeededGenerator(seed: try seed.value)
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
                     Date(timeIntervalSince1970: -2_208_988_800), Date(timeIntervalSince1970: 4_102_444_800)]
        for _ in 0..<2000 { dates.append(Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &rng)))) }
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        for d in dates {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
            #expect(format.dateTime(d) == expected, "\(d) in \(zone); \(seed)")
            let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: d)).day!
            #expect(format.daysUntil(d, now: now) == days, "\(d) in \(zone); \(seed)")
        }
    }

    @Test func templatesFillEveryPlaceholderOnce() {
        #expect(Catalog.fill("{0}d ago", ["3"]) == "3d ago")
        #expect(Catalog.fill("{1} of {0}, {1}", ["a", "b"]) == "b of a, b")
        #expect(Catalog.fill("{2} {x} {", ["a"]) == "{2} {x} {")
        #expect(Catalog.fill("入库 {0} 件", ["{1}", "z"]) == "入库 {1} 件")
        #expect(Catalog(language: .en)(.ageDays, 4) == "4d")
    }
}
