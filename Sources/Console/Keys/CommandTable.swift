import Model
import Screen

/// What a key or a palette word asks the console to do.
enum Command: String, CaseIterable, Sendable {
    case focusNext, focusPrev, focusAlerts, focusUnits, focusStock, focusDrills
    case down, up, pageDown, pageUp, top, bottom
    case detail, filter, sort, zoom, help, palette
    case ack, unitStatus, issue, receive, count, schedule, calendar
    case alertScope, stockLevel, stockCategory
    case log, note, undo, correct, handover
    case alarmAck, alarm, stepDone, markUnit, dispatch, release, search, nearest, contacts
    case theme, layout, lang, rejected, quarantine, feeds
    case quit, forceQuit
}

/// One row of the command table: the keys that run it (and how help shows them), the pane it is bound in (nil:
/// everywhere), its help text, the palette words that run it in English and Chinese with what follows them, and what
/// it does. Help, the palette and the key map are all read from this one table, so they cannot disagree.
struct CommandEntry: Sendable {
    var command: Command
    var keys: [KeyEvent] = []
    var label = ""
    var pane: PaneKind?
    var help: S
    /// The palette word in each language; both are accepted whatever the console's language.
    var words: Names?
    /// What the palette word takes after it ("[ALERT]"), shown in help and the palette's hints.
    var arguments: Names?
    /// What the argument being typed may complete to.
    var completions: @Sendable (ConsoleApp) -> [String] = { _ in [] }
    /// Leaves the console.
    var quits = false
    /// What its key does (and its word typed alone).
    var run: @Sendable (ConsoleApp) -> Void
    /// What its word does with arguments (nil: the same as alone).
    var typed: (@Sendable (ConsoleApp, [String]) -> Void)?
}

/// The one command table of the console (as tig's request table).
enum CommandTable {
    static let entries: [CommandEntry] = [
        CommandEntry(command: .focusNext, keys: [.tab], label: "Tab", help: .hFocusNext, run: { $0.cycleFocus(1) }),
        CommandEntry(command: .focusPrev, keys: [.backTab], label: "Shift-Tab", help: .hFocusPrev, run: { $0.cycleFocus(-1) }),
        CommandEntry(command: .focusAlerts, keys: [.char("1")], label: "1", help: .hFocusPane, run: { $0.switchFocus(.alerts) }),
        CommandEntry(command: .focusUnits, keys: [.char("2")], label: "2", help: .hFocusPane, run: { $0.switchFocus(.units) }),
        CommandEntry(command: .focusStock, keys: [.char("3")], label: "3", help: .hFocusPane, run: { $0.switchFocus(.stock) }),
        CommandEntry(command: .focusDrills, keys: [.char("4")], label: "4", help: .hFocusPane, run: { $0.switchFocus(.drills) }),
        CommandEntry(command: .down, keys: [.char("j"), .down], label: "j ↓", help: .hDown, run: { $0.moveSelection(by: 1) }),
        CommandEntry(command: .up, keys: [.char("k"), .up], label: "k ↑", help: .hUp, run: { $0.moveSelection(by: -1) }),
        CommandEntry(command: .pageDown, keys: [.pageDown, .ctrl("f")], label: "PgDn ^F", help: .hPageDown,
                     run: { $0.moveSelection(by: $0.visibleRows($0.focus)) }),
        CommandEntry(command: .pageUp, keys: [.pageUp, .ctrl("b")], label: "PgUp ^B", help: .hPageUp,
                     run: { $0.moveSelection(by: -$0.visibleRows($0.focus)) }),
        CommandEntry(command: .top, keys: [.char("g"), .home], label: "g Home", help: .hTop, run: { $0.moveSelection(to: 0) }),
        CommandEntry(command: .bottom, keys: [.char("G"), .end], label: "G End", help: .hBottom, run: { $0.selectLast() }),
        CommandEntry(command: .detail, keys: [.enter], label: "Enter", help: .hDetail, run: { $0.openDetail() }),
        CommandEntry(command: .filter, keys: [.char("/")], label: "/", help: .hFilter, run: { $0.overlay = .filter($0.focus) }),
        CommandEntry(command: .sort, keys: [.char("s")], label: "s", help: .hSort, run: { $0.cycleSort() }),
        CommandEntry(command: .zoom, keys: [.char("z")], label: "z", help: .hZoom, run: { $0.zoomed.toggle() }),
        CommandEntry(command: .help, keys: [.char("?"), .char("？"), .function(1)], label: "? F1", help: .hHelp,
                     words: Names(zh: "帮助", en: "help"), run: { $0.overlay = .help(scroll: 0) }),
        // The full-width colon is what a Chinese input method types for ":".
        CommandEntry(command: .palette, keys: [.char(":"), .char("：")], label: ":", help: .hPalette,
                     run: { $0.overlay = .palette(TextInput()) }),
        CommandEntry(command: .ack, keys: [.char("a")], label: "a", pane: .alerts, help: .hAck,
                     words: Names(zh: "确认", en: "ack"), arguments: Names(zh: "[预警]", en: "[ALERT]"),
                     completions: { app in app.alertRows.prefix(20).map(\.id) },
                     run: { $0.acknowledgeSelected() }, typed: { $0.acknowledge($1[0]) }),
        CommandEntry(command: .alertScope, keys: [.char("v")], label: "v", pane: .alerts, help: .hScope,
                     run: { $0.toggleAlertScope() }),
        CommandEntry(command: .unitStatus, keys: [.char("u")], label: "u", pane: .units, help: .hUnitStatus,
                     words: Names(zh: "状态", en: "status"), arguments: Names(zh: "状态 [预警]", en: "STATUS [ALERT]"),
                     completions: { _ in UnitStatus.allCases.map(\.rawValue) },
                     run: { $0.openStatusPicker() }, typed: { $0.setStatusTyped($1) }),
        CommandEntry(command: .issue, keys: [.char("i")], label: "i", pane: .stock, help: .hIssue,
                     words: Names(zh: "出库", en: "issue"), arguments: Names(zh: "数量 [预警]", en: "N [ALERT]"),
                     run: { $0.openStockForm(.issue) }, typed: { $0.recordStockTyped(.issue, $1) }),
        CommandEntry(command: .receive, keys: [.char("r")], label: "r", pane: .stock, help: .hReceive,
                     words: Names(zh: "入库", en: "receive"), arguments: Names(zh: "数量", en: "N"),
                     run: { $0.openStockForm(.receive) }, typed: { $0.recordStockTyped(.receive, $1) }),
        CommandEntry(command: .count, keys: [.char("c")], label: "c", pane: .stock, help: .hCount,
                     words: Names(zh: "盘点", en: "count"), arguments: Names(zh: "数量", en: "N"),
                     run: { $0.openStockForm(.countAdjust) }, typed: { $0.recordStockTyped(.countAdjust, $1) }),
        CommandEntry(command: .stockLevel, keys: [.char("l")], label: "l", pane: .stock, help: .hLevel,
                     words: Names(zh: "级别", en: "level"), arguments: Names(zh: "级别|all", en: "LEVEL|all"),
                     completions: { _ in ["all"] + DepotLevel.allCases.map(\.rawValue) },
                     run: { $0.setStockLevel(nil) }, typed: { $0.setStockLevel($1[0]) }),
        CommandEntry(command: .stockCategory, keys: [.char("t")], label: "t", pane: .stock, help: .hCategory,
                     words: Names(zh: "类别", en: "category"), arguments: Names(zh: "类别|all", en: "CAT|all"),
                     completions: { _ in ["all"] + ItemCategory.allCases.map(\.rawValue) },
                     run: { $0.setStockCategory(nil) }, typed: { $0.setStockCategory($1[0]) }),
        CommandEntry(command: .calendar, keys: [.char("c")], label: "c", pane: .drills, help: .hCalendar,
                     run: { $0.toggleCalendar() }),
        CommandEntry(command: .schedule, keys: [.char("n")], label: "n", help: .hSchedule,
                     words: Names(zh: "演练", en: "drill"), run: { $0.openDrillForm() }),
        CommandEntry(command: .note, keys: [.char("N")], label: "N", help: .hNote,
                     words: Names(zh: "记录", en: "note"), arguments: Names(zh: "[文字]", en: "[TEXT]"),
                     run: { $0.openNoteInput() }, typed: { $0.writeNote($1.joined(separator: " "), alert: $0.noteAlert) }),
        CommandEntry(command: .log, keys: [.char("L")], label: "L", help: .hLog,
                     words: Names(zh: "日志", en: "log"),
                     arguments: Names(zh: "[shift|all|预警|操作员]", en: "[shift|all|ALERT|OPERATOR]"),
                     completions: { _ in ["shift", "all"] },
                     run: { $0.openLog("") }, typed: { $0.openLog($1.joined(separator: " ")) }),
        CommandEntry(command: .undo, help: .hUndo,
                     words: Names(zh: "撤销", en: "undo"), arguments: Names(zh: "事由", en: "REASON"),
                     run: { $0.promptFor(.undo) }, typed: { $0.undoSelectedLogLine(reason: $1.joined(separator: " ")) }),
        CommandEntry(command: .correct, help: .hCorrect,
                     words: Names(zh: "更正", en: "correct"), arguments: Names(zh: "事件编号 事由", en: "EVENT REASON"),
                     run: { $0.promptFor(.correct) },
                     typed: { app, args in
                         if args.count < 2 { return app.showUsage(.correct) }
                         app.correctEvent(args[0], reason: args.dropFirst().joined(separator: " "))
                     }),
        CommandEntry(command: .handover, keys: [.char("H")], label: "H", help: .hHandover,
                     words: Names(zh: "交接班", en: "handover"), run: { $0.openHandover() }),
        // The duty shift (2): alarms, deadlines, dispatch and release, search, nearest stock, duty phones.
        CommandEntry(command: .alarmAck, keys: [.char("!")], label: "!", help: .hAlarmAck, run: { $0.acknowledgeAlarms() }),
        CommandEntry(command: .alarm, help: .hAlarm, words: Names(zh: "警报", en: "alarm"),
                     arguments: Names(zh: "on|off", en: "on|off"), completions: { _ in ["on", "off"] },
                     run: { $0.promptFor(.alarm) }, typed: { $0.setAlarmSound($1) }),
        CommandEntry(command: .stepDone, keys: [.char("d")], label: "d", pane: .alerts, help: .hStepDone,
                     words: Names(zh: "完成", en: "done"), arguments: Names(zh: "[步骤]", en: "[STEP]"),
                     completions: { _ in ["report", "passOn", "relief:"] },
                     run: { $0.markStepDone(nil) }, typed: { $0.markStepDone($1.first) }),
        CommandEntry(command: .markUnit, keys: [.char("m")], label: "m", pane: .units, help: .hMarkUnit, run: { $0.toggleMark() }),
        CommandEntry(command: .dispatch, keys: [.char("D")], label: "D", help: .hDispatch,
                     words: Names(zh: "调派", en: "dispatch"), arguments: Names(zh: "[预警] [yes]", en: "[ALERT] [yes]"),
                     completions: { app in app.alertRows.prefix(20).map(\.id) },
                     run: { $0.dispatchMarked([]) }, typed: { $0.dispatchMarked($1) }),
        CommandEntry(command: .release, keys: [.char("R")], label: "R", help: .hRelease,
                     words: Names(zh: "归队", en: "release"), arguments: Names(zh: "[预警]", en: "[ALERT]"),
                     completions: { app in app.endedWithUnits.map(\.id) },
                     run: { $0.releaseUnits(nil) }, typed: { $0.releaseUnits($1.first) }),
        CommandEntry(command: .search, keys: [.char("F")], label: "F", help: .hSearch,
                     words: Names(zh: "搜索", en: "search"), arguments: Names(zh: "词…", en: "WORDS…"),
                     completions: { _ in ["low", "expiring", "active"] },
                     run: { $0.promptFor(.search) }, typed: { $0.openSearch($1) }),
        CommandEntry(command: .nearest, pane: .alerts, help: .hNearest,
                     words: Names(zh: "就近", en: "nearest"), arguments: Names(zh: "物资", en: "ITEM"),
                     run: { $0.promptFor(.nearest) }, typed: { $0.openNearest($1.first) }),
        CommandEntry(command: .contacts, help: .hContacts,
                     words: Names(zh: "通讯录", en: "contacts"), arguments: Names(zh: "[文字]", en: "[TEXT]"),
                     run: { $0.openContacts([]) }, typed: { $0.openContacts($1) }),
        CommandEntry(command: .theme, help: .hTheme, words: Names(zh: "主题", en: "theme"),
                     arguments: Names(zh: "名称", en: "NAME"), completions: { app in app.availableThemes() },
                     run: { $0.promptFor(.theme) }, typed: { $0.setTheme($1[0]) }),
        CommandEntry(command: .layout, help: .hLayout, words: Names(zh: "布局", en: "layout"),
                     arguments: Names(zh: "名称", en: "NAME"), completions: { app in app.layouts.layouts.keys.sorted() },
                     run: { $0.promptFor(.layout) }, typed: { $0.setLayout($1[0]) }),
        CommandEntry(command: .lang, help: .hLang, words: Names(zh: "语言", en: "lang"),
                     arguments: Names(zh: "zh|en", en: "zh|en"), completions: { _ in ["zh", "en"] },
                     run: { $0.promptFor(.lang) }, typed: { $0.setLanguage($1[0]) }),
        CommandEntry(command: .rejected, help: .hRejections, words: Names(zh: "被拒", en: "rejected"),
                     run: { $0.acknowledgeRejections() }),
        CommandEntry(command: .quarantine, help: .hQuarantine, words: Names(zh: "隔离", en: "quarantine"),
                     run: { $0.openQuarantine() }),
        CommandEntry(command: .feeds, help: .hFeeds, words: Names(zh: "订阅", en: "feeds"), run: { $0.openFeeds() }),
        CommandEntry(command: .quit, keys: [.char("q")], label: "q", help: .hQuit, words: Names(zh: "退出", en: "quit"),
                     quits: true, run: { _ in }),
        CommandEntry(command: .forceQuit, keys: [.ctrl("c")], label: "Ctrl-C", help: .hForceQuit, quits: true, run: { _ in }),
    ]

    /// The entry of `command` (every command has one: `CommandTableTests`).
    static func entry(_ command: Command) -> CommandEntry { entries.first { $0.command == command }! }

    /// The command `key` means with `pane` focused; pane-specific bindings win over global ones.
    static func command(for key: KeyEvent, pane: PaneKind) -> Command? {
        if let e = entries.first(where: { $0.pane == pane && $0.keys.contains(key) }) { return e.command }
        return entries.first { $0.pane == nil && $0.keys.contains(key) }?.command
    }

    /// The entry a palette word names, in either language (English case-insensitively; `q` is quit).
    static func palette(_ word: String) -> CommandEntry? {
        let lower = word.lowercased()
        if lower == "q" { return entries.first { $0.command == .quit } }
        return entries.first { $0.words.map { $0.en == lower || $0.zh == word } ?? false }
    }

    /// Entries with palette words.
    static var paletteEntries: [CommandEntry] { entries.filter { $0.words != nil } }

    /// The palette words starting with `prefix`: the console's language first, then the other.
    static func words(startingWith prefix: String, language: Language) -> [String] {
        let lower = prefix.lowercased()
        let own = paletteEntries.compactMap { $0.words?[language] }
        let other = paletteEntries.compactMap { $0.words?[language == .zh ? .en : .zh] }
        return (own + other).filter { $0.lowercased().hasPrefix(lower) }
    }
}
