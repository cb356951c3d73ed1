import Foundation
import Model
@testable import Store
import TestSupport
@testable import Sync

/// A central store file in a temp directory, served in-process.
final class TestCentre {
    let directory: TemporaryDirectory
    let path: String
    private(set) var db: CentralDatabase
    var options = ServerOptions()
    let clock: ManualClock

    init(directory: TemporaryDirectory = TemporaryDirectory(prefix: "dutydesk-central"), clock: ManualClock = ManualClock()) throws {
        self.directory = directory
        self.clock = clock
        path = directory.file("central.db")
        db = try CentralDatabase.create(path: path)
        options.clock = clock
    }

    deinit { db.close() }

    func session(office: RegionCode) -> ServerSession { ServerSession(central: db, office: office, options: options) }

    /// Closes the file (checkpointing the WAL into it), runs `body` on the closed file, opens it again.
    /// Clients must reconnect afterwards (a running server would keep the old file open).
    func whileClosed(_ body: (String) throws -> Void) throws {
        db.close()
        try body(path)
        db = try CentralDatabase.open(path: path)
    }
}

/// One office: a real local store and a client connected in-process to the centre.
final class TestOffice {
    let code: RegionCode
    let test: TestStore
    var store: Store { test.store }
    var clock: ManualClock { test.clock }
    let client: SyncClient

    init(_ code: RegionCode, centre: TestCentre, clock: ManualClock = ManualClock(), options: SyncOptions = SyncOptions(),
         transport: ((ServerSession) -> any SyncTransport)? = nil) throws {
        self.code = code
        test = try TestStore(office: code, officeName: "office \(code)", operatorName: "op\(code % 1000)", clock: clock)
        let make = transport ?? { LoopbackTransport(session: $0) }
        client = SyncClient(store: test.store, options: options) { make(centre.session(office: code)) }
    }

    @discardableResult func sync() throws -> SyncReport { try client.syncOnce() }

    /// Records events as this office, bypassing action validation and the office's own write policy: the centre's
    /// rules are under test, as against a store of an older release or a hostile client.
    @discardableResult func make(_ payload: EventPayload) throws -> Event {
        clock.advance(milliseconds: 1_000)
        store.bypassesWritePolicy = true
        defer { store.bypassesWritePolicy = false }
        return try store.record(payload)
    }

    func unit(_ id: String, region: RegionCode? = nil) throws {
        try make(.fields(RecordRef(.unit, id), ["kind": "fireRescue", "name": "站\(id)", "region": String(region ?? code),
                                                "strength": "20", "contact": "0351"]))
    }

    func depot(_ id: String, region: RegionCode? = nil) throws {
        try make(.fields(RecordRef(.depot, id), ["name": "库\(id)", "level": "city", "region": String(region ?? code)]))
    }

    func stock(_ depot: String, _ item: String, _ delta: Int64, kind: MovementKind? = nil) throws {
        try make(.stock(StockMovement(depot: depot, item: item, delta: delta, kind: kind ?? (delta < 0 ? .issue : .receive),
                                      reason: "测试")))
    }
}

extension Store {
    /// What the panes would show, as comparable text: alerts, units, stock lines, drills.
    func stateLines() throws -> [String] {
        var q = AlertQuery(); q.limit = 1_000_000
        var lines = try alerts(q).map { a in
            "alert \(a.id) L\(a.level?.rawValue ?? 0) m\(a.messages) ack\(a.acknowledgments) us\(a.acknowledgedByUs) r\(a.respondingUnits) \(a.headline)"
        }
        var u = UnitQuery(); u.limit = 1_000_000; u.includeRetired = true
        lines += try units(u).map { "unit \($0.id) \($0.status.rawValue) \($0.servingAlert ?? "-") o\($0.owner) \($0.name)" }
        var s = StockQuery(); s.limit = 1_000_000
        lines += try stock(s).map { "stock \($0.line.depot)|\($0.line.item) \($0.line.quantity) min\($0.line.minimum)" }
        var d = DrillQuery(); d.limit = 1_000_000
        lines += try drills(d).map { "drill \($0.id) \($0.status.rawValue) \($0.title)" }
        return lines.sorted()
    }
}

let item = "tent-12"
