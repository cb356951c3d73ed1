import Foundation
import Model
import Store

/// `dutydesk bench shift [--events N]`: the duty-shift queries on the demo province grown to N events (default a
/// million) plus 10,000 duty-log notes: nearest stock for active alerts, search (CJK, several words, state words)
/// and the deadlines of every active alert. Median of 7 runs per figure; prints figures, asserts none.
struct ShiftBenchmark {
    let targetEvents: Int
    let directory: String

    func run() throws {
        let scratch = try ScratchStore("shift-bench", in: directory)
        defer { scratch.discard() }
        let store = scratch.store
        let now = Date()
        let built = monotonicSeconds()
        _ = try DemoSeeder.seed(store, scale: try DemoSeeder.scale(forEvents: targetEvents), seed: 1, now: now)
        var notes: [Event] = []
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        let words = ["雨量站离线", "已电话报告带班领导", "道路结冰", "转移群众", "物资到位", "checked gauges", "handover call"]
        for i in 0..<10_000 {
            notes.append(Event(id: EventID(device: 0xBE, seq: Int64(i + 1)), office: 140100, operator: "值班员",
                               hlc: HLC(wall: nowMs - Int64(10_000 - i) * 60_000, counter: 0, node: 0xBE),
                               payload: .note(Note("\(words[i % words.count]) \(i)"))))
        }
        try store.ingest(notes)
        let stats = try store.stats()
        print("shift bench: \(stats.events) events built in \(String(format: "%.1f", monotonicSeconds() - built)) s (shared machine)")

        var active = AlertQuery()
        active.activeOnly = true
        active.limit = 20
        let alerts = try store.alerts(active)
        let items = ["tent-36", "water-bottled", "quilt", "generator-30kw", "life-jacket"]
        func time(_ name: String, _ body: () throws -> Int) throws {
            print(try MedianTiming.line(name, runs: 7, width: 40, unit: "rows", body))
        }
        if let alert = alerts.first {
            for item in items {
                try time("stock nearest \(item)") { try store.nearestStock(alert: alert.id, item: item).count }
            }
        }
        for q in ["太原", "暴雨 预警", "太原 消防", "雨量站 离线", "tent", "low", "expiring 帐篷", "active", "active 暴雨", "没有这个词"] {
            try time("search \(q)") { try store.search(SearchQuery(q)).count }
        }
        try time("deadlines of \(alerts.count)+ active alerts") { try store.deadlines(rules: .defaults).count }
    }
}

/// Runs a query `runs` times and says its median, fastest and slowest time, and how many lines or rows it gave.
enum MedianTiming {
    static func line(_ name: String, runs: Int, width: Int, unit: String, _ body: () throws -> Int) throws -> String {
        var times: [Double] = []
        var n = 0
        for _ in 0..<max(1, runs) {
            let t = monotonicSeconds()
            n = try body()
            times.append((monotonicSeconds() - t) * 1000)
        }
        times.sort()
        return "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
            + String(format: "%7.2f ms median (min %.2f, max %.2f), %d \(unit)", times[times.count / 2], times[0], times[times.count - 1], n)
    }
}
