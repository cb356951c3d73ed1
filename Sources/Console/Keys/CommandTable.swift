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
    case theme, layout, lang, rejected
    case quit, forceQuit
}

/// One row of the command table: the keys that run it (and how help shows them), the pane it is bound in (nil:
/// everywhere), its help text, and the palette words that run it in English and Chinese with what follows them.
/// Help, the palette and the key map are all read from this one table, so they cannot disagree.
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
}

/// The one command table of the console (as tig's request table).
enum CommandTable {
    static let entries: [CommandEntry] = [
        CommandEntry(command: .focusNext, keys: [.tab], label: "Tab", help: .hFocusNext),
        CommandEntry(command: .focusPrev, keys: [.backTab], label: "Shift-Tab", help: .hFocusPrev),
        CommandEntry(command: .focusAlerts, keys: [.char("1")], label: "1", help: .hFocusPane),
        CommandEntry(command: .focusUnits, keys: [.char("2")], label: "2", help: .hFocusPane),
        CommandEntry(command: .focusStock, keys: [.char("3")], label: "3", help: .hFocusPane),
        CommandEntry(command: .focusDrills, keys: [.char("4")], label: "4", help: .hFocusPane),
        CommandEntry(command: .down, keys: [.char("j"), .down], label: "j ↓", help: .hDown),
        CommandEntry(command: .up, keys: [.char("k"), .up], label: "k ↑", help: .hUp),
        CommandEntry(command: .pageDown, keys: [.pageDown, .ctrl("f")], label: "PgDn ^F", help: .hPageDown),
        CommandEntry(command: .pageUp, keys: [.pageUp, .ctrl("b")], label: "PgUp ^B", help: .hPageUp),
        CommandEntry(command: .top, keys: [.char("g"), .home], label: "g Home", help: .hTop),
        CommandEntry(command: .bottom, keys: [.char("G"), .end], label: "G End", help: .hBottom),
        CommandEntry(command: .detail, keys: [.enter], label: "Enter", help: .hDetail),
        CommandEntry(command: .filter, keys: [.char("/")], label: "/", help: .hFilter),
        CommandEntry(command: .sort, keys: [.char("s")], label: "s", help: .hSort),
        CommandEntry(command: .zoom, keys: [.char("z")], label: "z", help: .hZoom),
        CommandEntry(command: .help, keys: [.char("?"), .function(1)], label: "? F1", help: .hHelp,
                     words: Names(zh: "帮助", en: "help")),
        CommandEntry(command: .palette, keys: [.char(":")], label: ":", help: .hPalette),
        CommandEntry(command: .ack, keys: [.char("a")], label: "a", pane: .alerts, help: .hAck,
                     words: Names(zh: "确认", en: "ack"), arguments: Names(zh: "[预警]", en: "[ALERT]"),
                     completions: { app in app.alertRows.prefix(20).map(\.id) }),
        CommandEntry(command: .alertScope, keys: [.char("v")], label: "v", pane: .alerts, help: .hScope),
        CommandEntry(command: .unitStatus, keys: [.char("u")], label: "u", pane: .units, help: .hUnitStatus,
                     words: Names(zh: "状态", en: "status"), arguments: Names(zh: "状态 [预警]", en: "STATUS [ALERT]"),
                     completions: { _ in UnitStatus.allCases.map(\.rawValue) }),
        CommandEntry(command: .issue, keys: [.char("i")], label: "i", pane: .stock, help: .hIssue,
                     words: Names(zh: "出库", en: "issue"), arguments: Names(zh: "数量 [预警]", en: "N [ALERT]")),
        CommandEntry(command: .receive, keys: [.char("r")], label: "r", pane: .stock, help: .hReceive,
                     words: Names(zh: "入库", en: "receive"), arguments: Names(zh: "数量", en: "N")),
        CommandEntry(command: .count, keys: [.char("c")], label: "c", pane: .stock, help: .hCount,
                     words: Names(zh: "盘点", en: "count"), arguments: Names(zh: "数量", en: "N")),
        CommandEntry(command: .stockLevel, keys: [.char("l")], label: "l", pane: .stock, help: .hLevel,
                     words: Names(zh: "级别", en: "level"), arguments: Names(zh: "级别|all", en: "LEVEL|all"),
                     completions: { _ in ["all"] + DepotLevel.allCases.map(\.rawValue) }),
        CommandEntry(command: .stockCategory, keys: [.char("t")], label: "t", pane: .stock, help: .hCategory,
                     words: Names(zh: "类别", en: "category"), arguments: Names(zh: "类别|all", en: "CAT|all"),
                     completions: { _ in ["all"] + ItemCategory.allCases.map(\.rawValue) }),
        CommandEntry(command: .calendar, keys: [.char("c")], label: "c", pane: .drills, help: .hCalendar),
        CommandEntry(command: .schedule, keys: [.char("n")], label: "n", help: .hSchedule,
                     words: Names(zh: "演练", en: "drill")),
        CommandEntry(command: .note, keys: [.char("N")], label: "N", help: .hNote,
                     words: Names(zh: "记录", en: "note"), arguments: Names(zh: "[文字]", en: "[TEXT]")),
        CommandEntry(command: .log, keys: [.char("L")], label: "L", help: .hLog,
                     words: Names(zh: "日志", en: "log"),
                     arguments: Names(zh: "[shift|all|预警|操作员]", en: "[shift|all|ALERT|OPERATOR]"),
                     completions: { _ in ["shift", "all"] }),
        CommandEntry(command: .undo, help: .hUndo,
                     words: Names(zh: "撤销", en: "undo"), arguments: Names(zh: "事由", en: "REASON")),
        CommandEntry(command: .correct, help: .hCorrect,
                     words: Names(zh: "更正", en: "correct"), arguments: Names(zh: "事件编号 事由", en: "EVENT REASON")),
        CommandEntry(command: .handover, keys: [.char("H")], label: "H", help: .hHandover,
                     words: Names(zh: "交接班", en: "handover")),
        CommandEntry(command: .alarmAck, keys: [.char("!")], label: "!", help: .hAlarmAck),
        CommandEntry(command: .alarm, help: .hAlarm, words: Names(zh: "警报", en: "alarm"),
                     arguments: Names(zh: "on|off", en: "on|off"), completions: { _ in ["on", "off"] }),
        CommandEntry(command: .stepDone, keys: [.char("d")], label: "d", pane: .alerts, help: .hStepDone,
                     words: Names(zh: "完成", en: "done"), arguments: Names(zh: "[步骤]", en: "[STEP]"),
                     completions: { _ in ["report", "passOn", "relief:"] }),
        CommandEntry(command: .markUnit, keys: [.char("m")], label: "m", pane: .units, help: .hMarkUnit),
        CommandEntry(command: .dispatch, keys: [.char("D")], label: "D", help: .hDispatch,
                     words: Names(zh: "调派", en: "dispatch"), arguments: Names(zh: "[预警] [yes]", en: "[ALERT] [yes]"),
                     completions: { app in app.alertRows.prefix(20).map(\.id) }),
        CommandEntry(command: .release, keys: [.char("R")], label: "R", help: .hRelease,
                     words: Names(zh: "归队", en: "release"), arguments: Names(zh: "[预警]", en: "[ALERT]"),
                     completions: { app in app.endedWithUnits.map(\.id) }),
        CommandEntry(command: .search, keys: [.char("F")], label: "F", help: .hSearch,
                     words: Names(zh: "搜索", en: "search"), arguments: Names(zh: "词…", en: "WORDS…"),
                     completions: { _ in ["low", "expiring", "active"] }),
        CommandEntry(command: .nearest, pane: .alerts, help: .hNearest,
                     words: Names(zh: "就近", en: "nearest"), arguments: Names(zh: "物资", en: "ITEM")),
        CommandEntry(command: .contacts, help: .hContacts,
                     words: Names(zh: "通讯录", en: "contacts"), arguments: Names(zh: "[文字]", en: "[TEXT]")),
        CommandEntry(command: .theme, help: .hTheme, words: Names(zh: "主题", en: "theme"),
                     arguments: Names(zh: "名称", en: "NAME"), completions: { app in app.availableThemes() }),
        CommandEntry(command: .layout, help: .hLayout, words: Names(zh: "布局", en: "layout"),
                     arguments: Names(zh: "名称", en: "NAME"), completions: { app in app.layouts.layouts.keys.sorted() }),
        CommandEntry(command: .lang, help: .hLang, words: Names(zh: "语言", en: "lang"),
                     arguments: Names(zh: "zh|en", en: "zh|en"), completions: { _ in ["zh", "en"] }),
        CommandEntry(command: .rejected, help: .hRejections, words: Names(zh: "被拒", en: "rejected")),
        CommandEntry(command: .quit, keys: [.char("q")], label: "q", help: .hQuit, words: Names(zh: "退出", en: "quit")),
        CommandEntry(command: .forceQuit, keys: [.ctrl("c")], label: "Ctrl-C", help: .hForceQuit),
    ]

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
