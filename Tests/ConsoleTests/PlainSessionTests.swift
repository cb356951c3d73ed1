import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Console

/// The plain line mode headless: lists, numbers that refer to the last list, an arrival announced once, the
/// same catalog in both languages.
@Suite struct PlainSessionTests {
    func session(_ f: Fixture, _ language: Language) throws -> PlainSession {
        try PlainSession(store: f.store, options: ConsoleOptions(language: language, layouts: .builtIn(chosen: "field"),
                                                                 unicode: false, clock: f.clock,
                                                                 timeZone: TimeZone(identifier: "Asia/Shanghai")!))
    }

    @Test(arguments: [Language.en, .zh])
    func listAckAndAnnounce(language: Language) throws {
        let f = try Fixture()
        let s = try session(f, language)
        let start = s.start()
        #expect(start.count == 2 && start[1].contains(language == .en ? "4 active alerts" : "生效预警 4 条"), "\(start)")
        let list = s.handle(line: "alerts").lines
        #expect(list.count == 5, "\(list)")
        #expect(list[1].hasPrefix("1. ") && list[1].contains("晋气象-2026-0412") && list[1].contains(language == .en ? "Level I Red" : "I 级红色"),
                "\(list[1])")
        let before = try f.events()
        let ack = s.handle(line: "ack 1").lines
        #expect(ack == [language == .en ? "Acknowledged 晋气象-2026-0412" : "已确认 晋气象-2026-0412"], "\(ack)")
        #expect(try f.events() == before + 1)
        #expect(s.handle(line: "ack 9").lines.first?.contains("9") == true)
        #expect(s.tick().isEmpty, "nothing new yet")

        // An arrival from another writer: announced once, on one line.
        let other = try Store.open(path: f.store.path, clock: f.clock)
        other.bypassesWritePolicy = true
        f.clock.advance(by: 60)
        try other.record(.alert(Alert(identifier: "NEW-1", sender: "shanxi.cma", sent: f.clock.now, headline: "清徐县气象台发布暴雨红色预警信号",
                                      description: "", instruction: "", expires: f.clock.now.addingTimeInterval(3600),
                                      areaDesc: "", areas: [140121], level: .red, hazard: .rainstorm)))
        other.close()
        let news = s.tick()
        #expect(news.count == 1 && news[0].hasPrefix(language == .en ? "NEW ALERT: Level I Red, Rainstorm" : "新预警：I 级红色，暴雨")
                && news[0].contains("NEW-1"), "\(news)")
        #expect(s.tick().isEmpty, "announced twice")

        let (bye, quit) = s.handle(line: "quit")
        #expect(quit && bye == [language == .en ? "Goodbye." : "再见。"])
        #expect(s.handle(line: "frobnicate").lines.first?.contains("frobnicate") == true)
    }

    @Test func syncFailureIsOneLineAndRecoveryIsSaid() throws {
        let f = try Fixture()
        let s = try session(f, .en)
        s.app.syncStatus = SyncStatus(online: false, waiting: 2, lastError: "the server closed the connection: ssh: exit 255")
        #expect(s.tick() == ["SYNC FAILED: the server closed the connection"])
        #expect(s.tick().isEmpty)
        s.app.syncStatus = SyncStatus(online: true, waiting: 0, lastSuccess: f.clock.now)
        #expect(s.tick() == ["Sync is online again."])
    }
}
