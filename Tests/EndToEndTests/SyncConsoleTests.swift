import Foundation
import Testing

/// Two offices and a central store on this machine: the console goes from offline to online by itself and
/// shows another office's warning without a key being pressed.
@Suite(.serialized) struct SyncConsoleTests {
    @Test func theStatusBarGoesOnlineAndAnotherOfficesAlertAppears() throws {
        let dir = TempDir()
        let central = dir.file("central.db"), county = dir.file("qingxu.db"), city = dir.file("taiyuan.db")
        try #require(try Binary.run(["init", "--db", county, "--office", "140121", "--operator", "张伟"]).status == 0)
        try #require(try Binary.run(["init", "--db", city, "--office", "140100", "--operator", "王芳"]).status == 0)

        // The central store does not exist yet: the console starts offline and keeps working.
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", county, "--remote", central, "--sync-interval", "2"]),
                            width: 120, height: 40, env: ["TERM": "xterm-256color", "LANG": "en_US.UTF-8", "HOME": dir.path])
        try tmux.waitFor(text: "offline", timeout: 20)

        // The link comes up: the next background cycle succeeds and the county's scope arrives.
        let made = try Binary.run(["central", "init", central, "--demo"])
        try #require(made.status == 0, "\(made.stderr)")
        let online = try tmux.waitFor("online with units pulled", timeout: 60) {
            $0.contains("online") && $0.contains("2 Units") && !$0.contains("2 Units 0 ")
        }
        #expect(!online.contains("offline"))

        // Taiyuan issues a warning for Qingxu and syncs; Qingxu's console shows it on its own.
        let now = ISO8601DateFormatter().string(from: Date())
        let cap = """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>SYNC-E2E-1</identifier><sender>太原市气象台</sender>
        <sent>\(now)</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
        <info><event>暴雨</event><urgency>Immediate</urgency><severity>Orange</severity><certainty>Likely</certainty>
        <headline>SYNCTEST清徐县暴雨橙色预警</headline>
        <area><areaDesc>清徐县</areaDesc><geocode><valueName>GB2260</valueName><value>140121</value></geocode></area></info></alert>
        """
        let file = dir.file("a.xml")
        try cap.write(toFile: file, atomically: true, encoding: .utf8)
        try #require(try Binary.run(["alerts", "import", file, "--db", city]).status == 0)
        let pushed = try Binary.run(["sync", "--db", city, "--remote", central])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        try tmux.waitFor(text: "SYNCTEST", timeout: 30)
        // On screen and in the county's store: Taiyuan's warning, as the CLI reads it.
        let listed = CLITests.jsonLines(try Binary.run(["alerts", "list", "--db", county, "--text", "SYNCTEST", "--json"]).stdout)
        #expect(listed.map { $0["id"] as? String } == ["SYNC-E2E-1"], "\(listed)")
        #expect(listed.first?["sender"] as? String == "太原市气象台")
        #expect(listed.first?["acked_by_us"] as? Bool == false)
        let stats = try #require(CLITests.jsonLines(try Binary.run(["stats", "--db", county, "--json"]).stdout).first)
        #expect(stats["queue_depth"] as? Int == 0, "the pulled warning is not queued as the county's own")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0, "the console did not exit cleanly after q")
    }
}
