import Foundation
import Testing

/// A level I alert reaching a console in a real terminal rings exactly one bell and leaves a banner, at 80×24 under
/// vt100 (an SSH session on a small screen) as at 200×60 under xterm-256color; a Test message rings nothing. The
/// bells are counted in what the console wrote to its terminal (tmux `pipe-pane`).
@Suite(.serialized) struct AlarmTmuxTests {
    struct Setup: CustomStringConvertible, Sendable {
        var term: String
        var width: Int
        var height: Int
        var description: String { "\(term) \(width)x\(height)" }
    }

    static let setups = [Setup(term: "vt100", width: 80, height: 24), Setup(term: "xterm-256color", width: 200, height: 60)]

    static func cap(_ id: String, status: String, headline: String) -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(id)</identifier><sender>140100@yjgl</sender><sent>\(now)</sent>
          <status>\(status)</status><msgType>Alert</msgType><scope>Public</scope>
          <info><language>en</language><category>Met</category><event>Rainstorm</event>
            <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>
            <headline>\(headline)</headline>
            <area><areaDesc>Taiyuan</areaDesc><geocode><valueName>GB2260</valueName><value>140100</value></geocode></area>
          </info>
        </alert>
        """
    }

    static func bells(_ path: String) -> Int {
        ((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()).filter { $0 == 0x07 }.count
    }

    @Test(arguments: setups)
    func aLevelIArrivalRingsOnceATestMessageNever(_ setup: Setup) throws {
        let dir = TempDir()
        let db = dir.file("desk.db")
        let made = try Binary.run(["init", "--db", db, "--office", "140100", "--name", "Taiyuan EMB", "--operator", "Wang"])
        try #require(made.status == 0, "\(made.stderr)")
        let tmux = try Tmux(command: [Binary.path, "console", "--db", db], width: setup.width, height: setup.height,
                            env: ["TERM": setup.term, "LANG": "C.UTF-8", "HOME": dir.path, "XDG_CONFIG_HOME": dir.file("config")])
        _ = try tmux.waitFor(text: "Taiyuan EMB")
        let output = dir.file("terminal.out")
        try tmux.tmux(["pipe-pane", "-o", "-t", tmux.name, "cat >> " + Tmux.quote(output)])

        func importAlert(_ id: String, _ status: String, _ headline: String) throws {
            let file = dir.file(id + ".xml")
            try Self.cap(id, status: status, headline: headline).write(toFile: file, atomically: true, encoding: .utf8)
            let imported = try Binary.run(["alerts", "import", file, "--db", db])
            try #require(imported.status == 0, "\(imported.stderr)")
        }
        try importAlert("TEST-1", "Test", "Siren check only")
        _ = try tmux.waitFor(text: "[TEST]")
        usleep(600_000)  // a few ticks: had it rung, the bell would be written by now
        #expect(Self.bells(output) == 0, "a Test message rang the bell")

        try importAlert("REAL-1", "Actual", "Dam breach downstream")
        let screen = try tmux.waitFor("the alarm banner") { $0.contains("level I") && $0.contains("Dam breach") }
        usleep(600_000)
        #expect(Self.bells(output) == 1, "one bell for one level I arrival\n\(screen)")
        // The banner stays until acknowledged, and acknowledging it rings nothing more.
        try tmux.send("j")
        _ = try tmux.waitFor(text: "! acknowledge")
        try tmux.send("!")
        _ = try tmux.waitFor("the banner to go") { !$0.contains("! acknowledge") }
        #expect(Self.bells(output) == 1)
    }
}
