import Foundation
import Model

/// One stock line (depot, item) folded in memory: the centre's stock rule, the one description both engines use
/// (a count fixes the line at its clock; moves stamped after it add to it; moves before it are subsumed; a line
/// never counted is the sum of its moves). SQLite folds one event at a time; PostgreSQL reads a line once per
/// batch and writes it once, so it pays a few statements per batch instead of several per event.
///
/// The engine must hold the line for the batch (no other writer folds it meanwhile) and load every stored move
/// of the line after its stored count (a count sums only moves after its own clock, which is after that one).
public struct StockLineFold: Sendable {
    /// The line's latest count: its clock, what was observed, and the moves after it since.
    public struct Count: Sendable, Equatable {
        public var hlc: String
        public var observed: Int64
        public var after: Int64
        public init(hlc: String, observed: Int64, after: Int64) { self.hlc = hlc; self.observed = observed; self.after = after }
    }

    /// A move row to store (`delta` is 0 for a count, as the table keeps them).
    public struct Move: Sendable {
        public var hlc: String
        public var delta: Int64
        public var seq: Int64
        public var isCount: Bool
    }

    public private(set) var count: Count?
    /// The line's total (nil: no row yet).
    public private(set) var quantity: Int64?
    public private(set) var newMoves: [Move] = []
    public private(set) var countChanged = false
    public private(set) var quantityChanged = false
    /// Moves by clock: the stored ones above the loaded clock and the batch's own (the first of a clock stays).
    private var known: [String: (delta: Int64, isCount: Bool)]

    /// The line as stored: its count, its total, and (when the batch counts it) its stored moves after the count.
    public init(count: Count?, quantity: Int64?, movesAbove: [(hlc: String, delta: Int64, isCount: Bool)]) {
        self.count = count
        self.quantity = quantity
        known = Dictionary(movesAbove.map { ($0.hlc, (delta: $0.delta, isCount: $0.isCount)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Folds one movement applied at log position `seq`.
    public mutating func fold(_ m: StockMovement, hlc: String, seq: Int64) {
        let held = count
        if known[hlc] == nil {
            known[hlc] = (m.isCount ? 0 : m.delta, m.isCount)
            newMoves.append(Move(hlc: hlc, delta: m.isCount ? 0 : m.delta, seq: seq, isCount: m.isCount))
        }
        if m.isCount, let observed = m.observed {
            guard held.map({ hlc > $0.hlc }) ?? true else { return }
            let after = known.reduce(Int64(0)) { sum, move in move.key > hlc && !move.value.isCount ? sum + move.value.delta : sum }
            set(count: Count(hlc: hlc, observed: observed, after: after), quantity: observed + after)
            return
        }
        guard var held else {
            quantity = (quantity ?? 0) + m.delta
            quantityChanged = true
            return
        }
        guard hlc > held.hlc else { return }
        held.after += m.delta
        set(count: held, quantity: held.observed + held.after)
    }

    private mutating func set(count c: Count, quantity q: Int64) {
        count = c
        quantity = q
        countChanged = true
        quantityChanged = true
    }
}
