import Foundation
import Model
@testable import Store
import TestSupport
@testable import Sync

/// A central store served in-process: a file in a temp directory, or (with `postgres`, a server URL) a scratch
/// database on that server.
final class TestCentre {
    let directory: TemporaryDirectory
    /// The SQLite file, or the scratch database's URL.
    let path: String
    private let scratch: ScratchDatabase?
    private(set) var central: any CentralBackend
    /// The SQLite store (tests that handle the file itself).
    var db: CentralDatabase { central as! CentralDatabase }
    var options = ServerOptions()
    let clock: ManualClock

    init(directory: TemporaryDirectory = TemporaryDirectory(prefix: "dutydesk-central"), clock: ManualClock = ManualClock(),
         postgres: String? = nil) throws {
        self.directory = directory
        self.clock = clock
        if let postgres {
            let s = try ScratchDatabase(server: postgres, prefix: "dd_synctest")
            scratch = s
            path = s.location
        } else {
            scratch = nil
            path = directory.file("central.db")
        }
        try CentralStore.create(path: path, demo: false)
        central = try CentralStore.open(path)
        options.clock = clock
    }

    deinit { central.close() }

    func session(office: RegionCode) -> ServerSession { ServerSession(central: central, office: office, options: options) }

    /// Closes the file (checkpointing the WAL into it), runs `body` on the closed file, opens it again.
    /// Clients must reconnect afterwards (a running server would keep the old file open).
    func whileClosed(_ body: (String) throws -> Void) throws {
        central.close()
        try body(path)
        central = try CentralDatabase.open(path: path)
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

let item = "tent-12"
