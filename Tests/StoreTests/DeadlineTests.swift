import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Duty-step deadlines: a pure function of the alert, the step notes, the rules and an injected clock.
@Suite struct DeadlineTests {
    /// An office whose level I alert A1 arrives at the desk's clock.
    static func desk() throws -> TestStore {
        let t = try TestStore(office: 140100, operatorName: "王伟", clock: ManualClock(milliseconds: t0))
        t.store.bypassesWritePolicy = true
        try t.store.record(.alert(sampleAlert("A1", level: .red, area: 140121)))
        t.store.bypassesWritePolicy = false
        return t
    }

    @Test func theDefaultsGiveReportPassOnAndReliefPerAreaForLevelsIAndIIOnly() {
        let received = date(t0)
        let red = Deadlines.steps(received: received, level: .red, areas: [140122, 140121, 140121], status: .actual,
                                  active: true, done: [:], rules: .defaults)
        #expect(red.map(\.step) == [.report, .passOn, .relief(140121), .relief(140122)])
        #expect(red.map { $0.due.timeIntervalSince(received) } == [600, 1800, 36_000, 36_000])
        let yellow = Deadlines.steps(received: received, level: .yellow, areas: [140121], status: .actual, active: true,
                                     done: [:], rules: .defaults)
        #expect(yellow.map(\.step) == [.report, .passOn])
        #expect(Deadlines.steps(received: received, level: .red, areas: [140121], status: .test, active: true, done: [:], rules: .defaults).isEmpty)
        #expect(Deadlines.steps(received: received, level: .red, areas: [140121], status: .actual, active: false, done: [:], rules: .defaults).isEmpty)
    }

    @Test func aStepIsMissedOnlyOnceItsTimeHasPassedAndDoneIsRecordedWithWhoAndWhen() throws {
        let t = try Self.desk()
        t.clock.advance(by: 9 * 60)
        var d = try t.store.deadlines(rules: .defaults)
        #expect(d.count == 1 && d[0].missed(now: t.clock.now).isEmpty && d[0].next?.step == .report)
        #expect(d[0].next?.remaining(now: t.clock.now) == 60)
        t.clock.advance(by: 61)
        d = try t.store.deadlines(rules: .defaults)
        #expect(d[0].missed(now: t.clock.now).map(\.step) == [.report])
        try t.store.markStep(.report, alert: "A1", rules: .defaults)
        d = try t.store.deadlines(rules: .defaults)
        #expect(d[0].missed(now: t.clock.now).isEmpty)
        let done = try #require(d[0].steps.first { $0.step == .report }?.done)
        #expect(done.operator == "王伟" && done.at == t.clock.now && done.office == 140100)
        #expect(try t.store.timeline(alert: "A1").last?.summary(.en) == "done: report to leader (alert A1)")
    }

    @Test func aStepThatDoesNotApplyOrIsDoneIsRefusedAndWritesNothing() throws {
        let t = try Self.desk()
        try t.store.markStep(.passOn, alert: "A1", rules: .defaults)
        let before = try t.store.pendingEvents(limit: 100).count
        #expect(throws: StoreError.self) { try t.store.markStep(.passOn, alert: "A1", rules: .defaults) }
        #expect(throws: StoreError.self) { try t.store.markStep(.relief(140500), alert: "A1", rules: .defaults) }
        #expect(throws: StoreError.self) { try t.store.markStep(.report, alert: "nope", rules: .defaults) }
        #expect(try t.store.pendingEvents(limit: 100).count == before)
    }

    @Test func aMissWhileClosedShowsWhenTheStoreOpensAgain() throws {
        let t = try Self.desk()
        t.clock.advance(by: 60)
        #expect(try t.store.deadlines(rules: .defaults)[0].missed(now: t.clock.now).isEmpty)
        let reopened = try t.reopen()
        defer { reopened.close() }
        t.clock.advance(by: 31 * 60)
        #expect(try reopened.deadlines(rules: .defaults)[0].missed(now: t.clock.now).map(\.step) == [.report, .passOn])
    }

    @Test func stepsMissedWhileAnAlertWasActiveStayInTheLogAfterItEnds() throws {
        let t = try Self.desk()
        try t.store.markStep(.report, alert: "A1", rules: .defaults)
        t.clock.advance(by: 31 * 60)
        let missed = try t.store.missedSteps(rules: .defaults).map(\.step)
        #expect(missed == [.passOn])
        // The alert is cancelled at t0 + 31 min: pass-on was missed, relief (due at 10 h) was never owed.
        t.store.bypassesWritePolicy = true
        try t.store.record(.alert(sampleAlert("A1-x", level: .red, sentMs: t0 + 31 * 60_000, msgType: .cancel,
                                              references: [alertRef("A1")], headline: "取消")))
        t.store.bypassesWritePolicy = false
        #expect(try t.store.alert(id: "A1")?.state == .cancelled)
        t.clock.advance(by: 11 * 3600)
        #expect(try t.store.deadlines(rules: .defaults).isEmpty, "no longer on the deadlines of active alerts")
        #expect(try t.store.missedSteps(rules: .defaults).map(\.step) == [.passOn], "the log keeps what was missed")
        #expect(try t.store.missedSteps(rules: .defaults, since: date(t0)).map(\.step) == [.passOn])
        #expect(try t.store.missedSteps(rules: .defaults, alert: "A1").map(\.step) == [.passOn])
        #expect(try t.store.missedSteps(rules: .defaults, since: date(t0 + 3_600_000)).isEmpty, "due before `since`")
        #expect(throws: StoreError.self) { try t.store.markStep(.passOn, alert: "A1", rules: .defaults) }
    }

    @Test func anExpiredAlertKeepsTheStepsMissedBeforeItsExpiry() throws {
        let t = try TestStore(office: 140100, operatorName: "王伟", clock: ManualClock(milliseconds: t0))
        t.store.bypassesWritePolicy = true
        try t.store.record(.alert(sampleAlert("A2", level: .yellow, area: 140121, expiresMs: t0 + 20 * 60_000)))
        t.store.bypassesWritePolicy = false
        t.clock.advance(by: 3600)
        // Report (10 min) was missed before the expiry at 20 min; pass-on (30 min) fell due after it.
        #expect(try t.store.missedSteps(rules: .defaults).map(\.step) == [.report])
    }

    @Test func theStepNoteRoundTripsThroughTheCodec() throws {
        let n = EventPayload.note(Note("relief:140121", role: .step, alertID: "A1"))
        #expect(try EventCodec.decodePayload(EventCodec.encode(n)) == n)
        #expect(DutyStep("relief:140121") == .relief(140121) && DutyStep("pass-on") == .passOn && DutyStep("x") == nil)
    }
}
