/// What a frame asks the terminal to sound once when it is presented: the bell, or a flash of the screen. The
/// backend falls back to the other when the terminal has only that (curses' `beep` and `flash` do).
public enum ScreenAlarm: String, Sendable, Hashable, CaseIterable {
    case bell, flash
}
