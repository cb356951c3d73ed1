import Foundation
import Model
import Screen
@testable import Store
import Testing
import TestSupport
@testable import Console

/// `:quarantine` / `:隔离`: the refused CAP messages the status bar counts, listed with reason, source and position;
/// `r` retries one (it imports once what it waited for is there), `x` drops one.
@Suite struct QuarantineOverlayTests {
    static func cap(_ id: String, sent: String, type: String = "Alert", refs: String = "") -> String {
        """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(id)</identifier><sender>140000@yjgl</sender>
        <sent>\(sent)</sent><status>Actual</status><msgType>\(type)</msgType><scope>Public</scope>\(refs)
        <info><language>zh-CN</language><event>暴雨</event><urgency>Immediate</urgency><severity>Severe</severity>
        <certainty>Likely</certainty><headline>\(id) 暴雨橙色预警</headline></info></alert>
        """
    }

    @Test func theListShowsEachEntryAndRetryAndDropActOnTheSelectedOne() throws {
        let f = try Fixture()
        let update = Self.cap("Q-UPD", sent: "2026-07-12T09:00:00+08:00", type: "Update",
                              refs: "<references>140000@yjgl,Q-ORIG,2026-07-12T08:00:00+08:00</references>")
        let doc = "<feed>\n" + Self.cap("Q-BAD", sent: "yesterday") + "\n" + update + "\n</feed>"
        let results = try f.store.importCAP(Data(doc.utf8), source: "/spool/feed.xml")
        #expect(results.map(\.outcome) == [.quarantined, .quarantined])
        let app = try f.app(language: .en, layout: "desk")
        _ = app.render(width: 160, height: 48)
        _ = app.execute("quarantine")
        guard case .list(let view) = app.overlay, case .quarantine(let entries) = view.purpose else {
            Issue.record("no quarantine list"); return
        }
        #expect(entries.map(\.identifier) == ["Q-BAD", "Q-UPD"])
        #expect(view.lines[0].contains("feed.xml:2:") && view.lines[0].contains("Q-BAD") && view.lines[0].contains("<sent>"), "\(view.lines)")
        let screen = app.screen(160, 48).joined(separator: "\n")
        #expect(screen.contains("Quarantine: 2") && screen.contains("r retry"), "\(screen)")
        // Retry the parked Update after its original arrived: imported, removed, and the list is read again.
        _ = try f.store.importCAP(Data(Self.cap("Q-ORIG", sent: "2026-07-12T08:00:00+08:00").utf8), source: "late.xml")
        #expect(try f.store.quarantineCount() == 1, "the original released the parked Update")
        _ = app.execute("隔离")
        guard case .list(let zhView) = app.overlay, case .quarantine(let left) = zhView.purpose else { Issue.record("no list"); return }
        #expect(left.map(\.identifier) == ["Q-BAD"])
        _ = app.handle(.char("r"))
        #expect(try f.store.quarantineCount() == 1, "still refused: kept")
        #expect(app.message?.text.contains("still refused") == true, "\(String(describing: app.message))")
        _ = app.handle(.char("x"))
        #expect(try f.store.quarantineCount() == 0)
        guard case .list(let empty) = app.overlay else { Issue.record("the list closed"); return }
        #expect(empty.lines.isEmpty)
        _ = app.handle(.escape)
        #expect(app.overlay == nil)
    }
}
