import Foundation
import Testing

/// The CLI speaks the operator's language (issue 10): each area, through the real binary, under
/// LANG=zh_CN.UTF-8 and en_US.UTF-8. `--json` keys stay English whatever the language.
@Suite struct CLILanguageTests {
    static let zh = "zh_CN.UTF-8", en = "en_US.UTF-8"

    /// Runs the binary with only LANG naming the language (LC_ALL and LC_MESSAGES would win over it).
    static func run(_ args: [String], _ lang: String) throws -> Binary.Result {
        try Binary.run(args, env: ["LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""])
    }

    /// A fresh office store at `dir/name`.
    static func store(_ dir: TempDir, _ name: String = "s.db") throws -> String {
        let db = dir.file(name)
        let made = try run(["init", "--db", db, "--office", "140100", "--operator", "王"], en)
        #expect(made.status == 0, "\(made.stderr)")
        return db
    }

    @Test func initSpeaksTheLanguage() throws {
        let dir = TempDir()
        let zh = try Self.run(["init", "--db", dir.file("zh.db"), "--office", "140100", "--operator", "王"], Self.zh)
        #expect(zh.stdout.hasPrefix("已创建 ") && zh.stdout.contains("值班员 王"), "\(zh.stdout)")
        let en = try Self.run(["init", "--db", dir.file("en.db"), "--office", "140100", "--operator", "王"], Self.en)
        #expect(en.stdout.hasPrefix("created ") && en.stdout.contains("operator 王"), "\(en.stdout)")
        let bad = try Self.run(["init", "--db", dir.file("x.db"), "--office", "12"], Self.zh)
        #expect(bad.status == 2 && bad.stderr.contains("区划代码") && bad.stderr.contains("见 dutydesk --help"), "\(bad.stderr)")
    }

    @Test func statsAndCheckSpeakTheLanguageButJSONKeysStayEnglish() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        let zh = try Self.run(["stats", "--db", db], Self.zh).stdout
        #expect(zh.contains("数据库") && zh.contains("事件") && zh.contains("待同步") && !zh.contains("queue_depth"), "\(zh)")
        let en = try Self.run(["stats", "--db", db], Self.en).stdout
        #expect(en.contains("store    ") && en.contains("queue_depth") && !en.contains("待同步"), "\(en)")
        let json = try Self.run(["stats", "--db", db, "--json"], Self.zh).stdout
        #expect(json.contains("\"queue_depth\"") && json.contains("\"events\"") && !json.contains("事件"), "\(json)")
        #expect(try Self.run(["check", "--db", db], Self.zh).stdout == "正常\n")
        #expect(try Self.run(["check", "--db", db], Self.en).stdout == "ok\n")
    }

    @Test func listHeadersSpeakTheLanguage() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        for (args, zh, en) in [(["alerts", "list"], "级别", "LVL"), (["units", "list"], "人数", "STRENGTH"),
                               (["stock", "list"], "储备库", "DEPOT NAME"), (["rejections"], "原因", "REASON")] {
            let z = try Self.run(args + ["--db", db], Self.zh).stdout
            let e = try Self.run(args + ["--db", db], Self.en).stdout
            #expect(z.contains(zh), "\(args): \(z)")
            #expect(e.contains(en) && !e.contains("编号"), "\(args): \(e)")
            #expect(!z.contains(en), "\(args) header left in English: \(z)")
        }
    }

    @Test func importResultsSpeakTheLanguage() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        let file = AlertImportCLITests.corpus.appendingPathComponent("exercise-shanxi.xml").path
        let zh = try Self.run(["alerts", "import", file, "--db", db], Self.zh)
        #expect(zh.status == 0 && zh.stdout.hasPrefix("已导入 ") && zh.stdout.contains("（事件 "), "\(zh.stdout)\(zh.stderr)")
        let again = try Self.run(["alerts", "import", file, "--db", db], Self.en)
        #expect(again.stdout.contains("already in the store") && again.stdout.contains("skipped 1"), "\(again.stdout)")
        let againZh = try Self.run(["alerts", "import", file, "--db", db], Self.zh)
        #expect(againZh.stdout.contains("库中已有") && againZh.stdout.contains("跳过"), "\(againZh.stdout)")
        let bad = AlertImportCLITests.corpus.appendingPathComponent("bad-truncated.xml").path
        let refused = try Self.run(["alerts", "import", bad, "--db", db], Self.zh)
        #expect(refused.status == 1 && refused.stderr.contains("已隔离"), "\(refused.stderr)")
    }

    @Test func syncSpeaksTheLanguage() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        let central = dir.file("central.db")
        let made = try Self.run(["central", "init", central], Self.zh)
        #expect(made.status == 0 && made.stdout.hasPrefix("已创建中心库"), "\(made.stdout)\(made.stderr)")
        let zh = try Self.run(["sync", "--db", db, "--remote", central], Self.zh)
        #expect(zh.status == 0 && zh.stdout.hasPrefix("上传 "), "\(zh.stdout)\(zh.stderr)")
        let en = try Self.run(["sync", "--db", db], Self.en)
        #expect(en.status == 0 && en.stdout.hasPrefix("pushed "), "\(en.stdout)\(en.stderr)")
    }

    @Test func resultsOfActionsSpeakTheLanguage() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        #expect(try Self.run(["search", "xyzzy", "--db", db], Self.zh).stdout == "未找到\n")
        #expect(try Self.run(["search", "xyzzy", "--db", db], Self.en).stdout == "nothing found\n")
        let zh = try Self.run(["note", "已电话通知清徐县", "--db", db], Self.zh)
        #expect(zh.stdout.hasPrefix("已记入值班日志"), "\(zh.stdout)")
        let shown = try Self.run(["alerts", "show", "NOPE", "--db", db], Self.zh)
        #expect(shown.status == 1 && shown.stderr.contains("没有预警“NOPE”"), "\(shown.stderr)")
    }

    /// `alerts show` labels its fields from the catalog (they were English under any LANG), names the hazard and state
    /// in the language, shows the CAP event beside a hazard outside the plan, and prints a description's markup as
    /// text; `--json` keys stay English. The list's hazard and state follow the language too.
    @Test func alertsShowSpeaksTheLanguage() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        for name in ["ph-pagasa-tcws-signal2.xml", "edge-no-headline-html-long-description.xml"] {
            let file = AlertImportCLITests.corpus.appendingPathComponent(name).path
            #expect(try Self.run(["alerts", "import", file, "--db", db], Self.en).status == 0)
        }
        let id = "PAGASA-TCWS-2026-09-17-0500-KRISTINE-12"
        let zh = try Self.run(["alerts", "show", id, "--db", db], Self.zh).stdout
        for part in ["II \(id) 其他 ", "事件：Tropical Cyclone Wind Signal No. 2", "级别：II 橙色", "发布单位：pagasa@pagasa.dost.gov.ph",
                     "消息链：1 条", "，发布单位 pagasa@pagasa.dost.gov.ph：", "描述："] {
            #expect(zh.contains(part), "\(part): \(zh)")
        }
        for english in ["event:", "level:", " from ", "Other", "description:"] { #expect(!zh.contains(english), "\(english): \(zh)") }
        let en = try Self.run(["alerts", "show", id, "--db", db], Self.en).stdout
        for part in ["II \(id) Other ", "event: Tropical Cyclone Wind Signal No. 2", "level: II Orange", " from pagasa@pagasa.dost.gov.ph: ",
                     "messages of the chain: 1"] {
            #expect(en.contains(part), "\(part): \(en)")
        }
        #expect(!en.contains("事件"), "\(en)")
        let json = try Self.run(["alerts", "show", id, "--db", db, "--json"], Self.zh).stdout
        #expect(json.contains("\"event\":\"Tropical Cyclone Wind Signal No. 2\"") && !json.contains("事件"), "\(json)")
        // No headline: the event stands in; HTML in the description is printed as text, never entities or escapes.
        let nz = try Self.run(["alerts", "show", "NZ-NEMA-2026-0623-0415", "--db", db], Self.zh).stdout
        #expect(nz.contains("暴雨 新：Heavy Rain\n") && nz.contains("    <b>Civil Defence advice</b>: <a href=") && nz.contains("END OF BULLETIN"), "\(nz)")
        #expect(!nz.contains("&lt;") && !nz.unicodeScalars.contains { $0.value == 0x1B }, "\(nz)")
        let list = try Self.run(["alerts", "list", "--db", db], Self.zh).stdout
        #expect(list.contains("其他") && list.contains("暴雨") && !list.contains("Other") && !list.contains("Rainstorm"), "\(list)")
    }

    @Test func errorsSpeakTheLanguage() throws {
        let dir = TempDir()
        for (args, zh, en) in [(["bogus"], "未知命令“bogus”", "unknown command 'bogus'"),
                               (["stats", "--db", dir.file("none.db")], "没有数据库", "no store at"),
                               (["alerts", "list", "--limit"], "需要一个值", "needs a value"),
                               (["alerts", "list", "--level", "V"], "未知级别", "unknown level"),
                               (["shift", "start"], "带班领导", "--leader NAME"),
                               (["console", "--bell", "loud"], "未知的 --bell“loud”", "unknown --bell 'loud'")] {
            let z = try Self.run(args, Self.zh), e = try Self.run(args, Self.en)
            #expect(z.status != 0 && z.stderr.hasPrefix("dutydesk：") && z.stderr.contains(zh), "\(args): \(z.stderr)")
            #expect(e.status == z.status && e.stderr.hasPrefix("dutydesk: ") && e.stderr.contains(en), "\(args): \(e.stderr)")
            #expect(z.stderr.split(separator: "\n").count == 1, "one line on stderr")
        }
    }
}

/// The CLI's one command table (Sources/dutydesk/CLICommands.swift): `--help` is printed from it and the dispatch
/// reads it, so every word help lists reaches a handler, in either language.
@Suite struct CLICommandTableTests {
    static let words = ["alerts", "bench", "central", "check", "console", "contacts", "correct", "demo", "drills", "handover",
                        "help", "init", "log", "note", "office", "rejections", "search", "seed", "serve-sync", "shift",
                        "stats", "stock", "sync", "units"]

    static func listed(_ help: String) -> Set<String> {
        Set(help.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  dutydesk ") else { return nil }
            return line.dropFirst(11).split(separator: " ").first.map(String.init)
        })
    }

    @Test func everyEntryIsInHelpAndDispatches() throws {
        let dir = TempDir()
        for lang in [CLILanguageTests.zh, CLILanguageTests.en] {
            let help = try CLILanguageTests.run(["--help"], lang).stdout
            #expect(Self.listed(help) == Set(Self.words), "\(lang): \(Self.listed(help).symmetricDifference(Self.words))")
            #expect(help.contains(lang == CLILanguageTests.zh ? "值班日志" : "the duty log"), "help in \(lang)")
        }
        for word in Self.words {
            // An unknown option reaches the handler, which refuses it (or asks for what it lacks) before any work.
            let r = try Binary.run([word, "--no-such-option"],
                                   env: ["LANG": CLILanguageTests.en, "TERM": "dumb", "XDG_DATA_HOME": dir.path])
            #expect(!r.stderr.contains("unknown command"), "\(word): \(r.stderr)")
            #expect(word == "help" ? r.status == 0 : r.status != 0, "\(word): \(r.status) \(r.stderr)")
        }
        let unknown = try Binary.run(["no-such-command"], env: ["LANG": CLILanguageTests.en])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown command 'no-such-command'"))
    }
}
