import CNcursesw
import Foundation
import Screen

/// The ncurses backend: owns the curses screen, presents buffers and reads key events.
///
/// curses is not thread-safe: create, use and restore a `Terminal` on one thread only.
/// Call `restore()` before exiting (it also runs on deinit, but globals are never deinitialised).
public final class Terminal {
    /// The terminal size in cells.
    public internal(set) var size: (width: Int, height: Int)
    /// How many colours to use: `.none` with `NO_COLOR` or a terminal without colour.
    /// `.truecolor` is reported when `COLORTERM` says so, but cells are still drawn through the 256-colour palette.
    public let colorDepth: ColorDepth
    /// True when the locale's codeset is UTF-8: box-drawing and CJK characters can be drawn.
    public let unicode: Bool
    /// True once input has reached end of file (the terminal hung up or stdin closed);
    /// `readKey` then returns nil at once, and the app should quit.
    public internal(set) var inputClosed = false

    /// True after SIGTERM, SIGHUP, SIGINT or SIGQUIT: the app loop should leave and call `restore()`.
    public static var terminationRequested: Bool { terminationSignal != 0 }
    /// The signal that asked the app to stop (0 if none): a console stopped by a signal exits 128 + this,
    /// as a shell expects, not 0.
    public static var terminationSignal: Int32 { TerminationSignals.received.load(ordering: .relaxed) }

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    /// Keys are read from this 1×1 pad, not from `window`: reading from a window refreshes it first when it has
    /// changed, and after a resize that meant a repaint of the old frame before ours (two frames per resize).
    let inputWindow: UnsafeMutablePointer<WINDOW>
    let inputFile: UnsafeMutablePointer<FILE>
    let outputFile: UnsafeMutablePointer<FILE>
    /// Whether we opened the streams (and so must close them), as opposed to stdin/stdout.
    let ownsInput: Bool
    let ownsOutput: Bool
    let hasAlternateScreen: Bool
    /// `use_default_colors` worked, so colour -1 means the terminal's own default.
    let defaultColorsAvailable: Bool
    var savedSignalActions: [sigaction]?
    /// The escape that turns bracketed paste off again, when we turned it on.
    var bracketedPasteOff: String?
    var restored = false

    // Presentation state (see Terminal+Present.swift).
    var lastPresented: ScreenBuffer?
    var needsFullRepaint = true
    var needsClear = false
    var pairs: ColorPairs
    /// Cells handed to curses so far; lets tests check that an unchanged frame writes nothing.
    var cellsWritten = 0
    /// Wrap each frame in synchronized output (mode 2026), so the terminal never shows it half drawn. Set it only
    /// for a terminal that said it knows the mode (`TerminalBackground.synchronizedOutput`).
    public var synchronizedOutput = false

    // Input state (see Terminal+Input.swift).
    var currentTimeout: Int?
    var readableErrors = 0

    /// Sets up the terminal named by `environment["TERM"]`.
    ///
    /// - Parameters:
    ///   - environment: where `TERM`, `NO_COLOR` and `COLORTERM` are read (the locale comes from the process).
    ///   - inputPath, outputPath: files to use instead of stdin/stdout, e.g. `/dev/null` to run headless in tests.
    ///   - installSignalHandlers: catch SIGTERM/SIGHUP/SIGINT into `terminationRequested`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                inputPath: String? = nil, outputPath: String? = nil,
                installSignalHandlers: Bool = true) throws {
        unicode = Terminal.setUpLocale(environment: environment)
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError(kind: .termNotSet) }

        let input = try Terminal.open(inputPath, mode: "r", fallback: cncursesw_stdin())
        let output: UnsafeMutablePointer<FILE>
        do {
            output = try Terminal.open(outputPath, mode: "w", fallback: cncursesw_stdout())
        } catch {
            if inputPath != nil { fclose(input) }
            throw error
        }
        func closeStreams() {
            if inputPath != nil { fclose(input) }
            if outputPath != nil { fclose(output) }
        }

        // Exported LINES/COLUMNS would pin the size, so drop them from the environment.
        // Not use_env(FALSE): alone it takes terminfo's fixed lines#/cols#, and with
        // use_tioctl(TRUE) ncurses 6.4 keeps the old size on SIGWINCH (KEY_RESIZE arrives,
        // the size doesn't change; seen under tmux). Resizes come as KEY_RESIZE.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard let screen = newterm(term, output, input) else {
            closeStreams()
            throw TerminalError(kind: .unknownTerminal(term))
        }
        set_term(screen)
        guard cncursesw_has_string_capability("cup") != 0 else {
            endwin()
            delscreen(screen)
            closeStreams()
            throw TerminalError(kind: .cannotAddressCursor(term))
        }

        self.screen = screen
        self.window = cncursesw_stdscr()
        guard let pad = newpad(1, 1) else {
            endwin()
            delscreen(screen)
            closeStreams()
            throw TerminalError(kind: .unknownTerminal(term))
        }
        self.inputWindow = pad
        self.inputFile = input
        self.outputFile = output
        self.ownsInput = inputPath != nil
        self.ownsOutput = outputPath != nil
        self.hasAlternateScreen = cncursesw_has_string_capability("smcup") != 0

        // cbreak, not raw: Ctrl-C stays SIGINT (caught below) and Ctrl-Z suspends via ncurses.
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        meta(window, true)
        keypad(inputWindow, true)
        meta(inputWindow, true)
        leaveok(window, true)
        set_escdelay(25)
        curs_set(0)

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var defaults = false
        if !noColor && has_colors() {
            start_color()
            defaults = use_default_colors() == OK
        }
        defaultColorsAvailable = defaults
        colorDepth = noColor || !has_colors() ? .none : Terminal.depth(colors: Int(cncursesw_colors()), colorTerm: environment["COLORTERM"])
        pairs = ColorPairs(limit: Int(cncursesw_color_pairs()))

        // Mouse only where terminfo describes mouse reports; clicks arrive as press and release at once.
        if cncursesw_has_string_capability("kmous") != 0 {
            let mask = cncursesw_button1_pressed() | cncursesw_button1_released()
                | cncursesw_button4_pressed() | cncursesw_button5_pressed()
            mousemask(mask, nil)
            mouseinterval(0)
        }

        bracketedPasteOff = Terminal.enableBracketedPaste(term: term, output: output)
        let shellModes = Terminal.disableFlowControl(input)

        size = (Int(getmaxx(window)), Int(getmaxy(window)))
        if installSignalHandlers {
            savedSignalActions = TerminationSignals.install()
            FatalSignals.arm(reset: Terminal.crashReset(pasteOff: bracketedPasteOff), outputFD: fileno(output),
                             inputFD: fileno(input), shellModes: shellModes)
        }
    }

    deinit { restore() }

    /// Leaves curses and gives the terminal back as it was. Safe to call more than once.
    /// Where there is no alternate screen (vt100, linux console) the last frame would stay
    /// above the prompt, so the screen is cleared first.
    public func restore() {
        guard !restored else { return }
        restored = true
        if !hasAlternateScreen {
            wclear(window)
            wrefresh(window)
        }
        endwin()
        if let off = bracketedPasteOff { fputs(off, outputFile) }
        delwin(inputWindow)
        delscreen(screen)
        if savedSignalActions != nil { FatalSignals.disarm() }
        if ownsInput { fclose(inputFile) }
        if ownsOutput { fclose(outputFile) } else { fflush(outputFile) }
        if let saved = savedSignalActions { TerminationSignals.uninstall(saved) }
        savedSignalActions = nil
    }

    /// Forces the next `present` to repaint the whole screen (e.g. for Ctrl-L after line noise).
    public func invalidate() {
        needsFullRepaint = true
        needsClear = true
    }

    /// Uses the user's locale; if its codeset is not UTF-8, switches LC_CTYPE to C.UTF-8, or ncursesw draws CJK
    /// as `~X` junk. Returns whether to draw UTF-8: the locale is UTF-8, or its name asks for UTF-8 (a
    /// `zh_CN.UTF-8` this machine has not generated). `LANG=C`, `POSIX` or no locale at all get ASCII: the
    /// terminal may not decode UTF-8, and box drawing, bars and marks then come out as junk.
    static func setUpLocale(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8Codeset() { return true }
        setlocale(LC_CTYPE, "C.UTF-8")
        return localeNameAsksForUTF8(environment) && isUTF8Codeset()
    }

    /// The locale the C library would use for characters (LC_ALL, then LC_CTYPE, then LANG) names UTF-8.
    static func localeNameAsksForUTF8(_ environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    static func depth(colors: Int, colorTerm: String?) -> ColorDepth {
        switch colors {
        case 256...:
            let truecolor = ["truecolor", "24bit"].contains(colorTerm?.lowercased() ?? "")
            return truecolor ? .truecolor : .indexed256
        case 16...: return .sixteen
        case 8...: return .eight
        default: return .none
        }
    }

    private static func open(_ path: String?, mode: String, fallback: UnsafeMutablePointer<FILE>) throws -> UnsafeMutablePointer<FILE> {
        guard let path else { return fallback }
        guard let file = fopen(path, mode) else { throw TerminalError(kind: .cannotOpen(path)) }
        return file
    }
}
