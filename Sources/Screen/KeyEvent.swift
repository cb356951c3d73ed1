/// One input event from the terminal, already decoded by the backend.
public enum KeyEvent: Sendable, Hashable {
    /// A printable character (never a control).
    case char(Character)
    /// A control chord, by its lowercase letter or symbol: Ctrl-A is `.ctrl("a")`.
    /// Ctrl-H, Ctrl-I, Ctrl-J/M and Ctrl-[ arrive as backspace, tab, enter and escape.
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown, insert, delete
    /// F1 is `.function(1)`.
    case function(Int)
    case escape, enter, backspace, tab, backTab
    /// The terminal changed size; re-read it and lay out again.
    case resize
    case mouse(MouseEvent)
    /// Text pasted as one unit (bracketed paste): text for the field that has focus, never commands.
    case paste(String)
}

/// A mouse button or wheel event at a screen cell.
public struct MouseEvent: Sendable, Hashable {
    /// What the mouse did.
    public enum Kind: Sendable, Hashable {
        case press, release, wheelUp, wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
