import Foundation
import Model

/// A reproducible office workload: stock movements, unit status changes and acknowledgments in the shares a
/// busy city desk makes them. Used by the byte-budget test and the benchmark.
enum MixedWorkload {
    static func events(count: Int, device: DeviceID = 0xA1B2_C3D4_E5F6_0718, office: RegionCode = 140100,
                       firstSeq: Int64 = 1, seed: UInt64 = 1) -> [Event] {
        var rng = SeededGenerator(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
        var wall: Int64 = 1_780_000_000_000
        let reasons = ["日常领用", "抢险调拨", "救灾发放", "演练消耗", "采购入库", "季度盘点"]
        let items = ["tent-12", "quilt", "water-5l", "flashlight", "generator-5kw", "lifejacket", "sandbag", "noodles"]
        let depots = ["D\(office)", "D\(office)E1", "D\(office)E2"]
        let units = (1...40).map { "U\(office / 100 % 10000)-\(String(format: "%03d", $0))" }
        let alerts = (1...20).map { "\(office)-1780000000-\($0)" }
        var out: [Event] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            wall += Int64.random(in: 1_000...600_000, using: &rng)
            let payload: EventPayload
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4:
                let kind = pick([MovementKind.receive, .issue, .rotate, .countAdjust])
                let q = Int64.random(in: 1...500, using: &rng)
                payload = .stock(StockMovement(depot: pick(depots), item: pick(items), delta: kind.sign < 0 ? -q : q,
                                               kind: kind, reason: pick(reasons), observed: kind == .countAdjust ? q * 3 : nil))
            case 4..<8:
                let status = pick(UnitStatus.allCases)
                payload = .unitStatus(unitID: pick(units), status: status, alertID: status.isCommitted ? pick(alerts) : nil)
            default:
                payload = .acknowledge(alertID: pick(alerts))
            }
            out.append(Event(id: EventID(device: device, seq: firstSeq + Int64(i)), office: office, operator: "张伟",
                             hlc: HLC(wall: wall, counter: 0, node: device), payload: payload))
        }
        return out
    }
}
