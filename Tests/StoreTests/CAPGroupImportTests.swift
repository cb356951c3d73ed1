import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// `Store.importCAP(documents:)`: many documents, a commit per group; each message's result reaches the caller only
/// once it is committed, and a bad document never costs the good ones.
@Suite struct CAPGroupImportTests {
    static func documents(_ docs: [CAPDocument]) -> () -> CAPDocument? {
        var rest = docs[...]
        return { rest.popFirst() }
    }

    @Test func everyResultIsReportedAfterItsGroupIsCommitted() throws {
        let t = try TestStore(office: 140000, officeName: "省厅")
        let docs = (0..<7).map { n in
            CAPDocument(data: AlertImportTests.doc(
                AlertImportTests.cap("GR-\(n)a", sent: "2026-07-12T08:0\(n):00+08:00", info: "\(n) a"),
                AlertImportTests.cap("GR-\(n)b", sent: "2026-07-12T09:0\(n):00+08:00", info: "\(n) b")), source: "doc\(n).xml")
        }
        // Another connection sees only what is committed: every result it is told of must already be there.
        let reader = try Store.open(path: t.path, readOnly: true)
        defer { reader.close() }
        var seen: [String] = []
        try t.store.importCAP(documents: Self.documents(docs), limits: CAPGroupLimits(messages: 3, seconds: 60)) { r in
            #expect(r.outcome == .imported)
            let committed = try reader.alert(id: r.identifier ?? "")
            #expect(committed != nil, "\(r.identifier ?? "?") reported before its commit")
            seen.append(r.identifier ?? "?")
        }
        #expect(seen == (0..<7).flatMap { ["GR-\($0)a", "GR-\($0)b"] }, "results in document order")
        #expect(try t.store.check().isEmpty)
    }

    @Test func unreadableAndMalformedDocumentsAreReportedInOrderAndTheRestImported() throws {
        let t = try TestStore(office: 140000, officeName: "省厅")
        let good = AlertImportTests.doc(AlertImportTests.cap("OK-1", sent: "2026-07-12T08:00:00+08:00", info: "一"))
        let later = AlertImportTests.doc(AlertImportTests.cap("OK-2", sent: "2026-07-12T08:30:00+08:00", info: "二"),
                                         AlertImportTests.cap("OK-1", sent: "2026-07-12T08:00:00+08:00", info: "一"))
        let docs = [CAPDocument(data: good, source: "a.xml"), CAPDocument(data: nil, source: "gone.xml"),
                    CAPDocument(data: Data("<alert><identifier>x".utf8), source: "cut.xml"), CAPDocument(data: later, source: "b.xml")]
        var results: [AlertImportResult] = []
        try t.store.importCAP(documents: Self.documents(docs)) { results.append($0) }
        #expect(results.map(\.source) == ["a.xml", "gone.xml", "cut.xml", "b.xml", "b.xml"])
        #expect(results.map(\.outcome) == [.imported, .quarantined, .quarantined, .imported, .duplicate])
        #expect(results[1].reason == "cannot read the file" && results[1].quarantineID == nil, "no bytes, nothing to keep")
        #expect(results[2].quarantineID != nil, "the malformed document is kept whole")
        #expect(try t.store.quarantineCount() == 1)
        #expect(try t.store.alert(id: "OK-2")?.headline == "二")
    }

    /// A document above the streaming size goes alone, streamed, between the groups before and after it.
    @Test func aLargeDocumentBetweenSmallOnesIsImportedInItsPlace() throws {
        let t = try TestStore(office: 140000, officeName: "省厅")
        let padding = String(repeating: "长", count: 400)
        let count = Store.streamedImportBytes / 1_200 + 10
        let bigIDs = (0..<count).map { "BIG-\($0)" }
        let big = Data(("<feed>" + bigIDs.enumerated().map { n, id in
            AlertImportTests.cap(id, sent: "2026-07-12T08:00:00+08:00", info: "\(n) \(padding)")
        }.joined(separator: "\n") + "</feed>").utf8)
        #expect(big.count > Store.streamedImportBytes)
        let docs = [CAPDocument(data: AlertImportTests.doc(AlertImportTests.cap("S-1", sent: "2026-07-12T07:00:00+08:00", info: "前")), source: "s1"),
                    CAPDocument(data: big, source: "big"),
                    CAPDocument(data: AlertImportTests.doc(AlertImportTests.cap("S-2", sent: "2026-07-12T09:00:00+08:00", info: "后")), source: "s2")]
        var order: [String] = []
        try t.store.importCAP(documents: Self.documents(docs)) { r in
            #expect(r.outcome == .imported)
            order.append(r.identifier ?? "?")
        }
        #expect(order == ["S-1"] + bigIDs + ["S-2"])
    }
}
