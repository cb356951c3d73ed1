extension StockMovement {
    /// A count is an observation (what the counter saw on the shelves at its time), not a difference against
    /// the counting office's view: a count adjustment that carries what was observed.
    public var isCount: Bool { kind == .countAdjust && observed != nil }
}

/// The stock merge rule, in one place for the office's fold, the centre's fold and `check`: a line is its latest
/// count (by HLC) plus the movements stamped after it; a movement stamped before the latest count is subsumed by
/// it (the counter saw the shelves after it). A line never counted is the sum of its movements. Every input is
/// kept as is, so any arrival order gives the same line.
public enum StockRule {
    /// A line's quantity from all its stock events, in any order.
    public static func quantity(of entries: some Sequence<(hlc: HLC, movement: StockMovement)>) -> Int64 {
        var latest: (hlc: HLC, observed: Int64)?
        var moves: [(HLC, Int64)] = []
        for (hlc, m) in entries {
            if m.isCount, let observed = m.observed {
                if latest.map({ hlc > $0.hlc }) ?? true { latest = (hlc, observed) }
            } else {
                moves.append((hlc, m.delta))
            }
        }
        guard let latest else { return moves.reduce(0) { $0 + $1.1 } }
        return moves.reduce(latest.observed) { $1.0 > latest.hlc ? $0 + $1.1 : $0 }
    }
}
