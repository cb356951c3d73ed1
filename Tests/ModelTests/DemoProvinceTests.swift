import Foundation
import Testing
@testable import Model

@Suite struct DemoProvinceTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func collect(seed: UInt64, scale: Int = 1) throws -> [Event] {
        var events: [Event] = []
        try DemoProvince(seed: seed, scale: scale, now: now).generate { events.append($0) }
        return events
    }

    @Test func sameSeedSameProvinceOtherSeedOtherProvince() throws {
        let a = try Self.collect(seed: 1), b = try Self.collect(seed: 1), c = try Self.collect(seed: 2)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func theProvinceIsBelievable() throws {
        let events = try Self.collect(seed: 2026)
        var units = Set<String>(), depots = Set<String>(), items = Set<String>(), drills = Set<String>()
        var alerts = 0, hazards = Set<Hazard>(), levels = Set<WarningLevel>()
        for e in events {
            switch e.payload {
            case .fields(let ref, _):
                switch ref.kind {
                case .unit: units.insert(ref.id)
                case .depot: depots.insert(ref.id)
                case .item: items.insert(ref.id)
                case .drill: drills.insert(ref.id)
                default: break
                }
            case .alert(let a) where a.msgType == .alert:
                alerts += 1; hazards.insert(a.hazard); if let l = a.level { levels.insert(l) }
            default: break
            }
        }
        #expect(units.count == 200)
        #expect((35...45).contains(depots.count))
        #expect(items.count == 60)
        #expect(drills.count == 50)
        #expect((200...400).contains(alerts), "alerts: \(alerts)")
        #expect(hazards.count >= 15)
        #expect(levels.count == 4)
        #expect(!events.isEmpty && events.allSatisfy { $0.hlc.wall <= Int64(Self.now.timeIntervalSince1970 * 1000) })
    }

    @Test func eventIdsAreGapFreePerOfficeAndTimeOrdered() throws {
        let events = try Self.collect(seed: 3)
        var last: [DeviceID: (Int64, HLC)] = [:]
        for e in events {
            if let (seq, hlc) = last[e.id.device] {
                #expect(e.id.seq == seq + 1)
                #expect(e.hlc > hlc)
            } else {
                #expect(e.id.seq == 1)
            }
            last[e.id.device] = (e.id.seq, e.hlc)
        }
        #expect(last.count > 10, "only \(last.count) devices made events: the check above hardly ran")
    }

    @Test func stockNeverGoesNegativeInTheGeneratedHistory() throws {
        var qty: [String: Int64] = [:]
        var issues = 0
        for e in try Self.collect(seed: 4) {
            if case .stock(let m) = e.payload {
                qty["\(m.depot)|\(m.item)", default: 0] += m.delta
                if m.delta < 0 { issues += 1 }
                #expect(qty["\(m.depot)|\(m.item)"]! >= 0, "\(m)")
            }
        }
        #expect(qty.count > 100 && issues > 100, "\(qty.count) stock lines, \(issues) issues: the check above hardly ran")
    }
}
