import CNcursesw
import Screen

extension Terminal {
    /// The next input event, waiting up to `timeoutMilliseconds` (negative: wait forever).
    /// Returns nil on timeout, on a key we don't decode, after a termination signal, and once
    /// input has ended (then `inputClosed` is true and every later call returns nil at once).
    public func readKey(timeoutMilliseconds: Int) -> KeyEvent? {
        guard !restored, !inputClosed else { return nil }
        if currentTimeout != timeoutMilliseconds {
            wtimeout(inputWindow, Int32(clamping: timeoutMilliseconds))
            currentTimeout = timeoutMilliseconds
        }
        var wch: wint_t = 0
        let result = wget_wch(inputWindow, &wch)
        if result == ERR {
            noteReadError()
            return nil
        }
        readableErrors = 0
        if result == KEY_CODE_YES {
            let code = Int32(truncatingIfNeeded: wch)
            if code == Terminal.pasteStartCode { return readPaste() }
            if code == Terminal.pasteEndCode { return nil }
            return decodeKeyCode(code)
        }
        if wch == 27, swallowTerminalReply() { return nil }
        return KeyDecoder.character(UInt32(wch))
    }

    /// After an Esc: when what follows at once is a terminal's answer to a query (a late OSC 11 colour, a DA1 or
    /// DECRQM report, a cursor position), reads and drops it and returns true; otherwise puts it back. A reply
    /// that came after the start-up probe gave up must never act as keys ("\e[?62;22c" held a `?` and a `c`).
    private func swallowTerminalReply() -> Bool {
        // Only when more bytes are already waiting (a reply comes in one burst): an empty read here, right after
        // an Esc, was seen to lose the next resize.
        var descriptor = pollfd(fd: fileno(inputFile), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0, Int32(descriptor.revents) & Int32(POLLIN) != 0 else { return false }
        wtimeout(inputWindow, 0)
        currentTimeout = 0
        var taken: [wint_t] = []
        func next() -> wint_t? {
            var wch: wint_t = 0
            guard taken.count < 128, wget_wch(inputWindow, &wch) == OK else { return nil }
            taken.append(wch)
            return wch
        }
        var isReply = false
        if let first = next() {
            switch first {
            case 0x5D:  // ] : an OSC answer, ended by BEL or ESC \
                while let c = next() {
                    if c == 7 { isReply = true; break }
                    if c == 27 { isReply = next() == 0x5C; break }
                }
            case 0x5B:  // [ : CSI ? … c / $ y, or CSI row ; col R
                if let second = next() {
                    var c: wint_t? = second
                    let private_ = second == 0x3F
                    if private_ { c = next() }
                    while let ch = c, (0x30...0x39).contains(ch) || ch == 0x3B || ch == 0x24 { c = next() }
                    if let end = c { isReply = private_ ? (end == 0x63 || end == 0x79) : end == 0x52 && taken.contains(0x3B) }
                }
            default: break
            }
        }
        if !isReply { for c in taken.reversed() { unget_wch(wchar_t(c)) } }
        return isReply
    }

    /// Most characters one paste keeps; the rest is read and dropped, so a runaway paste cannot fill memory.
    static let pasteLimit = 65_536

    /// Reads a bracketed paste up to its end marker, as text. Keys inside it are characters, never commands:
    /// Enter is a newline, function keys are dropped. A paste whose end marker never comes (the terminal
    /// cut it off) ends after half a second without input.
    private func readPaste() -> KeyEvent {
        wtimeout(inputWindow, 500)
        currentTimeout = 500
        var scalars = String.UnicodeScalarView()
        var kept = 0
        while true {
            var wch: wint_t = 0
            let result = wget_wch(inputWindow, &wch)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                let code = Int32(truncatingIfNeeded: wch)
                if code == Terminal.pasteEndCode { break }
                guard code == KEY_ENTER, kept < Self.pasteLimit else { continue }
                scalars.append("\n")
            } else {
                guard kept < Self.pasteLimit, let scalar = Unicode.Scalar(UInt32(wch)) else { continue }
                scalars.append(scalar == "\r" ? "\n" : scalar)
            }
            kept += 1
        }
        return .paste(String(scalars))
    }

    /// Tells end of input from a timeout. A hang-up shows in poll; a file or pipe at EOF is
    /// "readable" yet yields nothing, so twice ERR while readable means the end (pending
    /// data would have been returned by the second read).
    private func noteReadError() {
        var descriptor = pollfd(fd: fileno(inputFile), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return }
        let revents = Int32(descriptor.revents)
        if revents & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0 {
            inputClosed = true
        } else if revents & Int32(POLLIN) != 0 {
            readableErrors += 1
            if readableErrors >= 2 { inputClosed = true }
        } else {
            readableErrors = 0
        }
    }

    private func decodeKeyCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_RESIZE:
            size = (Int(getmaxx(window)), Int(getmaxy(window)))
            invalidate()
            return .resize
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return KeyDecoder.mouse(state: event.bstate, x: Int(event.x), y: Int(event.y))
        default:
            return KeyDecoder.keyCode(code)
        }
    }
}

/// Turns curses input codes into `KeyEvent`s (separate from `Terminal` so it is testable).
enum KeyDecoder {
    /// A character from `wget_wch`: controls become named keys or `.ctrl`.
    static func character(_ value: UInt32) -> KeyEvent? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + value))))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A function-key code (`KEY_*`), including the variants terminals send for Home and End.
    static func keyCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SELECT, KEY_LL, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_RESIZE: return .resize
        case cncursesw_key_f(1)...cncursesw_key_f(24): return .function(Int(code - cncursesw_key_f(0)))
        default: return nil
        }
    }

    /// A mouse report: button 1 press/release and the wheel; other buttons are ignored.
    static func mouse(state: mmask_t, x: Int, y: Int) -> KeyEvent? {
        let kind: MouseEvent.Kind
        if state & cncursesw_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & cncursesw_button5_pressed() != 0 {
            kind = .wheelDown
        } else if state & (cncursesw_button1_pressed() | cncursesw_button1_clicked()) != 0 {
            kind = .press
        } else if state & cncursesw_button1_released() != 0 {
            kind = .release
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind: kind, x: x, y: y))
    }
}
