/// Why the terminal could not be set up; `description` is a sentence fit to show the user.
public struct TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure, kept internal so new ones can be added without breaking callers.
    enum Kind: Hashable, Sendable {
        case termNotSet
        case unknownTerminal(String)
        case cannotAddressCursor(String)
        case cannotOpen(String)
    }

    let kind: Kind

    public var description: String {
        switch kind {
        case .termNotSet:
            return "TERM is not set; set it to your terminal type, e.g. xterm-256color"
        case .unknownTerminal(let name):
            return "unknown terminal type '\(name)'; set TERM to e.g. xterm-256color"
        case .cannotAddressCursor(let name):
            return "terminal '\(name)' cannot address the cursor; set TERM to e.g. xterm-256color"
        case .cannotOpen(let path):
            return "cannot open '\(path)' for the terminal"
        }
    }

    /// TERM names a terminal type with no terminfo entry.
    public var isUnknownTerminal: Bool { if case .unknownTerminal = kind { true } else { false } }
    /// The terminal type exists but can't move the cursor (e.g. `dumb`), so a full-screen UI is impossible.
    public var isIncapableTerminal: Bool { if case .cannotAddressCursor = kind { true } else { false } }
}
