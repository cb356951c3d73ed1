import Foundation

/// One command of the CLI: the words that name it, its synopsis lines, what `--help` says of it in English and
/// Chinese, and its handler. `DutyDesk.run` dispatches through `CLICommand.table` and `Help` prints it, so
/// adding a command is an entry here plus its handler.
struct CLICommand {
    /// The first word(s) on the command line that select it (several: `sync`, `serve-sync`… share a handler).
    let words: [String]
    /// The usage lines `--help` shows (syntax, the same in both languages).
    let synopsis: [String]
    /// One line on what it does.
    let about: (en: String, zh: String)
    /// Listed by `--help`; false for internal helpers (the crash test's writer).
    var listed = true
    /// Runs it; `word` is the one that selected it.
    let run: @Sendable (_ word: String, _ args: inout Arguments) throws -> Void

    /// Every command, in the order `--help` lists them.
    static let table: [CLICommand] = [
        CLICommand(words: ["demo"], synopsis: ["demo [--scale N] [--seed S] [--theme T] [--layout L] [--lang zh|en] [--plain]"],
                   about: ("open the console on a fresh demo province (live simulator)", "在新建的演示省份上打开控制台（实时模拟）"),
                   run: { _, a in try ConsoleCommand.run(&a, demo: true) }),
        CLICommand(words: ["console"], synopsis: [
            "console [--db PATH] [--theme T] [--layout L] [--lang zh|en] [--remote R] [--sync-interval S] [--plain]",
            "        [--bell on|flash|off] [--unavailable confirm|refuse] [--feed URL]… [--spool DIR]… [--feed-interval S]"],
                   about: ("open the console on a store (feeds also from $XDG_CONFIG_HOME/dutydesk/feeds.conf); --plain or TERM=dumb: lines for a screen reader",
                           "在数据库上打开控制台（订阅源亦可写在 $XDG_CONFIG_HOME/dutydesk/feeds.conf）；--plain 或 TERM=dumb：供读屏使用的逐行模式"),
                   run: { _, a in try ConsoleCommand.run(&a, demo: false) }),
        CLICommand(words: ["init"], synopsis: ["init --office CODE --name NAME --operator NAME"],
                   about: ("create a store for an office (GB/T 2260 region code)", "为一个单位新建数据库（GB/T 2260 区划代码）"),
                   run: { _, a in try InitCommand.run(&a) }),
        CLICommand(words: ["seed"], synopsis: ["seed --demo [--scale N] [--seed S]"],
                   about: ("fill the store with the demo Shanxi province", "写入演示用的山西省数据"),
                   run: { _, a in try SeedCommand.run(&a) }),
        CLICommand(words: ["stats"], synopsis: ["stats [--json]"],
                   about: ("counts per entity, queue depth, store size", "各类记录数、待同步数、数据库大小"),
                   run: { _, a in try StatsCommand.run(&a) }),
        CLICommand(words: ["check"], synopsis: ["check [--themes] [--layouts] [--deadlines]"],
                   about: ("integrity check and DutyDesk invariants; theme/layout/deadline files", "完整性与不变量检查；主题、布局、时限文件"),
                   run: { _, a in try CheckCommand.run(&a) }),
        CLICommand(words: ["alerts"], synopsis: [
            "alerts list [--level I..IV|red..blue] [--state S] [--hazard H] [--region CODE] [--active] [--text T]",
            "            [--sort severity|newest|oldest] [--limit N] [--json]",
            "alerts ack ALERT-ID | show ID [--json] | export ID | timeline ALERT-ID [--json]",
            "alerts import FILE.xml|DIR… | - [--json]",
            "alerts watch DIR [--once] [--interval S]",
            "alerts poll URL… [--count N] [--interval S] [--max-backoff S] [--timeout S] [--max-bytes N]",
            "alerts quarantine list [--json] | show ID [--raw|--json] | retry ID | drop ID",
            "alerts steps [ALERT-ID] [--missed] [--json] | done ALERT-ID STEP   (report, passOn, relief:AREA)"],
                   about: ("warnings: list, acknowledge, import CAP (files, a spool, HTTP feeds), quarantine, timeline, duty steps",
                           "预警：列表、确认、导入 CAP（文件、投递目录、HTTP 订阅）、隔离区、时间线、值班步骤"),
                   run: { _, a in try AlertsCommand.run(&a) }),
        CLICommand(words: ["units"], synopsis: [
            "units list [--kind K] [--status S] [--region CODE] [--text T] [--sort kind|status|name|recent] [--json]",
            "units status UNIT-ID STATUS [--alert ALERT-ID]",
            "units dispatch ALERT-ID UNIT-ID… [--confirm] | release ALERT-ID [--list] [--confirm]"],
                   about: ("rescue units: list, set a status, dispatch several at once, release after an alert",
                           "救援力量：列表、设置状态、批量调派、预警结束后归队"),
                   run: { _, a in try UnitsCommand.run(&a) }),
        CLICommand(words: ["stock"], synopsis: [
            "stock list [--depot D] [--item I] [--level L] [--category C] [--region CODE] [--low] [--expiring DAYS]",
            "           [--text T] [--sort shortage|depot|item|expiry] [--json]",
            "stock nearest ALERT-ID ITEM [--limit N] [--json]",
            "stock receive|issue DEPOT ITEM QTY [--reason R] [--alert ID] [--force|--yes]",
            "stock transfer FROM-DEPOT TO-DEPOT ITEM QTY [--reason R] | transfers [--pending] [--json] | accept TRANSFER-ID",
            "stock count DEPOT ITEM OBSERVED [--reason R]"],
                   about: ("supplies: list, nearest depots to an alert, receive, issue (below the minimum needs --force), transfer, count",
                           "物资：列表、预警就近储备库、入库、出库（低于下限需 --force）、调拨、盘点"),
                   run: { _, a in try StockCommand.run(&a) }),
        CLICommand(words: ["search"], synopsis: ["search WORDS… [--limit N] [--json]"],
                   about: ("alerts, units, depots, items, drills and notes holding every word; low, expiring, active",
                           "搜索含全部词语的预警、力量、储备库、物资、演练与记事；low、expiring、active"),
                   run: { _, a in try SearchCommand.run(&a) }),
        CLICommand(words: ["contacts"], synopsis: [
            "contacts list [--kind office|depot|unit] [--text T] [--json]",
            "contacts set office|depot|unit ID PHONE [--leader]"],
                   about: ("duty phones and the leader on duty", "值班电话与带班领导"),
                   run: { _, a in try ContactsCommand.run(&a) }),
        CLICommand(words: ["drills"], synopsis: [
            "drills list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--status S] [--region CODE] [--json]",
            "drills schedule --title T --date YYYY-MM-DD [--time HH:MM] [--hours H] [--hazard H] [--form tabletop|practical]",
            "                [--scope single|comprehensive] [--region CODE] [--joint] [--double-blind] [--units U1,U2]",
            "drills update DRILL-ID field=value…"],
                   about: ("exercise plans: list, schedule, update", "演练计划：列表、安排、修改"),
                   run: { _, a in try DrillsCommand.run(&a) }),
        CLICommand(words: ["shift"], synopsis: ["shift start --officer NAME --leader NAME | shift end | shift show [--json]"],
                   about: ("the duty shift: start, end, show", "值班班次：开始、结束、查看"),
                   run: { _, a in try ShiftCommand.run(&a) }),
        CLICommand(words: ["log"], synopsis: [
            "log [--shift ID|current] [--since YYYY-MM-DD [--at HH:MM]] [--alert ID] [--operator NAME] [--json]"],
                   about: ("the duty log; default: the shift on, else the last 24 h", "值班日志；默认为当前班次，否则为最近 24 小时"),
                   run: { _, a in try LogCommand.run(&a) }),
        CLICommand(words: ["note"], synopsis: ["note TEXT [--alert ID]"],
                   about: ("a note in the duty log, optionally on an alert", "在值班日志中记一笔，可关联预警"),
                   run: { _, a in try NoteCommand.run(&a) }),
        CLICommand(words: ["correct"], synopsis: ["correct EVENT-ID --reason R"],
                   about: ("undo a stock movement, unit status, field edit, ack or note (a compensating event)",
                           "撤销出入库、力量状态、字段修改、确认或记事（补偿事件）"),
                   run: { _, a in try CorrectCommand.run(&a) }),
        CLICommand(words: ["handover"], synopsis: [
            "handover [--markdown] [--lang zh|en]", "handover --ack --officer NAME --leader NAME"],
                   about: ("the shift's handover record; --ack: the incoming officer takes over", "交接班记录；--ack：接班人接班"),
                   run: { _, a in try HandoverCommand.run(&a) }),
        CLICommand(words: ["rejections"], synopsis: ["rejections [--ack] [--json]"],
                   about: ("events the centre refused (undone here); --ack marks them seen", "被中心拒收的事件（已在本地撤回）；--ack 标记为已阅"),
                   run: { _, a in try RejectionsCommand.run(&a) }),
        CLICommand(words: ["sync", "serve-sync", "central", "office"], synopsis: [
            "sync [--remote ssh://user@host[:port]/path/central.db | PATH]",
            "serve-sync --store PATH [--office CODE]",
            "central init PATH [--demo] [--seed S] | new-epoch PATH --reason TEXT | prune PATH [--keep N] | stats PATH",
            "office authorize CODE --key FILE --store PATH"],
                   about: ("synchronise with the centre; run and keep the central store (PATH may be a postgres:// URL)",
                           "与中心同步；运行与维护中心库（PATH 可为 postgres:// 地址）"),
                   run: { word, a in try SyncCommands.run(word, &a) }),
        CLICommand(words: ["bench"], synopsis: [
            "bench duty|shift|store [--events N] | bench sync | bench fuzz [--frames N] [--seed S]",
            "bench central [--offices N] [--events N] [--postgres URL] | bench central --pull [--entries N] [--county CODE]",
            "bench province [--backend sqlite|postgres] [--offices N] [--hours H] [--events-per-office N] [--workers W]",
            "bench cap [--events N] [--documents N] [--per-document N] | bench cap --large-mb N",
            "bench soak [--trials N] [--seed S] [--keep DIR]"],
                   about: ("benchmarks; each prints its figures", "性能测试；各自输出测量数据"),
                   run: { _, a in try BenchCommand.run(&a) }),
        CLICommand(words: ["help"], synopsis: ["help | --help | --version"],
                   about: ("this text", "本帮助"),
                   run: { _, _ in print(Help.text) }),
        CLICommand(words: ["_crash-writer"], synopsis: [], about: ("", ""), listed: false,
                   run: { _, a in try CrashWriter.run(&a) }),
    ]

    /// The entry a command word selects.
    static func named(_ word: String) -> CLICommand? { table.first { $0.words.contains(word) } }
}
