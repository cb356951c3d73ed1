import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// Real SSH. `scripts/test` starts a throwaway sshd first; by hand: `eval "$(scripts/ssh-test-setup.sh)"` then
/// `swift test --filter SSHTests`. Without that sshd the test fails saying so: it is never skipped.
/// The sshd's forced command pins office 140121 against a central store holding the demo province.
@Suite struct SSHTests {
    let env = ProcessInfo.processInfo.environment

    func client(_ store: Store) throws -> SyncClient {
        guard let port = env["DUTYDESK_SSH_PORT"], let user = env["DUTYDESK_SSH_USER"], let key = env["DUTYDESK_SSH_KEY"],
              let known = env["DUTYDESK_SSH_KNOWN_HOSTS"] else {
            throw SyncError.local("no test sshd: run scripts/test, or eval \"$(scripts/ssh-test-setup.sh)\" before swift test")
        }
        var options = SyncOptions()
        options.sshOptions = ["-i", key, "-o", "UserKnownHostsFile=\(known)", "-o", "StrictHostKeyChecking=yes",
                              "-o", "IdentitiesOnly=yes"]
        options.timeout = 30
        // The path asked for is ignored: the forced command names the central store and the office.
        return SyncClient(store: store, remote: try SyncRemote.parse("ssh://\(user)@127.0.0.1:\(port)/ignored/central.db"),
                          options: options)
    }

    @Test func anOfficeSyncsThroughSSHAndCannotWriteAnotherOfficesStock() throws {
        let office = Int(env["DUTYDESK_SSH_OFFICE"] ?? "140121") ?? 140121
        let local = try TestStore(office: office, officeName: "清徐县应急管理局", operatorName: "值班员", clock: ManualClock(Date()))
        let client = try client(local.store)
        defer { client.close() }
        let boot = try client.syncOnce()
        #expect(boot.pulled > 0 && boot.roundTrips == 1)
        let ownDepot = "D\(office)"
        #expect(try local.store.depots().contains { $0.id == ownDepot })
        let items = try local.store.items()
        let item = try #require(items.first).id

        let central = try CentralDatabase.open(path: try #require(env["DUTYDESK_SSH_CENTRAL"]))
        let before = try central.stockTotals()
        central.close()

        try local.store.record(.stock(StockMovement(depot: ownDepot, item: item, delta: 7, kind: .receive, reason: "ssh test")))
        // The office refuses another office's depot at once, with the reason the centre would give…
        let forbidden = StockMovement(depot: "D140100", item: item, delta: -9, kind: .issue, reason: "越权")
        #expect(throws: StoreError.self) { try local.store.record(.stock(forbidden)) }
        // …and an office whose own check is bypassed (an old or altered dutydesk) is refused by the centre.
        local.store.bypassesWritePolicy = true
        let foreign = try local.store.record(.stock(forbidden))
        local.store.bypassesWritePolicy = false
        let r = try client.syncOnce()
        #expect(r.rejected.map(\.id) == [foreign.id])
        #expect(r.rejected.first?.reason == "office \(office) may not write stock of depot D140100 (owned by 140100)")
        #expect(r.pushed == 2 && r.waiting == 0)

        let after = try CentralDatabase.open(path: try #require(env["DUTYDESK_SSH_CENTRAL"]))
        defer { after.close() }
        var expected = before
        expected["\(ownDepot)|\(item)", default: 0] += 7
        #expect(try after.stockTotals() == expected)
        let idle = try client.syncOnce()
        #expect(idle.roundTrips == 1 && idle.bytesSent <= 200 && idle.bytesReceived <= 200)
    }
}
