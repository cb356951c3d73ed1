import Foundation
import Testing
import TestSupport

/// Why a feed failed, in the operator's language (issue 9): our words translated, a server's or library's words kept,
/// on `alerts poll`'s error and health lines (the CLI follows LANG) and on the console's status bar and `:feeds` list.
@Suite(.serialized) struct FeedReasonLanguageTests {
    /// A 503 with Retry-After, an HTML page and a redirect loop, polled once under zh and once under en.
    @Test(arguments: [("zh_CN.UTF-8", ["HTTP 503（服务不可用；300 秒后重试）", "是 HTML 网页，不是 CAP、Atom 或 RSS（HTTP 200）",
                                       "重定向过多（重定向循环？）", "故障（连续 1 次）；上次成功 无；上次错误 20"]),
                      ("en_US.UTF-8", ["HTTP 503 (service unavailable; retry after 300 s)", "an HTML page, not CAP, Atom or RSS (HTTP 200)",
                                       "too many redirects (a redirect loop?)", "failing (1 in a row); last ok never; last error 20"])])
    func pollSaysWhyInTheCLIsLanguage(lang: String, expected: [String]) throws {
        let dir = TemporaryDirectory()
        let (root, db) = try AlertPollCLITests.setUp(dir)
        let server = try AlertPollCLITests.server(root: root, log: dir.file("log"))
        defer { server.stop() }
        let feeds = [server.url("status/503/a.xml?retry=300"), server.url("html/a.xml"), server.url("loop/a.xml")]
        let r = try Binary.run(["alerts", "poll"] + feeds + ["--count", "1", "--db", db], env: ["LANG": lang, "LC_ALL": lang])
        #expect(r.status == 1)
        let all = r.stdout + r.stderr
        for text in expected { #expect(all.contains(text), "\(text): \(all)") }
        if lang.hasPrefix("zh") {
            #expect(!all.contains("service unavailable") && !all.contains("failing"), "no English words of ours under zh: \(all)")
        }
    }

    /// The console under zh: the status bar names the failing feed with the translated reason ("HTTP 503 服务不可用"),
    /// and `:订阅` gives the whole reason in Chinese.
    @Test func theConsoleSaysWhyInChinese() throws {
        let dir = TempDir()
        let db = dir.file("p.db"), www = dir.file("www")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "张伟"]).status == 0)
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: AlertImportCLITests.corpus.appendingPathComponent("exercise-shanxi.xml").path, toPath: www + "/a.xml")
        let server = try AlertPollCLITests.server(root: www, log: dir.file("log"))
        defer { server.stop() }
        let tmux = try Tmux(command: Tmux.reportingExit([Binary.path, "console", "--db", db, "--feed", server.url("status/503/a.xml?retry=300")]),
                            width: 220, height: 40, env: ["TERM": "xterm-256color", "LANG": "zh_CN.UTF-8", "HOME": dir.path,
                                                          "XDG_CONFIG_HOME": dir.file("config")])
        try tmux.waitFor(text: "订阅故障 1/1：a.xml?retry=300 HTTP 503 服务不可用", timeout: 20)
        try tmux.send(":")
        try tmux.send("订阅", literal: true)
        try tmux.send("Enter")
        let list = try tmux.waitFor("the feeds list in Chinese", timeout: 10) { $0.contains("订阅：1 个") }
        #expect(list.contains("HTTP 503（服务不可用；300 秒后重试） · 下次尝试 "), "\(list)")
        try tmux.send("Escape")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0, "the console did not exit cleanly after q")
    }
}
