import Foundation
import Testing
import TestSupport

/// A whole duty shift in the real console under tmux, in Chinese and in English: an alert arrives, is acknowledged,
/// reported and passed on (notes), two units go, stock is issued for it, a mistaken issue is undone from the log,
/// the handover is produced and the next officer acknowledges it. The handover text and the alert's timeline are
/// checked against golden files (recorded only by scripts/record-snapshots).
@Suite(.serialized) struct DutyShiftTmuxTests {
    /// Outside every target (Tests/Golden), so SwiftPM does not take the files for resources.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    /// What the console says, in the language of the run.
    struct Words: CustomStringConvertible, Sendable {
        var lang: String
        var zh: Bool { lang.hasPrefix("zh") }
        var description: String { zh ? "zh" : "en" }
        var acked: String { zh ? "已确认 " : "Acknowledged " }
        var noted: String { zh ? "已记入值班日志" : "Note written to the duty log" }
        var statusSet: String { zh ? "已设为" : "is now" }
        var belowMinimum: String { zh ? "低于下限" : "below the minimum" }
        var issued: String { zh ? "已从" : "Issued " }
        var corrected: String { zh ? "已更正" : "Corrected " }
        var handover: String { zh ? "交接班记录" : "Handover — " }
        var tookOver: String { zh ? "交接完成" : "Handover acknowledged" }
        var report: String { zh ? "已电话报告带班领导李强" : "Reported to the leader Li Qiang by phone" }
        var passOn: String { zh ? "已传达清徐县应急管理局" : "Passed on to the Qingxu county bureau" }
        var reason: String { zh ? "数量录错" : "wrong quantity" }
        var onDuty: String { zh ? "值班 张华" : "on duty 张华" }
    }

    @Test(.serialized, arguments: [Words(lang: "zh_CN.UTF-8"), Words(lang: "en_US.UTF-8")])
    func aWholeShift(_ w: Words) throws {
        let dir = TempDir()
        let (db, alertID) = try ConsoleTmuxTests.prepareStore(dir)
        let env = ["TERM": "xterm-256color", "LANG": w.lang, "TZ": "UTC", "HOME": dir.path, "XDG_CONFIG_HOME": dir.file("config")]
        func cli(_ args: [String]) throws -> String {
            let r = try Binary.run(args + ["--db", db], env: env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r.stdout
        }
        _ = try cli(["shift", "start", "--officer", "王明", "--leader", "李强"])
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", db]), width: 160, height: 48, env: env)
        try tmux.waitFor(text: w.zh ? "值班 王明 · 带班 李强" : "on duty 王明 · lead 李强")

        // The alert: found, acknowledged, reported to the leader and passed on (two notes, N and the text).
        try tmux.send("1"); try tmux.send("/"); try tmux.send("ZZTEST", literal: true); try tmux.send("Enter")
        try tmux.waitFor(text: "ZZTEST")
        try tmux.send("a")
        try tmux.waitFor(text: w.acked)
        for text in [w.report, w.passOn] {
            try tmux.send("N")
            try tmux.send(text, literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(text: w.noted)
        }

        // Two units dispatched for it: the picker offers "dispatched", the form has the alert filled in.
        try tmux.send("2")
        for unit in ["U1400-104", "U1400-176"] {
            try tmux.send("/"); try tmux.send("Escape"); try tmux.send("/")
            try tmux.send(unit, literal: true); try tmux.send("Enter")
            try tmux.waitFor(text: "/" + unit)
            try tmux.send("u"); try tmux.send("Enter"); try tmux.send("Enter")
            try tmux.waitFor(text: w.statusSet)
        }

        // Stock issued for the alert from a line already below its minimum: the console asks first.
        try tmux.send("3"); try tmux.send("/"); try tmux.send("D140000", literal: true); try tmux.send("Enter")
        try tmux.waitFor(text: "914/1200")
        for quantity in ["20", "200"] {
            try tmux.send("i")
            try tmux.send(quantity, literal: true)
            try tmux.send("Tab"); try tmux.send(w.zh ? "安置转移群众" : "shelter for evacuees", literal: true)
            try tmux.send("Tab"); try tmux.send(alertID, literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(text: w.belowMinimum)
            try tmux.send("y")
            try tmux.waitFor(text: w.issued)
        }
        try tmux.waitFor(text: "694/1200")

        // The 200 was a mistake: undone from the log (the issue is the line before its link to the alert).
        try tmux.send("L")
        try tmux.waitFor(text: "-200")
        try tmux.send("k"); try tmux.send("u")
        try tmux.send(w.reason, literal: true); try tmux.send("Enter")
        try tmux.waitFor(text: w.corrected)
        try tmux.send("Escape")
        try tmux.waitFor(text: "894/1200")

        // The alert's details end with its timeline, the correction in it.
        try tmux.send("1"); try tmux.send("Enter")
        try tmux.waitFor(text: w.reason)
        try tmux.send("Escape")

        // The handover: on screen, and the same record from the CLI checked against its golden file.
        try tmux.send("H")
        try tmux.waitFor(text: w.handover)
        let record = try cli(["handover"])
        #expect(record.split(separator: "\n").allSatisfy { $0.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } <= 80 })
        check(Self.normalized(record), "shift-handover-\(w)")
        check(Self.normalized(try cli(["alerts", "timeline", alertID])), "shift-timeline-\(w)")

        // The next officer acknowledges it: a new shift starts, and the header says who is on duty.
        try tmux.send("a")
        try tmux.send("张华", literal: true); try tmux.send("Enter")
        try tmux.waitFor(text: w.tookOver)
        try tmux.waitFor(text: w.onDuty)
        let next = try #require(CLITests.jsonLines(try cli(["shift", "show", "--json"])).first)
        #expect(next["officer"] as? String == "张华" && next["leader"] as? String == "李强")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let failure = ScreenSnapshot.compare(text: text, named: name, directory: Self.golden) {
            Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
        }
    }

    /// The record with what differs run to run made constant: times, event ids, demo alert keys (they hold the
    /// time the demo was seeded).
    /// Event ids print their device in hex without leading zeros (15 digits one time in 16): matched as 16 digits,
    /// or fewer with a letter among them, so dates and alert ids are left alone.
    static func normalized(_ text: String) -> String {
        var s = text
        for (pattern, with) in [("\\b(?:[0-9a-f]{16}|[0-9a-f]*[a-f][0-9a-f]*)-[0-9]+\\b", "<event>"), ("\\b1[0-9]{5}-[0-9]{9,10}-[0-9]+\\b", "<alert>"),
                                ("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(:[0-9]{2})?", "<time>"),
                                ("\\b[0-9]{2}:[0-9]{2}\\b", "<hh:mm>")] {
            s = s.replacingOccurrences(of: pattern, with: with, options: .regularExpression)
        }
        return s
    }
}
