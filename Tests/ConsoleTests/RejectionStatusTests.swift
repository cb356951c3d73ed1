import Foundation
import Model
import Store
import Testing
@testable import Console

/// An event the centre rejected is shown in the header until an operator acknowledges it (`:rejected`).
@Suite struct RejectionStatusTests {
    @Test func theHeaderShowsRejectionsUntilAcknowledged() throws {
        let f = try Fixture()
        let app = try f.app(layout: "desk")
        #expect(!app.screen(160, 48)[0].contains("rejected"))
        // Two of the desk's own queued events come back refused (as `SyncClient` records them).
        let queued = try f.store.pendingEvents(limit: 2)
        try #require(queued.count == 2)
        #expect(try f.store.recordRejections(queued.map { ($0.id, "refused by the centre") }) == 2)
        // Another connection (the sync) recorded them; the console learns of it on its next tick.
        _ = app.tick()
        app.refreshAfterChange()
        #expect(app.screen(160, 48)[0].contains("2 rejected"), "\(app.screen(160, 48)[0])")
        _ = app.handle(.char(":"))
        app.type("rejected")
        _ = app.handle(.enter)
        #expect(app.message?.text.contains("2 rejections acknowledged") == true, "\(String(describing: app.message))")
        #expect(!app.screen(160, 48)[0].contains("rejected"))
        #expect(try f.store.rejectionCounts() == (total: 2, unacknowledged: 0))
    }
}
