import Foundation
import Model
import Testing
import TestSupport
@testable import Sync

@Suite struct RemoteTests {
    @Test func parsesSSHAndLocalRemotes() throws {
        #expect(try SyncRemote.parse("ssh://duty@hq.example:2222/srv/central.db").location
                == .ssh(user: "duty", host: "hq.example", port: 2222, path: "/srv/central.db"))
        #expect(try SyncRemote.parse("ssh://hq/srv/c.db").location == .ssh(user: nil, host: "hq", port: nil, path: "/srv/c.db"))
        #expect(try SyncRemote.parse("/data/central.db").location == .local(path: "/data/central.db"))
        #expect(try SyncRemote.parse("central.db").location == .local(path: "central.db"))
        #expect(try SyncRemote.parse("ssh://duty@hq.example:2222/srv/central.db").description == "ssh://duty@hq.example:2222/srv/central.db")
        for bad in ["", "ssh://hq", "ssh://hq/", "ssh://-oProxyCommand=x/p", "ssh://u@h:99999/p", "http://x/y"] {
            #expect(throws: SyncError.self, "\(bad)") { try SyncRemote.parse(bad) }
        }
    }

    @Test func authorizedKeysLinePinsTheOffice() throws {
        let dir = TemporaryDirectory()
        let key = dir.file("id.pub")
        try "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests0123456789abcdefghij duty@laptop\n".write(toFile: key, atomically: true, encoding: .utf8)
        let line = try OfficeAuthorization.authorizedKeysLine(office: 140121, keyFile: key, storePath: "/srv/dutydesk/central.db",
                                                              executable: "/usr/local/bin/dutydesk")
        #expect(line == "command=\"/usr/local/bin/dutydesk serve-sync --store /srv/dutydesk/central.db --office 140121\",restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests0123456789abcdefghij duty@laptop")
        try "not a key".write(toFile: key, atomically: true, encoding: .utf8)
        #expect(throws: SyncError.self) { try OfficeAuthorization.authorizedKeysLine(office: 1, keyFile: key, storePath: "/x") }
    }

    @Test func backoffGrowsWithJitterAndCaps() {
        let b = SyncBackoff(initial: 2, maximum: 60, jitter: 0.5)
        #expect(b.delay(afterFailures: 1, random: 0) == 2)
        #expect(b.delay(afterFailures: 3, random: 0) == 8)
        #expect(b.delay(afterFailures: 3, random: 1) == 4)
        #expect(b.delay(afterFailures: 20, random: 0) == 60)
    }
}
