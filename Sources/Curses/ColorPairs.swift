import CNcursesw
import Screen

/// Colour pairs allocated lazily, one per (foreground, background) actually drawn.
///
/// Terminals have a limited number of pairs; themes use few. When the pairs run out the
/// style falls back to pair 0 (the default colours) rather than redefining a pair in use,
/// which would recolour cells already on screen.
///
/// The default colours (-1, -1) get a pair of their own for text: ncurses 6.4 treats a change
/// to pair 0 with no attributes as "attributes off" and sends `sgr0` (`ESC(B ESC[m`) on top of
/// the colour change, on every return to plain text. With a real pair it sends only the colour
/// change (`ESC[39m`). Long runs of blanks stay in pair 0 (see `BlankRuns`).
struct ColorPairs {
    struct Key: Hashable {
        var fg: Int16
        var bg: Int16
    }

    private var numbers: [Key: Int16] = [:]
    private var next: Int = 1
    let limit: Int

    init(limit: Int) { self.limit = min(limit, Int(Int16.max)) }

    /// The pair number for `key`, defining it on first use.
    mutating func number(for key: Key) -> Int16 {
        if let n = numbers[key] { return n }
        guard next < limit else { return 0 }
        let n = Int16(next)
        guard init_pair(n, key.fg, key.bg) == OK else { return 0 }
        next += 1
        numbers[key] = n
        return n
    }

    var count: Int { numbers.count }
}
