import Foundation
import Store
import Testing
import TestSupport

/// A closed connection is refused with an error, never used: its SQLite handle is freed.
@Suite struct ClosedConnectionTests {
    @Test func aClosedCentralStoreThrowsInsteadOfTouchingAFreedHandle() throws {
        let dir = TemporaryDirectory(prefix: "dutydesk-closed")
        let central = try CentralDatabase.create(path: dir.file("central.db"))
        #expect(try central.head() == 0)
        central.close()
        #expect(throws: StoreError.self) { try central.head() }
        #expect(throws: StoreError.self) { try central.tag(at: 1) }
    }
}
