import Foundation
import Model
import Store

/// `dutydesk bench duty [--events N]`: the duty views on a large store. Builds a store of N background events
/// (stock movements spread over 30 days), an alert with 1,000 linked events and a shift holding 10,000 events,
/// then times the alert's timeline, the shift's log and its handover (median of 5). Prints figures; asserts none.
struct DutyBenchmark {
    let background: Int
    let directory: String

    func run() throws {
        let scratch = try ScratchStore("duty-bench", in: directory, office: 140100, officeName: "太原市应急管理局", operatorName: "王伟")
        defer { scratch.discard() }
        let store = scratch.store
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let start = now - 30 * 86_400_000
        var setup = Maker(device: 0xB0, office: 140100), county = Maker(device: 0xB1, office: 140121)
        var bulk = Maker(device: 0xB2, office: 140100), linked = Maker(device: 0xB3, office: 140100)
        var shift = Maker(device: 0xB4, office: 140100)
        let alert = Alert(identifier: "BENCH-1", sender: "140121@yjgl", sent: Date(timeIntervalSince1970: TimeInterval(now - 7_200_000) / 1000),
                          headline: "清徐县暴雨红色预警", description: "", areas: [140121], level: .red, hazard: .rainstorm)
        let item = SupplyItem(id: "tent", names: Names(zh: "帐篷", en: "Tent"), category: .shelter, unitOfMeasure: Names(zh: "顶", en: "tents"))
        try store.ingest([
            setup.make(start, .fields(RecordRef(.item, item.id), item.fields)),
            setup.make(start, .fields(RecordRef(.depot, "D1"), Depot(id: "D1", name: "市级库", level: .city, region: 140100, owner: 140100).fields)),
            county.make(now - 7_200_000, .alert(alert)),
        ])
        let key = alert.messageID.key
        let built = monotonicSeconds()
        var batch: [Event] = []
        func flush() throws { try store.ingest(batch); batch.removeAll(keepingCapacity: true) }
        let step = max(1, (now - 7_200_000 - start) / Int64(max(background, 1)))
        for i in 0..<background {
            batch.append(bulk.make(start + Int64(i) * step, .stock(StockMovement(depot: "D1", item: "tent", delta: i % 2 == 0 ? 5 : -3, kind: i % 2 == 0 ? .receive : .issue))))
            if batch.count == 20_000 { try flush() }
        }
        for i in 0..<1_000 {
            batch.append(linked.make(now - 7_000_000 + Int64(i) * 1000, .unitStatus(unitID: "U\(i % 50)", status: i % 2 == 0 ? .dispatched : .returning, alertID: key)))
        }
        let shiftStart = now - 3_600_000
        batch.append(shift.make(shiftStart, .shift(ShiftChange(action: .start, officer: "王伟", leader: "李强"))))
        for i in 0..<9_999 {
            let at = shiftStart + 1 + Int64(i) * 300
            batch.append(shift.make(at, i % 10 == 0 ? .note(Note("记事 \(i)")) :
                                      .stock(StockMovement(depot: "D1", item: "tent", delta: -1, kind: .issue))))
        }
        try flush()
        let total = try store.stats().events
        print("duty bench: \(total) events built in \(String(format: "%.1f", monotonicSeconds() - built)) s (shared machine)")
        func time(_ name: String, _ body: () throws -> Int) throws {
            print(try MedianTiming.line(name, runs: 5, width: 34, unit: "lines", body))
        }
        try time("alert timeline (1,000 events)") { try store.timeline(alert: "BENCH-1").count }
        let current = try store.currentShift()
        try time("shift log (10,000 events)") { try store.dutyLog(DutyLogQuery(shift: current)).count }
        try time("handover of that shift") {
            HandoverText.render(try store.handover(), lang: .zh, markdown: false, zone: .current).split(separator: "\n").count
        }
    }

    /// Events of one device in sequence.
    struct Maker {
        let device: DeviceID
        let office: RegionCode
        var seq: Int64 = 0
        mutating func make(_ wall: Int64, _ payload: EventPayload) -> Event {
            seq += 1
            return Event(id: EventID(device: device, seq: seq), office: office, operator: "值班员",
                         hlc: HLC(wall: wall, counter: 0, node: device), payload: payload)
        }
    }
}
