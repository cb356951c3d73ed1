/// How much room one area of a split wants.
public enum Constraint: Sendable, Hashable {
    /// Exactly `n` cells (shrinks only when the total doesn't fit).
    case length(Int)
    /// At least `n` cells; takes a share of spare room when there is no `fill`.
    case min(Int)
    /// Up to `n` cells; takes a share of spare room, capped at `n`, when there is no `fill`.
    case max(Int)
    /// `p` percent of the total, rounded down.
    case percentage(Int)
    /// `numerator/denominator` of the total, rounded down.
    case ratio(Int, Int)
    /// Spare room, shared among all `fill`s by weight.
    case fill(Int)
}

/// Which way a split cuts: `horizontal` lays areas side by side, `vertical` stacks them.
public enum Direction: Sendable, Hashable {
    case horizontal, vertical
}

/// Splits rectangles into areas by constraints.
///
/// The solver is a few fixed rules rather than a general constraint solver, so the result
/// is easy to predict: every area first gets its base size (length, percentage, ratio, min;
/// 0 for max and fill). If that overflows, non-`min` areas shrink in proportion, then `min`
/// areas. Spare room goes to `fill`s by weight; with no `fill`, to `min` and `max` areas
/// equally (a `max` never past its cap); whatever is still left goes to the last area.
/// Areas are contiguous, never negative, and always sum exactly to the rectangle.
public enum Layout {
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? rect.width : rect.height
        let sizes = solve(total: total, constraints)
        var offset = 0
        return sizes.map { size in
            defer { offset += size }
            switch direction {
            case .horizontal: return Rect(x: rect.x + offset, y: rect.y, width: size, height: rect.height)
            case .vertical: return Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: size)
            }
        }
    }

    /// Sizes for `constraints` that sum exactly to `total` (when there is at least one area).
    static func solve(total: Int, _ constraints: [Constraint]) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let total = Swift.max(0, total)
        var sizes = constraints.map { base($0, total: total) }
        var sum = sizes.reduce(0, +)

        if sum > total {
            // Shrink the non-min areas first, then the min areas, each in proportion to size.
            let isMin = constraints.map { if case .min = $0 { return true } else { return false } }
            for pass in [false, true] where sum > total {
                let indices = sizes.indices.filter { isMin[$0] == pass }
                let cut = shares(of: sum - total, weights: indices.map { sizes[$0] }, caps: indices.map { sizes[$0] })
                for (k, i) in indices.enumerated() { sizes[i] -= cut[k] }
                sum = sizes.reduce(0, +)
            }
        } else if sum < total {
            var spare = total - sum
            let fills = constraints.indices.compactMap { i -> (Int, Int)? in
                if case .fill(let w) = constraints[i] { return (i, Swift.max(0, w)) } else { return nil }
            }
            if !fills.isEmpty {
                let anyWeight = fills.contains { $0.1 > 0 }
                let weights = fills.map { anyWeight ? $0.1 : 1 }
                let add = shares(of: spare, weights: weights, caps: fills.map { _ in Int.max })
                for (k, f) in fills.enumerated() { sizes[f.0] += add[k] }
                spare = 0
            } else {
                let growable = constraints.indices.compactMap { i -> (Int, Int)? in
                    switch constraints[i] {
                    case .min: return (i, Int.max)
                    case .max(let n): return (i, Swift.max(0, n - sizes[i]))
                    default: return nil
                    }
                }
                let add = shares(of: spare, weights: growable.map { _ in 1 }, caps: growable.map { $0.1 })
                for (k, g) in growable.enumerated() { sizes[g.0] += add[k] }
                spare -= add.reduce(0, +)
            }
            sizes[sizes.count - 1] += spare
        }
        return sizes
    }

    private static func base(_ c: Constraint, total: Int) -> Int {
        let n: Int
        switch c {
        case .length(let v), .min(let v): n = v
        case .max, .fill: n = 0
        case .percentage(let p): n = total * Swift.min(Swift.max(p, 0), 100) / 100
        case .ratio(let a, let b): n = b > 0 ? total * Swift.max(a, 0) / b : 0
        }
        return Swift.min(Swift.max(0, n), total)
    }

    /// Splits `amount` by `weights` (largest remainder, ties to the earlier index), never
    /// giving an index more than its cap. Returns less than `amount` only if every cap is hit.
    static func shares(of amount: Int, weights: [Int], caps: [Int]) -> [Int] {
        var result = Array(repeating: 0, count: weights.count)
        var remaining = amount
        var open = weights.indices.filter { caps[$0] > 0 }
        while remaining > 0 && !open.isEmpty {
            var w = open.map { Swift.max(0, weights[$0]) }
            if w.allSatisfy({ $0 == 0 }) { w = w.map { _ in 1 } }
            let weightSum = w.reduce(0, +)
            var given = 0
            var remainders: [(index: Int, remainder: Int)] = []
            for (k, i) in open.enumerated() {
                let exact = remaining * w[k]
                let add = Swift.min(exact / weightSum, caps[i] - result[i])
                result[i] += add
                given += add
                remainders.append((i, exact % weightSum))
            }
            var leftover = remaining - given
            // Hand out the rounding remainder one cell at a time, largest remainder first.
            for r in remainders.sorted(by: { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index })
            where leftover > 0 && result[r.index] < caps[r.index] {
                result[r.index] += 1
                leftover -= 1
            }
            remaining = leftover
            open = open.filter { result[$0] < caps[$0] }
        }
        return result
    }
}

extension Rect {
    /// This rectangle split by `constraints`; see `Layout.split`.
    public func split(_ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        Layout.split(self, direction, constraints)
    }
}
