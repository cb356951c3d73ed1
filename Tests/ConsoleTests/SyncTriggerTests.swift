import Foundation
import Model
import Store
import Testing
@testable import Console

/// An action the operator takes asks for a sync at once (a store with a remote sends it within a second).
@Suite struct SyncTriggerTests {
    final class Counter: @unchecked Sendable { var n = 0 }

    @Test func acknowledgingAnAlertTriggersASync() throws {
        let f = try Fixture()
        let counter = Counter()
        var options = try f.app(layout: "desk").options
        options.syncTrigger = { counter.n += 1 }
        let app = try ConsoleApp(store: f.store, options: options)
        _ = app.render(width: 160, height: 48)
        let target = try #require(app.alertRows.first { !$0.acknowledgedByUs }, "the fixture has no alert to acknowledge")
        let before = try f.events()
        app.acknowledge(target.id)
        #expect(try f.events() == before + 1)
        #expect(counter.n == 1)
        // Moving the selection writes nothing and asks for nothing.
        _ = app.handle(.down)
        #expect(counter.n == 1)
    }
}
