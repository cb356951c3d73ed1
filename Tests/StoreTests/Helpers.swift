import Foundation
import Model
@testable import Store
import TestSupport

/// Builds events as another office's device would: node = device, seq and wall given by the test.
struct EventFactory {
    var device: DeviceID
    var office: RegionCode
    var `operator` = "值班员"
    private(set) var seq: Int64 = 0

    init(office: RegionCode, device: DeviceID? = nil) {
        self.office = office
        self.device = device ?? (0xAB00_0000_0000_0000 | DeviceID(office))
    }

    mutating func make(_ wall: Int64, _ payload: EventPayload, counter: UInt32 = 0) -> Event {
        seq += 1
        return Event(id: EventID(device: device, seq: seq), office: office, operator: `operator`,
                     hlc: HLC(wall: wall, counter: counter, node: device), payload: payload)
    }
}

/// A base instant for test data: 2026-03-01 00:00 UTC, in milliseconds.
let t0: Int64 = 1_772_323_200_000

func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1000) }

func sampleAlert(_ id: String, level: WarningLevel = .orange, hazard: Hazard = .rainstorm, area: RegionCode = 140121,
                 sentMs: Int64 = t0, msgType: CAPMessageType = .alert, references: [String] = [],
                 responseType: CAPResponseType? = nil, headline: String? = nil, expiresMs: Int64? = nil) -> Alert {
    Alert(identifier: id, sender: "\(area)@yjgl.shanxi.gov.cn", sent: date(sentMs), msgType: msgType,
          references: references, responseType: responseType, headline: headline ?? "清徐县暴雨\(level.names.zh)预警",
          description: "测试", expires: expiresMs.map(date), areaDesc: "清徐县", areas: [area], level: level,
          hazard: hazard)
}

/// How events cite `sampleAlert(id)` (same defaults): its stored key, and its CAP reference for `<references>`.
func alertKey(_ id: String, area: RegionCode = 140121, sentMs: Int64 = t0) -> String {
    sampleAlert(id, area: area, sentMs: sentMs).messageID.key
}

func alertRef(_ id: String, area: RegionCode = 140121, sentMs: Int64 = t0) -> String {
    sampleAlert(id, area: area, sentMs: sentMs).messageID.reference
}

/// Every state table (and the event log) as text, without local row ids: equal dumps mean equal state.
func stateDump(_ store: Store) throws -> String {
    let queries = [
        "SELECT device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, kind, payload FROM events ORDER BY device, seq",
        "SELECT * FROM alerts ORDER BY id",
        "SELECT id, alert, msg_type FROM alert_messages ORDER BY id",
        "SELECT * FROM alert_regions ORDER BY region, alert",
        "SELECT alert, office, operator FROM acks ORDER BY alert, office, operator",
        "SELECT * FROM record_fields ORDER BY kind, id, field",
        "SELECT * FROM offices ORDER BY code",
        "SELECT * FROM units ORDER BY id",
        "SELECT * FROM depots ORDER BY id",
        "SELECT * FROM items ORDER BY id",
        "SELECT * FROM stock_lines ORDER BY depot, item",
        "SELECT * FROM drills ORDER BY id",
    ]
    return try store.withDatabase { db in
        var out = ""
        for sql in queries {
            out += "# \(sql)\n"
            try db.forEach(sql, []) { r in
                out += (0..<r.columnCount).map { r.describe($0) }.joined(separator: "|") + "\n"
            }
        }
        return out
    }
}

/// Ingests `events` into a fresh store and returns its state dump (and the store's `check` result).
func foldedState(_ events: [Event], batchSize: Int = 5000) throws -> (dump: String, problems: [String]) {
    let t = try TestStore(office: 140000, officeName: "山西省应急管理厅")
    try t.store.ingest(events, batchSize: batchSize)
    return (try stateDump(t.store), try t.store.check())
}

/// All orderings of a small array (Heap's algorithm).
func permutations<T>(_ items: [T]) -> [[T]] {
    var a = items, out: [[T]] = []
    func generate(_ k: Int) {
        if k <= 1 { out.append(a); return }
        for i in 0..<k {
            generate(k - 1)
            a.swapAt(k % 2 == 0 ? i : 0, k - 1)
        }
    }
    generate(a.count)
    return out
}

/// Counts rows of a table (for "nothing was written" checks).
func count(_ store: Store, _ table: String) throws -> Int {
    try store.withDatabase { db in Int(try db.int("SELECT count(*) FROM \(table)") ?? 0) }
}
