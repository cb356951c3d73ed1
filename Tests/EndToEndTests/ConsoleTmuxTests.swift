import Foundation
import Testing

/// The real console in a real terminal (tmux), driven by keys as a duty officer would.
@Suite(.serialized) struct ConsoleTmuxTests {
    /// A terminal environment to try, and the words the console shows in its language.
    struct Setup: CustomStringConvertible, Sendable {
        var name: String
        var env: [String: String]
        var zh: Bool
        var description: String { name }
        var office: String { "山西省应急管理厅" }
        /// The tab strip of the one-pane-at-a-time layout (pane titles alone would also say "2 Units").
        var tabs: String { zh ? "1 预警   2 救援力量" : "1 Alerts   2 Units" }
        var acked: String { zh ? "已确认" : "acked" }
        var issued: String { zh ? "出库" : "Issued" }
        var tooSmall: String { zh ? "终端太小" : "too small" }
        /// A field label only the issue dialog shows.
        var reasonField: String { zh ? "事由" : "Reason" }
        /// The start of the stock pane's key hints on the bottom row.
        var stockHints: String { zh ? "i 出库 · r 入库" : "i issue · r receive" }
    }

    static let setups: [Setup] = [
        Setup(name: "xterm-256color en", env: ["TERM": "xterm-256color", "LANG": "en_US.UTF-8"], zh: false),
        Setup(name: "screen", env: ["TERM": "screen", "LANG": "C.UTF-8"], zh: false),
        Setup(name: "vt100", env: ["TERM": "vt100", "LANG": "C.UTF-8"], zh: false),
        Setup(name: "NO_COLOR", env: ["TERM": "xterm-256color", "NO_COLOR": "1", "LANG": "en_US.UTF-8"], zh: false),
        Setup(name: "zh_CN", env: ["TERM": "xterm-256color", "LANG": "zh_CN.UTF-8"], zh: true),
    ]

    /// A seeded store plus one fresh, unacknowledged red alert imported from a CAP file.
    static func prepareStore(_ dir: TempDir) throws -> (db: String, alertID: String) {
        let db = dir.file("desk.db")
        let seeded = try Binary.run(["seed", "--demo", "--seed", "11", "--db", db])
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let id = "E2E-0001"
        let now = ISO8601DateFormatter().string(from: Date())
        let cap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(id)</identifier><sender>清徐县气象台</sender><sent>\(now)</sent>
          <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
          <info><language>zh-CN</language><category>Met</category><event>暴雨</event>
            <urgency>Immediate</urgency><severity>Red</severity><certainty>Observed</certainty>
            <headline>ZZTEST清徐县暴雨红色预警</headline>
            <area><areaDesc>清徐县</areaDesc><geocode><valueName>GB2260</valueName><value>140121</value></geocode></area>
          </info>
        </alert>
        """
        let file = dir.file("alert.xml")
        try cap.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try Binary.run(["alerts", "import", file, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        return (db, id)
    }

    static func json(_ args: [String]) throws -> [[String: Any]] {
        CLITests.jsonLines(try Binary.run(args).stdout)
    }

    @Test(.serialized, arguments: setups)
    func aShiftAtTheDesk(_ setup: Setup) throws {
        let dir = TempDir()
        let (db, alertID) = try Self.prepareStore(dir)
        var env = setup.env
        env["HOME"] = dir.path
        env["XDG_CONFIG_HOME"] = dir.file("config")
        // A shell runs the console and then reports its exit status on the restored terminal.
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", db]),
                            width: 200, height: 60, env: env)

        // Wide terminal: the desk layout shows all four panes at once, no tab strip.
        var screen = try tmux.waitFor(text: setup.office)
        #expect(!screen.contains(setup.tabs), "wide terminal should not need tabs:\n\(screen)")

        // Filter the alerts pane to the imported alert, then acknowledge it.
        try tmux.send("1")
        try tmux.send("/")
        try tmux.send("ZZTEST", literal: true)
        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "ZZTEST")
        try tmux.send("a")
        screen = try tmux.waitFor("the alert to show as acknowledged") { s in
            s.split(separator: "\n").contains { $0.contains("ZZTEST") && $0.contains(setup.acked) }
        }
        let acked = try Self.json(["alerts", "list", "--db", db, "--text", alertID, "--json"])
        #expect(acked.first?["acked_by_us"] as? Bool == true, "the store records the acknowledgment")

        // Issue one item from the provincial depot and see the quantity drop.
        let lines = try Self.json(["stock", "list", "--db", db, "--depot", "D140000", "--sort", "shortage", "--json"])
        let index = try #require(lines.firstIndex { ($0["quantity"] as? Int ?? 0) > 0 })
        let line = lines[index]
        let qty = line["quantity"] as! Int, minimum = line["minimum"] as! Int
        try tmux.send("3")
        try tmux.send("/")
        try tmux.send("D140000", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor(text: "\(qty)/\(minimum)")
        try tmux.send("g")
        for _ in 0..<index { try tmux.send("j") }
        try tmux.send("i")
        try tmux.send("1", literal: true)
        try tmux.send("Enter")
        // A line already short of its minimum asks first.
        if qty - 1 < minimum {
            try tmux.waitFor(text: setup.zh ? "低于下限" : "below the minimum")
            try tmux.send("y")
        }
        try tmux.waitFor(text: "\(qty - 1)/\(minimum)")
        let after = try Self.json(["stock", "list", "--db", db, "--depot", "D140000", "--item", line["item"] as! String, "--json"])
        #expect(after.first?["quantity"] as? Int == qty - 1)

        // Esc cancels a dialog without writing anything: the dialog is seen open, then seen closed; an Enter
        // after it (which would have submitted the 5) opens the row's details instead, and nothing is written.
        let before = try #require(try Self.json(["stats", "--db", db, "--json"]).first?["events"] as? Int)
        try tmux.send("i")
        try tmux.send("5", literal: true)
        try tmux.waitFor("the issue dialog to open") { $0.contains(setup.reasonField) }
        try tmux.send("Escape")
        try tmux.waitFor("the issue dialog to close after Esc") { !$0.contains(setup.reasonField) }
        try tmux.send("Enter")
        try tmux.send("Escape")
        try tmux.waitFor(text: "\(qty - 1)/\(minimum)")
        #expect(try Self.json(["stats", "--db", db, "--json"]).first?["events"] as? Int == before)
        let unchanged = try Self.json(["stock", "list", "--db", db, "--depot", "D140000", "--item", line["item"] as! String, "--json"])
        #expect(unchanged.first?["quantity"] as? Int == qty - 1, "Esc then Enter issued stock")

        // Shrink to a field laptop: the layout falls back to one pane at a time with tabs.
        try tmux.resize(width: 80, height: 24)
        // Waits for the whole frame, bottom bar included: under load tmux can be caught halfway through a repaint.
        screen = try tmux.waitFor("the field layout at \(try tmux.size())") { s in
            s.contains(setup.tabs) && (Tmux.rows(s).last.map { $0.contains(setup.stockHints) || $0.contains(setup.issued) } ?? false)
        }
        // Laid out for 24 rows: office on the first, the tab strip on the second, the key hints on the last.
        let rows = Tmux.rows(screen)
        #expect(rows.count == 24, "\(screen)")
        #expect(rows.first?.contains(setup.office) == true, "\(screen)")
        #expect(rows.dropFirst().first?.contains(setup.tabs) == true, "\(screen)")
        #expect(rows.last.map { $0.contains(setup.stockHints) || $0.contains(setup.issued) } == true,
                "the bottom bar is not on row 24:\n\(screen)")
        // And too small for anything: a clear message, still running.
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor(text: setup.tooSmall)
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor(text: setup.office)

        // Quit: the program exits 0 and the terminal is handed back (no console left on screen).
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0, "console did not exit cleanly")
        screen = try tmux.capture()
        #expect(!screen.contains(setup.office), "the console's screen was left behind:\n\(screen)")
    }

    @Test func theDemoIsLiveAndShowsOtherOfficesWork() throws {
        let dir = TempDir()
        let db = dir.file("demo.db")
        // Whole seconds: CAP times have no fractions, and the demo's history all lies before this.
        let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "demo", "--seed", "3", "--db", db]),
                            width: 120, height: 40, env: ["TERM": "xterm-256color", "LANG": "en_US.UTF-8", "HOME": dir.path])
        let first = try tmux.waitFor(text: "山西省应急管理厅", timeout: 30)
        let stats = try #require(try Self.json(["stats", "--db", db, "--json"]).first)
        let office = try #require(stats["office"] as? Int)
        // The simulator writes every few seconds; the panes change without a key being pressed.
        try tmux.waitFor("the panes to change on their own", timeout: 60) { screen in
            screen.split(separator: "\n").dropFirst().joined() != first.split(separator: "\n").dropFirst().joined()
        }
        // Its first write is a new warning from a county office, received after the demo started: read it back
        // through the CLI.
        let iso = ISO8601DateFormatter()
        var arrived: [String: Any]?
        for _ in 0..<100 where arrived == nil {
            arrived = try Self.json(["alerts", "list", "--db", db, "--sort", "newest", "--limit", "20", "--json"])
                .first { ($0["received"] as? String).flatMap(iso.date(from:)).map { $0 >= started } == true }
            if arrived == nil { usleep(200_000) }
        }
        let alert = try #require(arrived, "the simulator's first warning never reached the store")
        let sender = try #require(alert["sender"] as? String)
        #expect(!sender.hasPrefix("\(office)@"), "the warning comes from another office, not the desk's own (\(office))")
        let after = try #require(try Self.json(["stats", "--db", db, "--json"]).first)
        // The desk's own shift start waits in the outbox; what the simulated offices write never joins it.
        #expect(stats["queue_depth"] as? Int == 1 && after["queue_depth"] as? Int == 1,
                "other offices' events never enter this desk's outbox (\(stats["queue_depth"] ?? "-") → \(after["queue_depth"] ?? "-"))")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0, "the demo did not exit cleanly after q")
    }

    @Test func aTerminalCursesCannotDriveGetsAClearError() throws {
        let dir = TempDir()
        let db = dir.file("s.db")
        _ = try Binary.run(["init", "--db", db, "--office", "140100", "--operator", "t"])
        // TERM=dumb is the plain line mode now (PlainModeTests), not a refusal.
        let dumb = try Binary.run(["console", "--db", db], env: ["TERM": "dumb"])
        #expect(dumb.status == 0 && dumb.stdout.contains("plain text"), "\(dumb.stdout)\(dumb.stderr)")
        let unknown = try Binary.run(["console", "--db", db], env: ["TERM": "no-such-terminal-xyz"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no-such-terminal-xyz"))
    }
}
