import Foundation
import Model
import Store
import Testing
@testable import Console

/// A machine clock minutes off the centre's shows in the header, in the operator's language, at 80 columns too.
@Suite struct ClockWarningTests {
    @Test(arguments: [(Language.en, "clock 1d slow", "clock 3d fast"), (Language.zh, "本机时钟慢1天", "本机时钟快3天")])
    func theHeaderSaysTheClockIsOff(_ language: Language, _ slow: String, _ fast: String) throws {
        let f = try Fixture()
        let app = try f.app(language: language, layout: "desk")
        app.syncStatus = SyncStatus(online: true, waiting: 0, lastSuccess: f.clock.now)
        #expect(!app.screen(160, 48)[0].contains(slow))
        app.syncStatus = SyncStatus(online: true, waiting: 0, lastSuccess: f.clock.now, clockOffset: 86_400_000)
        #expect(app.screen(160, 48)[0].contains(slow), "\(app.screen(160, 48)[0])")
        app.syncStatus = SyncStatus(online: true, waiting: 0, lastSuccess: f.clock.now, clockOffset: -3 * 86_400_000)
        #expect(app.screen(160, 48)[0].contains(fast), "\(app.screen(160, 48)[0])")
    }
}
