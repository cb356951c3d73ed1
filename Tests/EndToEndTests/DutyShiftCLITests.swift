import Foundation
import Testing
import TestSupport

/// The duty shift through the real binary: shift, note, log, timeline, correction, handover and take-over.
@Suite struct DutyShiftCLITests {
    @Test func aShiftFromStartToHandoverThroughTheCLI() throws {
        let dir = TempDir()
        let db = try CLITests.demoStore(dir)
        let env = ["TZ": "UTC", "LANG": "C.UTF-8"]
        func run(_ args: [String]) throws -> Binary.Result { try Binary.run(args + ["--db", db], env: env) }

        #expect(try run(["shift", "show"]).stdout == "no shift is on\n")
        #expect(try run(["shift", "start", "--officer", "王伟"]).status == 2, "a shift needs its leader")
        let started = try run(["shift", "start", "--officer", "王伟", "--leader", "李强"])
        try #require(started.status == 0, "\(started.stderr)")
        #expect(try run(["shift", "start", "--officer", "赵六", "--leader", "李强"]).status == 1, "one shift at a time")
        let shift = try #require(CLITests.jsonLines(try run(["shift", "show", "--json"]).stdout).first)
        #expect(shift["officer"] as? String == "王伟" && shift["leader"] as? String == "李强")

        let cap = dir.file("alert.xml")
        try """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>SHIFT-1</identifier><sender>阳曲县气象台</sender>
        <sent>\(ISO8601DateFormatter().string(from: Date()))</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
        <info><event>暴雨</event><urgency>Immediate</urgency><severity>Orange</severity><certainty>Likely</certainty>
        <headline>SHIFTTEST阳曲县暴雨橙色预警</headline>
        <area><areaDesc>阳曲县</areaDesc><geocode><valueName>GB2260</valueName><value>140122</value></geocode></area></info></alert>
        """.write(toFile: cap, atomically: true, encoding: .utf8)
        try #require(try run(["alerts", "import", cap]).status == 0)
        #expect(try run(["alerts", "ack", "SHIFT-1"]).status == 0)
        #expect(try run(["note", "已报告带班领导", "--alert", "SHIFT-1"]).status == 0)
        #expect(try run(["note", "   "]).status == 1, "an empty note is refused")
        #expect(try run(["note", "x", "--alert", "NOPE"]).stderr.contains("unknown alert"))

        let line = try #require(CLITests.jsonLines(try run(["stock", "list", "--sort", "depot", "--limit", "1", "--json"]).stdout).first)
        let depot = try #require(line["depot"] as? String), item = try #require(line["item"] as? String)
        let issued = try run(["stock", "issue", depot, item, "1", "--alert", "SHIFT-1"])
        // The demo desk may not own that depot: then the issue is refused and nothing is linked.
        let log = CLITests.jsonLines(try run(["log", "--shift", "current", "--json"]).stdout)
        #expect(log.first?["kind"] as? String == "shift")
        #expect(log.map { $0["kind"] as? String ?? "" }.contains("note"))
        #expect(log.allSatisfy { ($0["operator"] as? String)?.isEmpty == false && $0["office"] is Int })
        #expect(CLITests.jsonLines(try run(["log", "--json"]).stdout).count == log.count, "unfiltered: the shift that is on")
        #expect(try run(["log", "--shift", "nope"]).status == 1)

        let timeline = CLITests.jsonLines(try run(["alerts", "timeline", "SHIFT-1", "--json"]).stdout)
        let kinds = timeline.map { $0["kind"] as? String ?? "" }
        #expect(kinds.prefix(3) == ["alert", "ack", "note"])
        try #require(issued.status == 0, "\(issued.stderr)")
        do {
            #expect(kinds.contains("stock"), "stock issued for the alert shows in its timeline")
            let stock = try #require(timeline.first { $0["kind"] as? String == "stock" })
            let id = try #require(stock["id"] as? String)
            #expect(try run(["correct", id]).status == 2, "a correction needs its reason")
            #expect(try run(["correct", id, "--reason", "误录"]).status == 0)
            let after = CLITests.jsonLines(try run(["alerts", "timeline", "SHIFT-1", "--json"]).stdout)
            #expect(after.contains { ($0["summary"] as? String)?.hasPrefix("correction of \(id)") == true })
        }
        #expect(try run(["alerts", "timeline", "NOPE"]).status == 1)

        let text = try run(["handover"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Handover — "))
        #expect(text.stdout.split(separator: "\n").allSatisfy { $0.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } <= 80 })
        #expect(try run(["handover", "--lang", "zh"]).stdout.hasPrefix("交接班记录"))
        #expect(try run(["handover", "--markdown"]).stdout.hasPrefix("# Handover"))
        #expect(try run(["handover", "--ack", "--officer", "张敏"]).status == 2)
        #expect(try run(["handover", "--ack", "--officer", "张敏", "--leader", "刘洋"]).status == 0)
        let next = try #require(CLITests.jsonLines(try run(["shift", "show", "--json"]).stdout).first)
        #expect(next["officer"] as? String == "张敏")
        #expect(next["handedOverFrom"] as? String == shift["id"] as? String)
    }

    @Test func anIssueBelowTheMinimumIsRefusedUnlessForced() throws {
        let dir = TempDir()
        let db = try CLITests.demoStore(dir)
        func run(_ args: [String], lang: String = "C.UTF-8") throws -> Binary.Result {
            try Binary.run(args + ["--db", db], env: ["LANG": lang, "LC_ALL": ""])
        }
        let lines = CLITests.jsonLines(try run(["stock", "list", "--depot", "D140000", "--json"]).stdout)
        let line = try #require(lines.first { ($0["quantity"] as? Int ?? 0) > ($0["minimum"] as? Int ?? 0) + 1 })
        let item = try #require(line["item"] as? String)
        let qty = try #require(line["quantity"] as? Int), minimum = try #require(line["minimum"] as? Int)
        let over = String(qty - minimum + 1)
        // Down to the minimum is fine; one more asks for --force, in the language LANG names.
        let refused = try run(["stock", "issue", "D140000", item, over])
        #expect(refused.status == 1 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try run(["stock", "issue", "D140000", item, over], lang: "zh_CN.UTF-8").stderr.contains("低于下限"))
        let after = CLITests.jsonLines(try run(["stock", "list", "--depot", "D140000", "--item", item, "--json"]).stdout)
        #expect(after.first?["quantity"] as? Int == qty, "a refused issue wrote nothing")
        #expect(try run(["stock", "issue", "D140000", item, over, "--yes"]).status == 0)
        #expect(try run(["stock", "issue", "D140000", item, "1", "--force"]).status == 0)
    }
}
