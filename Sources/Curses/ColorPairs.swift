import CNcursesw
import Screen

/// Colour pairs allocated lazily, one per (foreground, background) actually drawn.
///
/// Terminals have a limited number of pairs; themes use few. When the pairs run out the
/// style falls back to pair 0 (the default colours) rather than redefining a pair in use,
/// which would recolour cells already on screen.
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
        if key == Key(fg: -1, bg: -1) { return 0 }
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
