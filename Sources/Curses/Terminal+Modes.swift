import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Terminal modes beyond what curses sets: bracketed paste, flow control, and what a crash must undo.
extension Terminal {
    /// Key codes we ask ncurses to return for the bracketed-paste markers (above every `KEY_*` it defines).
    static let pasteStartCode = KEY_MAX + 1
    static let pasteEndCode = KEY_MAX + 2

    /// Turns on bracketed paste, so a paste arrives as one `.paste` event and its newlines can never act as
    /// Enter (a pasted "text⏎a" must not acknowledge an alert). terminfo names it `BE`/`BD`/`PS`/`PE`, but it is
    /// asked for whatever `TERM` says: an officer's emulator over SSH implements it even when `TERM` is `vt100` or
    /// `screen`, and a terminal that does not know the private mode ignores it. Returns the escape that turns it
    /// off again.
    static func enableBracketedPaste(term: String, output: UnsafeMutablePointer<FILE>) -> String? {
        let on = stringCapability("BE") ?? "\u{1B}[?2004h"
        let start = stringCapability("PS") ?? "\u{1B}[200~"
        let end = stringCapability("PE") ?? "\u{1B}[201~"
        define_key(start, pasteStartCode)
        define_key(end, pasteEndCode)
        fputs(on, output)
        fflush(output)
        return stringCapability("BD") ?? "\u{1B}[?2004l"
    }

    /// Turns off XON/XOFF flow control: Ctrl-S would otherwise freeze the console until Ctrl-Q, which an
    /// operator has no reason to know. Returns the modes before the change (what a crash must restore);
    /// curses' own `endwin` restores the shell's modes on a normal exit.
    static func disableFlowControl(_ input: UnsafeMutablePointer<FILE>) -> termios? {
        let fd = fileno(input)
        guard isatty(fd) != 0 else { return nil }
        var modes = termios()
        guard tcgetattr(fd, &modes) == 0 else { return nil }
        let before = modes
        modes.c_iflag &= ~tcflag_t(IXON | IXOFF)
        if tcsetattr(fd, TCSANOW, &modes) == 0 { def_prog_mode() }
        // curses keeps the shell's own modes to itself, and `before` already has cbreak and noecho: a crash
        // restores the usual cooked modes (echo, line editing, signals) built from it instead.
        var shell = before
        shell.c_iflag |= tcflag_t(ICRNL)
        shell.c_lflag |= tcflag_t(ICANON | ECHO | ECHOE | ISIG)
        shell.c_oflag |= tcflag_t(OPOST | ONLCR)
        return shell
    }

    /// What a crash writes: leave the alternate screen, show the cursor, plain attributes, mouse and
    /// bracketed paste off.
    static func crashReset(pasteOff: String?) -> [UInt8] {
        var text = stringCapability("sgr0") ?? "\u{1B}[0m"
        text += stringCapability("cnorm") ?? ""
        text += stringCapability("rmcup") ?? ""
        if cncursesw_has_string_capability("kmous") != 0 { text += "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l" }
        text += pasteOff ?? ""
        text += "\r\n"
        return Array(text.utf8)
    }

    static func stringCapability(_ name: String) -> String? {
        guard cncursesw_has_string_capability(name) != 0, let value = tigetstr(name) else { return nil }
        return String(cString: value)
    }
}
