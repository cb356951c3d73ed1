import Foundation
import Console
import Curses
import Model
import Screen
import Store
import Sync

/// `dutydesk console` and `dutydesk demo`: the full-screen console, wired to the real terminal and store.
enum ConsoleCommand {
    static func run(_ args: inout Arguments, demo: Bool) throws {
        let env = ProcessInfo.processInfo.environment
        let explicitLanguage = try args.option("--lang")
        if let explicitLanguage, Language(tag: explicitLanguage) == nil {
            throw UsageError(.unknownLanguage, explicitLanguage)
        }
        let language = Language.from(environment: env, explicit: explicitLanguage)
        let themeName = try args.option("--theme")
        let layoutName = try args.option("--layout")
        let remote = try args.option("--remote")
        let alarm = try ShiftSettings.read(&args)
        // Lines instead of a screen: asked for, or a terminal that cannot address the cursor (or none named).
        let plain = args.flag("--plain") || ["", "dumb"].contains(env["TERM"] ?? "")
        let interval = try args.int("--sync-interval", range: 2...86_400) ?? 30
        let feeds = try ConsoleFeedConfig.load(feeds: try args.options("--feed"), spools: try args.options("--spool"),
                                               interval: try args.int("--feed-interval", range: 1...86_400))
        var store: Store
        var simulator: DemoSimulator?
        if demo {
            let scale = try args.int("--scale", range: 1...100) ?? 1
            let seed = try args.int("--seed", range: 0...Int.max) ?? Int(Date().timeIntervalSince1970) % 100_000
            let keep = try args.option("--db")
            try args.finish()
            let path = keep ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("dutydesk-demo-\(getpid()).db")
            if FileManager.default.fileExists(atPath: path) {
                store = try Store.open(path: path)
            } else {
                try StoreLocation.ensureDirectory(for: path)
                store = try Store.create(path: path, office: 140000, officeName: "山西省应急管理厅", operatorName: "刘洋")
                FileHandle.standardError.write(Data("preparing the demo province…\n".utf8))
                _ = try DemoSeeder.seed(store, scale: scale, seed: UInt64(seed), now: Date())
                // The desk is on shift, as a real one is: the header shows who is on, the handover has a shift to close.
                try store.startShift(officer: "刘洋", leader: "陈建国")
            }
            // A throwaway demo store is removed after the terminal is restored and both connections closed.
            defer {
                if keep == nil { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
            }
            // Its own connection, as another office's feed would be: the console sees its commits through
            // SQLite's data_version exactly as it sees other processes'.
            let feed = try Store.open(path: path)
            defer { feed.close() }
            simulator = DemoSimulator(store: feed, seed: UInt64(seed))
            try loop(store: store, simulator: simulator, language: language, themeName: themeName,
                     layoutName: layoutName, remote: remote, interval: interval, alarm: alarm, plain: plain, feeds: feeds)
        } else {
            store = try StoreLocation.open(&args)
            try loop(store: store, simulator: nil, language: language, themeName: themeName,
                     layoutName: layoutName, remote: remote ?? (try store.meta("sync.remote")), interval: interval,
                     alarm: alarm, plain: plain, feeds: feeds)
        }
    }

    private static func loop(store: Store, simulator: DemoSimulator?, language: Language, themeName: String?,
                             layoutName: String?, remote: String?, interval: Int, alarm: ShiftSettings, plain: Bool,
                             feeds: ConsoleFeedConfig) throws {
        defer { store.close() }
        let dirs = ConfigFiles.searchPaths()
        // Load configuration before touching the terminal so errors print plainly.
        let loaded = try ThemeLoader.load(name: themeName ?? "default", searchPaths: dirs.themes)
        let layouts = try LayoutLoader.loadSet(chosen: layoutName ?? "desk", searchPaths: dirs.layouts)
        for warning in loaded.warnings + layouts.warnings { printError(warning.description) }

        var background: BackgroundSync?
        // Sync writes through its own connection, so the console learns of pulled events by data_version
        // like any other commit (its own connection's writes do not move data_version).
        let syncStore = try remote.map { _ in try Store.open(path: store.path) }
        defer { syncStore?.close() }
        if let remote, let syncStore {
            let parsed = try SyncRemote.parse(remote)
            background = BackgroundSync(client: SyncClient(store: syncStore, remote: parsed,
                                                           options: SyncOptions(serverExecutable: SyncCommands.selfExecutable())),
                                        interval: TimeInterval(interval))
            background?.start()
        }
        defer { background?.stop() }
        let feedRunner = feeds.isEmpty ? nil : try ConsoleFeedRunner(storePath: store.path, config: feeds)
        feedRunner?.start()
        defer { feedRunner?.stop() }
        let feedHealth = feedRunner.map { runner in { runner.health } }

        // The screen says why sync failed in a few words; the log keeps the whole error.
        let log = ConsoleLog()
        if plain {
            let env = ProcessInfo.processInfo.environment
            let name = ["LC_ALL", "LC_CTYPE", "LANG"].compactMap { env[$0] }.first { !$0.isEmpty }?.lowercased() ?? ""
            var options = ConsoleOptions(language: language, theme: loaded.value, layouts: layouts.value, colorDepth: .none,
                                         unicode: name.contains("utf-8") || name.contains("utf8"), clock: SystemClock(),
                                         timeZone: .current, themeSearchPaths: dirs.themes, layoutSearchPaths: dirs.layouts,
                                         syncStatusProvider: background.map { sync in { sync.status.consoleStatus } })
            alarm.apply(&options)
            options.syncTrigger = background.map { sync in { sync.triggerNow() } }
            options.feedHealthProvider = feedHealth
            try PlainConsole.run(store: store, simulator: simulator, options: options, log: log)
            return
        }
        // The theme's variant for this terminal's background (a light theme on a dark terminal is unreadable).
        let terminalBackground = backgroundOfTerminal()
        let matched = ThemeLoader.matching(loaded.value, terminal: terminalBackground.isLight ? .light : .dark, searchPaths: dirs.themes)
        if let warning = matched.warning { printError(warning) }
        let terminal = try Terminal()
        defer { terminal.restore() }
        terminal.synchronizedOutput = terminalBackground.synchronizedOutput
        var options = ConsoleOptions(language: language, theme: matched.theme, layouts: layouts.value,
                                     colorDepth: terminal.colorDepth, unicode: terminal.unicode, clock: SystemClock(),
                                     timeZone: .current, themeSearchPaths: dirs.themes, layoutSearchPaths: dirs.layouts,
                                     syncStatusProvider: background.map { sync in { sync.status.consoleStatus } })
        alarm.apply(&options)
        // An action leaves at once when the store has a remote, not at the next interval.
        options.syncTrigger = background.map { sync in { sync.triggerNow() } }
        options.feedHealthProvider = feedHealth
        let app = try ConsoleApp(store: store, options: options)
        var size = terminal.size
        terminal.present(app.render(width: size.width, height: size.height))
        var lastTick = monotonicSeconds()
        while !Terminal.terminationRequested {
            var dirty = false
            var quit = false
            if let key = terminal.readKey(timeoutMilliseconds: 200) {
                var next: KeyEvent? = key
                // Drain what is already queued (a paste, key repeat) before painting once.
                while let k = next {
                    if k == .resize { size = terminal.size; dirty = true }
                    // Ctrl-L repaints everything, as in any full-screen program (after line noise, a wall message).
                    if k == .ctrl("l") { terminal.invalidate(); dirty = true }
                    switch app.handle(k) {
                    case .quit: quit = true
                    case .redraw: dirty = true
                    case .none: break
                    }
                    if quit { break }
                    // After a resize, wait a moment for the next one: a window dragged or a storm of resizes is
                    // painted once, at the size it ends at, not once per step.
                    next = terminal.readKey(timeoutMilliseconds: k == .resize ? 150 : 0)
                }
            } else if terminal.inputClosed {
                break
            }
            if quit { break }
            let now = monotonicSeconds()
            if now - lastTick >= 0.25 {
                lastTick = now
                simulator?.step()
                if app.tick() { dirty = true }
                log.syncError(app.syncStatus?.lastError)
            }
            if dirty { terminal.present(app.render(width: size.width, height: size.height)) }
        }
    }
}

/// `DUTYDESK_BACKGROUND=light|dark` when set (a terminal that answers wrongly, tests), else the terminal's answer.
func backgroundOfTerminal(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalBackground {
    switch environment["DUTYDESK_BACKGROUND"]?.lowercased() {
    case "light": return TerminalBackground(isLight: true, source: "DUTYDESK_BACKGROUND")
    case "dark": return TerminalBackground(isLight: false, source: "DUTYDESK_BACKGROUND")
    default: return TerminalBackground.detect(environment: environment)
    }
}

extension SyncStatusSnapshot {
    /// The console's view of the background sync state.
    var consoleStatus: SyncStatus {
        SyncStatus(online: online, waiting: waiting, lastSuccess: lastSuccess, lastError: lastError, clockOffset: clockOffWarning)
    }
}

/// The duty shift's console settings: the deadlines file (a bad one stops the console with `file:line:column`,
/// before the terminal is touched), `--bell on|flash|off` and `--unavailable confirm|refuse`.
struct ShiftSettings {
    var rules: DeadlineRules
    var sound: ScreenAlarm?
    /// `--unavailable confirm|refuse`: whether a unit that is not available may be dispatched once confirmed.
    var dispatchConfirms: Bool

    static func read(_ args: inout Arguments) throws -> ShiftSettings {
        let sound: ScreenAlarm?
        switch try args.option("--bell") ?? "on" {
        case "on", "bell": sound = .bell
        case "flash": sound = .flash
        case "off": sound = nil
        case let other: throw UsageError(.unknownBell, other)
        }
        let confirm: Bool
        switch try args.option("--unavailable") ?? "confirm" {
        case "confirm": confirm = true
        case "refuse": confirm = false
        case let other: throw UsageError(.unknownUnavailable, other)
        }
        return ShiftSettings(rules: try DeadlineCommands.rules(), sound: sound, dispatchConfirms: confirm)
    }

    func apply(_ options: inout ConsoleOptions) {
        options.deadlineRules = rules
        options.alarmSound = sound
        options.dispatchAsksToConfirm = dispatchConfirms
    }
}
