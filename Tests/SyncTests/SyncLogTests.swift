import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// A connection that can be cut: while `down`, every send fails as a lost link does.
final class CuttableTransport: SyncTransport {
    let inner: LoopbackTransport
    let line: Line
    /// Shared between the transports one office's client opens.
    final class Line { var down = false }
    init(_ inner: LoopbackTransport, line: Line) { self.inner = inner; self.line = line }
    func send(_ frame: [UInt8]) throws {
        if line.down { throw SyncError.connection("no route to the centre") }
        try inner.send(frame)
    }
    func receive() throws -> [UInt8] { try inner.receive() }
    func close() { inner.close() }
}

/// Sync results are in the duty log as this desk's own lines: what moved, the first failure, the return; never a
/// quiet sync every interval, never at another office (they are not events, so the synced log stays the same).
@Suite struct SyncLogTests {
    @Test func syncResultsAreOfficeLocalLinesOfTheLog() throws {
        let centre = try TestCentre()
        let line = CuttableTransport.Line()
        let county = try TestOffice(140121, centre: centre) { CuttableTransport(LoopbackTransport(session: $0), line: line) }
        let city = try TestOffice(140100, centre: centre)
        try county.store.addNote("夜间巡查正常")
        try county.sync()
        try county.sync()  // nothing to do: not logged
        line.down = true
        for _ in 0..<3 {
            county.clock.advance(by: 30)
            #expect(throws: (any Error).self) { try county.sync() }
        }
        line.down = false
        county.clock.advance(by: 30)
        try county.sync()
        let lines = try county.store.syncLog(DutyLogQuery())
        #expect(lines.map(\.ok) == [true, false, true], "\(lines)")
        #expect(lines[0].pushed == 1 && lines[1].detail.contains("no route to the centre"))
        #expect(lines[1].summary(.zh).hasPrefix("同步失败") && lines[2].summary(.en).hasPrefix("synced"))
        let text = DutyLogText.merged(try county.store.dutyLog(DutyLogQuery()), lines, lang: .en, zone: TimeZone(identifier: "UTC")!)
        #expect(text.filter { $0.contains(" sync ") }.count == 3 && text.contains { $0.contains("note: 夜间巡查正常") }, "\(text)")

        try city.sync()
        // The city has the county's note, and its own sync line only.
        let cityLines = try city.store.syncLog(DutyLogQuery())
        #expect(cityLines.count == 1 && cityLines[0].pulled >= 1, "\(cityLines)")
        let notes = { (s: Store) in try s.dutyLog(DutyLogQuery()).filter { $0.event.office == 140121 } }
        #expect(try notes(county.store) == notes(city.store))
    }
}
