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
        let c = try ConsoleFeedTests.FeedConsole(feed: "status/503/a.xml?retry=300", lang: "zh_CN.UTF-8", width: 220)
        try c.tmux.waitFor(text: "订阅故障 1/1：a.xml?retry=300 HTTP 503 服务不可用", timeout: 20)
        let list = try c.feedsList("订阅", title: "订阅：1 个")
        #expect(list.contains("HTTP 503（服务不可用；300 秒后重试） · 下次尝试 "), "\(list)")
        try c.quit()
    }
}
