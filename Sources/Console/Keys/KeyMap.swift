import Screen

/// What a key asks the console to do. The help overlay is generated from `KeyMap.bindings`.
enum Command: String, CaseIterable, Sendable {
    case focusNext, focusPrev, focusAlerts, focusUnits, focusStock, focusDrills
    case down, up, pageDown, pageUp, top, bottom
    case detail, filter, sort, zoom, help, palette
    case ack, unitStatus, issue, receive, count, schedule, calendar
    case alertScope, stockLevel, stockCategory
    case quit, forceQuit
}

/// One row of the key table: the keys, how the help shows them, the command, its help text,
/// and the pane it applies to (nil: everywhere).
struct KeyBinding: Sendable {
    var keys: [KeyEvent]
    var label: String
    var command: Command
    var help: S
    var pane: PaneKind?
}

/// The one key table of the console.
enum KeyMap {
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.tab], label: "Tab", command: .focusNext, help: .hFocusNext),
        KeyBinding(keys: [.backTab], label: "Shift-Tab", command: .focusPrev, help: .hFocusPrev),
        KeyBinding(keys: [.char("1")], label: "1", command: .focusAlerts, help: .hFocusPane),
        KeyBinding(keys: [.char("2")], label: "2", command: .focusUnits, help: .hFocusPane),
        KeyBinding(keys: [.char("3")], label: "3", command: .focusStock, help: .hFocusPane),
        KeyBinding(keys: [.char("4")], label: "4", command: .focusDrills, help: .hFocusPane),
        KeyBinding(keys: [.char("j"), .down], label: "j ↓", command: .down, help: .hDown),
        KeyBinding(keys: [.char("k"), .up], label: "k ↑", command: .up, help: .hUp),
        KeyBinding(keys: [.pageDown, .ctrl("f")], label: "PgDn ^F", command: .pageDown, help: .hPageDown),
        KeyBinding(keys: [.pageUp, .ctrl("b")], label: "PgUp ^B", command: .pageUp, help: .hPageUp),
        KeyBinding(keys: [.char("g"), .home], label: "g Home", command: .top, help: .hTop),
        KeyBinding(keys: [.char("G"), .end], label: "G End", command: .bottom, help: .hBottom),
        KeyBinding(keys: [.enter], label: "Enter", command: .detail, help: .hDetail),
        KeyBinding(keys: [.char("/")], label: "/", command: .filter, help: .hFilter),
        KeyBinding(keys: [.char("s")], label: "s", command: .sort, help: .hSort),
        KeyBinding(keys: [.char("z")], label: "z", command: .zoom, help: .hZoom),
        KeyBinding(keys: [.char("?"), .function(1)], label: "? F1", command: .help, help: .hHelp),
        KeyBinding(keys: [.char(":")], label: ":", command: .palette, help: .hPalette),
        KeyBinding(keys: [.char("a")], label: "a", command: .ack, help: .hAck, pane: .alerts),
        KeyBinding(keys: [.char("v")], label: "v", command: .alertScope, help: .hScope, pane: .alerts),
        KeyBinding(keys: [.char("u")], label: "u", command: .unitStatus, help: .hUnitStatus, pane: .units),
        KeyBinding(keys: [.char("i")], label: "i", command: .issue, help: .hIssue, pane: .stock),
        KeyBinding(keys: [.char("r")], label: "r", command: .receive, help: .hReceive, pane: .stock),
        KeyBinding(keys: [.char("c")], label: "c", command: .count, help: .hCount, pane: .stock),
        KeyBinding(keys: [.char("l")], label: "l", command: .stockLevel, help: .hLevel, pane: .stock),
        KeyBinding(keys: [.char("t")], label: "t", command: .stockCategory, help: .hCategory, pane: .stock),
        KeyBinding(keys: [.char("c")], label: "c", command: .calendar, help: .hCalendar, pane: .drills),
        KeyBinding(keys: [.char("n")], label: "n", command: .schedule, help: .hSchedule),
        KeyBinding(keys: [.char("q")], label: "q", command: .quit, help: .hQuit),
        KeyBinding(keys: [.ctrl("c")], label: "Ctrl-C", command: .forceQuit, help: .hForceQuit),
    ]

    /// The command `key` means with `pane` focused; pane-specific bindings win over global ones.
    static func command(for key: KeyEvent, pane: PaneKind) -> Command? {
        if let b = bindings.first(where: { $0.pane == pane && $0.keys.contains(key) }) { return b.command }
        return bindings.first { $0.pane == nil && $0.keys.contains(key) }?.command
    }
}
