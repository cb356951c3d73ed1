/// One column of the screen: a character (a whole grapheme cluster) and its style.
///
/// A wide (2-column) character lives in its first cell; the cell to its right holds
/// `Cell.continuation`, which renders as nothing. `ScreenBuffer` keeps the pair together
/// (overwriting either half blanks the other), so a diff or blit never emits half of one.
public struct Cell: Hashable, Sendable {
    public var char: Character
    public var style: Style

    public init(_ char: Character = " ", style: Style = .plain) {
        self.char = char
        self.style = style
    }

    /// The marker character of a continuation cell. NUL never survives `Sanitizer`, so
    /// real text can't be mistaken for it.
    public static let continuationMarker: Character = "\u{0}"

    /// A blank cell in the default style.
    public static let blank = Cell()

    /// The right half of a wide character drawn in `style`.
    public static func continuation(style: Style) -> Cell { Cell(continuationMarker, style: style) }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { char == Cell.continuationMarker }

    /// Columns this cell's character occupies: 0 for a continuation, 1 or 2 otherwise.
    public var width: Int { isContinuation ? 0 : max(1, DisplayWidth.of(char)) }
}
