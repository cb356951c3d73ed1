import Foundation
import Testing
import TestSupport

/// `dutydesk alerts import` and `alerts quarantine` through the real binary, over the CAP corpus (issue 9).
@Suite struct AlertImportCLITests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/CAP")

    static func json(_ s: String) -> [[String: Any]] {
        s.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// A folder given to `alerts import` stands for its files, subfolders too, by name; hidden files are left out.
    @Test func aFolderImportsEveryFileInItByName() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "山西省应急管理厅", "--operator", "值班员"]).status == 0)
        func cap(_ id: String, _ minute: Int) -> String {
            """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(id)</identifier><sender>140000@yjgl.shanxi.gov.cn</sender>
            <sent>2026-07-12T08:\(minute < 10 ? "0" : "")\(minute):00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
            <info><event>暴雨</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
            <headline>\(id)</headline><area><areaDesc>清徐县</areaDesc></area></info></alert>
            """
        }
        let folder = dir.file("downloads")
        try FileManager.default.createDirectory(atPath: folder + "/later", withIntermediateDirectories: true)
        try cap("DIR-B", 2).write(toFile: folder + "/b.xml", atomically: true, encoding: .utf8)
        try cap("DIR-A", 1).write(toFile: folder + "/a.xml", atomically: true, encoding: .utf8)
        try cap("DIR-C", 3).write(toFile: folder + "/later/c.xml", atomically: true, encoding: .utf8)
        try cap("DIR-HIDDEN", 4).write(toFile: folder + "/.partial.xml", atomically: true, encoding: .utf8)
        let r = try Binary.run(["alerts", "import", "--db", db, "--json", folder])
        #expect(r.status == 0, "\(r.stderr)")
        let results = Self.json(r.stdout)
        #expect(results.map { $0["identifier"] as? String } == ["DIR-A", "DIR-B", "DIR-C"], "\(r.stdout)")
        #expect(results.allSatisfy { $0["outcome"] as? String == "imported" })
    }

    @Test func theWholeCorpusImportsMessageByMessageAndRefusalsAreKeptAndReported() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "山西省应急管理厅", "--operator", "值班员"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".xml") }.sorted()
            .map { Self.corpus.appendingPathComponent($0).path }
        try #require(files.count >= 15)
        let r = try Binary.run(["alerts", "import", "--db", db, "--json"] + files)
        #expect(r.status == 1, "something in the corpus is refused: exit 1")
        let results = Self.json(r.stdout)
        // 83 messages in 63 files, plus a second line for each parked message released when its original arrived
        // (the Ack and the two Cancels sort before their originals).
        #expect(results.count == 86, "\(r.stdout)")
        var final: [String: [String: Any]] = [:]
        for q in results { final["\(q["file"] ?? "")|\(q["line"] ?? "")|\(q["column"] ?? "")"] = q }
        let refused = final.values.filter { $0["outcome"] as? String == "quarantined" }
        // The four hostile files, the batch's bad <sent>, and six Updates whose originals never came. (The national
        // platform's Shenzhen typhoon, 440300, is another province's: received, not refused.)
        #expect(refused.count == 11, "\(refused)")
        for q in refused {
            #expect((q["reason"] as? String)?.isEmpty == false)
        }
        #expect(r.stderr.contains("11 of 83 messages refused"), "\(r.stderr)")
        #expect(final.values.contains { $0["identifier"] as? String == "KSTO-ACK-1055887203" && $0["outcome"] as? String == "imported" })
        #expect(results.contains { $0["identifier"] as? String == "BATCH-GOOD-1" && $0["outcome"] as? String == "imported" })
        #expect(results.contains { $0["identifier"] as? String == "BATCH-BAD-2" && $0["outcome"] as? String == "quarantined" })
        #expect(results.contains { $0["identifier"] as? String == "TRI13970876.2" }, "an Update whose original is elsewhere")

        // Each quarantined document is kept byte for byte, and can be shown, retried and dropped.
        let list = Self.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout)
        #expect(list.count == 11)
        let nul = try #require(list.first { ($0["source"] as? String)?.hasSuffix("bad-nul.xml") == true })
        let id = try #require(nul["id"] as? Int)
        let shown = try Binary.run(["alerts", "quarantine", "show", String(id), "--raw", "--db", db])
        #expect(Data(shown.stdout.utf8) == FileManager.default.contents(atPath: Self.corpus.appendingPathComponent("bad-nul.xml").path))
        #expect(try Binary.run(["alerts", "quarantine", "retry", String(id), "--db", db]).status == 1, "still refused")
        #expect(try Binary.run(["alerts", "quarantine", "drop", String(id), "--db", db]).status == 0)
        #expect(Self.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout).count == list.count - 1)

        // The text form: one `file:line:column: reason` line per refusal on stderr, then the count.
        let again = try Binary.run(["alerts", "import", "--db", db, Self.corpus.appendingPathComponent("bad-truncated.xml").path])
        #expect(again.status == 1)
        let lines = again.stderr.split(separator: "\n")
        #expect(lines.first?.contains("bad-truncated.xml:17:20: not well-formed XML: unexpected end of file") == true, "\(again.stderr)")
        #expect(lines.last?.contains("1 of 1 message refused") == true, "\(again.stderr)")

        // The Ontario alert is not in Fujian (350000 is a Canadian layer code there), the Exercise is watermarked.
        let fujian = Self.json(try Binary.run(["alerts", "list", "--db", db, "--region", "350000", "--json"]).stdout)
        #expect(fujian.isEmpty)
        let drill = try #require(Self.json(try Binary.run(["alerts", "list", "--db", db, "--text", "SX-DRILL", "--json"]).stdout).first)
        #expect((drill["headline"] as? String)?.hasPrefix("[演练]") == true)
    }

    @Test func aCleanImportExitsZeroAndAReimportIsDuplicates() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "值班员"]).status == 0)
        let file = Self.corpus.appendingPathComponent("cn-national-rainstorm-gb18030.xml").path
        let first = try Binary.run(["alerts", "import", "--db", db, "--json", file])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.json(first.stdout).map { $0["outcome"] as? String } == ["imported"])
        let second = try Binary.run(["alerts", "import", "--db", db, "--json", file])
        #expect(second.status == 0)
        #expect(Self.json(second.stdout).map { $0["outcome"] as? String } == ["duplicate"])
    }
}

/// `alerts show --json` lists the chain; `alerts export` writes CAP 1.2 that imports elsewhere to the same chain.
@Suite struct AlertExportCLITests {
    @Test func anExportedChainImportsBackToTheSameChain() throws {
        let dir = TemporaryDirectory()
        let a = dir.file("a.db"), b = dir.file("b.db")
        for db in [a, b] {
            try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "值班员"]).status == 0)
        }
        let corpus = AlertImportCLITests.corpus
        // The national-format original (GB18030) and its info-less Cancel (Beijing time without an offset).
        let files = ["cn-national-rainstorm-gb18030.xml", "cn-bom-utf8-cancel.xml"].map { corpus.appendingPathComponent($0).path }
        try #require(try Binary.run(["alerts", "import", "--db", a] + files).status == 0)
        let id = "1401224160000020260712083000001"
        let shown = try #require(AlertImportCLITests.json(try Binary.run(["alerts", "show", id, "--json", "--db", a]).stdout).first)
        let messages = try #require(shown["messages"] as? [[String: Any]])
        #expect(messages.map { $0["msg_type"] as? String } == ["Alert", "Cancel"])
        #expect(messages.first?["regions"] as? [Int] == [140122])
        // The whole message: both <info> blocks (zh-CN shown), each area with its geocodes and their valueNames.
        #expect((messages.first?["infos"] as? [[String: Any]])?.compactMap { $0["language"] as? String } == ["zh-CN", "en-US"])
        #expect(shown["language"] as? String == "zh-CN" && shown["cap_severity"] as? String == "Severe")
        let areas = try #require(shown["areas"] as? [[String: Any]])
        #expect((areas.first?["geocodes"] as? [[String: Any]])?.first?["value"] as? String == "140122")
        #expect(shown["state"] as? String == "cancelled")

        let exported = try Binary.run(["alerts", "export", id, "--db", a])
        try #require(exported.status == 0, "\(exported.stderr)")
        let file = dir.file("chain.xml")
        try exported.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let back = try Binary.run(["alerts", "import", "--db", b, "--json", file])
        #expect(back.status == 0, "\(back.stderr)\n\(exported.stdout)")
        #expect(AlertImportCLITests.json(back.stdout).map { $0["outcome"] as? String } == ["imported", "updated"])
        let again = try #require(AlertImportCLITests.json(try Binary.run(["alerts", "show", id, "--json", "--db", b]).stdout).first)
        for key in ["key", "level", "hazard", "headline", "state", "sent", "regions"] {
            #expect("\(again[key] ?? "nil")" == "\(shown[key] ?? "nil")", "\(key)")
        }
        let againMessages = try #require(again["messages"] as? [[String: Any]])
        for (x, y) in zip(messages, againMessages) {
            for key in ["identifier", "sender", "sent", "msg_type", "references", "level", "hazard", "regions"] {
                #expect("\(x[key] ?? "nil")" == "\(y[key] ?? "nil")", "\(key)")
            }
        }
    }
}

/// `alerts list --json` and `alerts show --json` carry the whole message (issue 9).
@Suite struct AlertWholeMessageCLITests {
    @Test func listAndShowCarryEveryInfoAreaPolygonCircleAndGeocode() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "值班员"]).status == 0)
        let file = AlertImportCLITests.corpus.appendingPathComponent("shanxi-multi-area-signed.xml").path
        try #require(try Binary.run(["alerts", "import", "--db", db, file]).status == 0)
        let listed = try #require(AlertImportCLITests.json(try Binary.run(["alerts", "list", "--db", db, "--json"]).stdout).first)
        for key in ["status", "msg_type", "references", "cap_severity", "event", "language", "areas"] {
            #expect(listed[key] != nil, "list --json lacks \(key)")
        }
        #expect(listed["event"] as? String == "洪水" && listed["language"] as? String == "zh-CN" && listed["level"] as? String == "II")
        let id = "14100041600000202607141030001"
        let shown = try #require(AlertImportCLITests.json(try Binary.run(["alerts", "show", id, "--db", db, "--json"]).stdout).first)
        let message = try #require((shown["messages"] as? [[String: Any]])?.first)
        #expect(message["signed"] as? Bool == true && message["scope"] as? String == "Restricted")
        let infos = try #require(message["infos"] as? [[String: Any]])
        #expect(infos.count == 2)
        let areas = try #require(infos.last?["areas"] as? [[String: Any]])
        #expect(areas.count == 2)
        #expect((areas[0]["polygons"] as? [Any])?.count == 2, "the empty polygon replaces nothing")
        #expect((areas[1]["circles"] as? [[String: Any]])?.first?["radius_km"] as? Double == 5)
        let geocodes = (areas[0]["geocodes"] as? [[String: Any]])?.map { "\($0["name"] ?? ""):\($0["value"] ?? "")" }
        #expect(geocodes == ["GB/T 2260:141024100", "GB/T 2260:141024101000"])
        #expect(shown["regions"] as? [Int] == [141024100, 141024101, 141002])
    }
}

/// `alerts watch DIR --once`: every file dropped in the spool is imported and moved to done/ or quarantine/.
@Suite struct AlertWatchCLITests {
    @Test func spooledFilesAreImportedAndMovedByOutcome() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "值班员"]).status == 0)
        let spool = dir.file("spool")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        let corpus = AlertImportCLITests.corpus
        for name in ["exercise-shanxi.xml", "bad-nul.xml", "batch-one-bad.xml"] {
            try FileManager.default.copyItem(atPath: corpus.appendingPathComponent(name).path, toPath: (spool as NSString).appendingPathComponent(name))
        }
        // Still being written: left alone.
        try Data("<alert>".utf8).write(to: URL(fileURLWithPath: (spool as NSString).appendingPathComponent("next.xml.part")))
        let r = try Binary.run(["alerts", "watch", spool, "--once", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let fm = FileManager.default
        #expect(try fm.contentsOfDirectory(atPath: (spool as NSString).appendingPathComponent("done")) == ["exercise-shanxi.xml"])
        #expect(Set(try fm.contentsOfDirectory(atPath: (spool as NSString).appendingPathComponent("quarantine"))) ==
                ["bad-nul.xml", "batch-one-bad.xml", "bad-nul.xml.reason.txt", "batch-one-bad.xml.reason.txt"])
        #expect(fm.fileExists(atPath: (spool as NSString).appendingPathComponent("next.xml.part")))
        let list = AlertImportCLITests.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout)
        #expect(list.count == 2, "the NUL file and the batch's bad message are kept in the store too")
        #expect(AlertImportCLITests.json(try Binary.run(["alerts", "list", "--db", db, "--json"]).stdout).count == 3)
    }
}
