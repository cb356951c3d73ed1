import Foundation
@testable import Model
import Testing

/// `CAPMessageSlicer`: a refused message is kept as its own `<alert>` element, which reads alone as the same message.
@Suite struct CAPMessageSlicerTests {
    /// Every message of every readable corpus file (UTF-8, GB18030, ISO-8859-1, a batch of three) cut at the position
    /// the parser reports, and read again on its own: the same identifier, the same outcome.
    @Test func everyCorpusMessageCutsToItselfAndReadsAlone() throws {
        for e in try CAPCorpusTests.expectations() where !e.outcome.hasPrefix("document@") {
            let data = try Data(contentsOf: CAPCorpusTests.corpus.appendingPathComponent(e.file))
            let slicer = CAPMessageSlicer(data)
            for m in try CAPParser.parseMessages(data, file: e.file) {
                let slice = try #require(slicer.message(line: m.line, column: m.column), "\(e.file):\(m.line)")
                let alone = try CAPParser.parseMessages(slice.bytes, file: "slice")
                #expect(alone.count == 1 && alone.first?.identifier == m.identifier, "\(e.file):\(m.line)")
                #expect(alone.first.map { r in if case .success = r.result { true } else { false } }
                        == { if case .success = m.result { true } else { false } }(), "\(e.file):\(m.line)")
            }
        }
    }

    /// A minified document (every message on one line, Chinese text between them, the prefix declared outside): each
    /// message is told apart by its column (in characters), and declares the prefix itself.
    @Test func messagesOnOneLineAreToldApartByColumn() throws {
        func alert(_ id: String) -> String {
            "<cap:alert><cap:identifier>\(id)</cap:identifier><cap:sender>太原市应急局</cap:sender>"
                + "<cap:sent>2026-07-12T08:00:00+08:00</cap:sent><cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType>"
                + "<cap:info><cap:event>暴雨</cap:event><cap:urgency>Immediate</cap:urgency><cap:severity>Severe</cap:severity>"
                + "<cap:certainty>Likely</cap:certainty><cap:headline>\(id)：暴雨橙色预警</cap:headline></cap:info></cap:alert>"
        }
        let ids = ["甲-1", "乙-2", "丙-3"]
        let doc = Data(("<批次 xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\">" + ids.map(alert).joined(separator: "<!-- 注 -->") + "</批次>").utf8)
        let slicer = CAPMessageSlicer(doc)
        let messages = try CAPParser.parseMessages(doc, file: "min")
        #expect(messages.map(\.identifier) == ids)
        for m in messages {
            let slice = try #require(slicer.message(line: m.line, column: m.column))
            let text = String(decoding: slice.bytes, as: UTF8.self)
            #expect(text.contains(m.identifier!) && text.hasPrefix("<cap:alert xmlns:cap=") && text.hasSuffix("</cap:alert>"), "\(text)")
            #expect(try CAPParser.parse(slice.bytes, file: "s").first?.identifier == m.identifier)
        }
    }
}
