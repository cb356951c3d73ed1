/// How many colours a terminal can show; ordered from none (attributes only) to 24-bit.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case none, eight, sixteen, indexed256, truecolor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A terminal colour: the terminal's default, one of the 16 ANSI colours, a 256-palette index or 24-bit RGB.
public enum Color: Hashable, Sendable {
    case `default`
    /// 0–7 normal, 8–15 bright; values above 15 are treated as `n % 16`.
    case ansi(UInt8)
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The nearest colour a terminal of `depth` can show. Themes are written once, in whatever
    /// depth the author likes, and degrade here: rgb → 256 (cube or grey ramp) → 16 → 8 → default.
    public func degraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .none):
            return .default
        case (_, .truecolor):
            return normalised
        case (.rgb(let r, let g, let b), .indexed256):
            return .indexed(Palette.nearest256(r, g, b))
        case (.ansi, .indexed256), (.indexed, .indexed256):
            return normalised
        case (_, .sixteen):
            return .ansi(sixteenIndex)
        case (_, .eight):
            // The nearest of the eight by colour, not the bright bit dropped: bright-black (grey) is nearer white
            // than black, and grey text turned black on a black terminal was invisible.
            let i = sixteenIndex
            if i < 8 { return .ansi(i) }
            let (r, g, b) = Palette.ansi[Int(i)]
            return .ansi(Palette.nearest8(r, g, b))
        }
    }

    /// `.ansi` folded into 0–15 so equal colours compare equal.
    private var normalised: Color {
        if case .ansi(let n) = self { return .ansi(n % 16) }
        return self
    }

    /// The nearest of the 16 ANSI colours, by RGB distance for anything outside them.
    private var sixteenIndex: UInt8 {
        switch self {
        case .default: return 7
        case .ansi(let n): return n % 16
        case .indexed(let n) where n < 16: return n
        case .indexed(let n):
            let (r, g, b) = Palette.rgb(ofIndexed: n)
            return Palette.nearest16(r, g, b)
        case .rgb(let r, let g, let b):
            // Via the 256 palette first, so rgb and its 256-colour stand-in degrade alike.
            let (r2, g2, b2) = Palette.rgb(ofIndexed: Palette.nearest256(r, g, b))
            return Palette.nearest16(r2, g2, b2)
        }
    }
}

/// The xterm palette, used only to measure distances when degrading colours.
enum Palette {
    /// xterm's default RGB for the 16 ANSI colours.
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    /// The six channel levels of the 6×6×6 colour cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndexed n: UInt8) -> (UInt8, UInt8, UInt8) {
        switch n {
        case 0..<16:
            return ansi[Int(n)]
        case 16..<232:
            let i = Int(n) - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let level = UInt8(8 + 10 * (Int(n) - 232))
            return (level, level, level)
        }
    }

    /// Nearest of indices 16–255 (the cube and grey ramp); 0–15 are skipped because
    /// terminals customise them, so they are not a reliable match for an exact RGB.
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func cubeStep(_ v: UInt8) -> Int {
            let v = Int(v)
            if v < 48 { return 0 }
            if v < 115 { return 1 }
            return (v - 35) / 40
        }
        let (ri, gi, bi) = (cubeStep(r), cubeStep(g), cubeStep(b))
        let cube = UInt8(16 + 36 * ri + 6 * gi + bi)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = UInt8(232 + greyStep)
        return distance(rgb(ofIndexed: grey), (r, g, b)) < distance(rgb(ofIndexed: cube), (r, g, b)) ? grey : cube
    }

    static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in ansi.prefix(8).enumerated() {
            let d = distance(c, (r, g, b))
            if d < bestDistance { (best, bestDistance) = (i, d) }
        }
        return UInt8(best)
    }

    static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in ansi.enumerated() {
            let d = distance(c, (r, g, b))
            if d < bestDistance { (best, bestDistance) = (i, d) }
        }
        return UInt8(best)
    }

    /// Squared distance weighted roughly by how sensitive the eye is to each channel.
    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}

extension Color {
    /// The RGB this colour shows as on a terminal of `depth` with xterm's palette; `.default` is `terminalDefault`
    /// (the terminal's own foreground or background). For measuring contrast, not for drawing.
    public func displayedRGB(depth: ColorDepth, terminalDefault: (UInt8, UInt8, UInt8)) -> (UInt8, UInt8, UInt8) {
        switch degraded(to: depth == .none ? .eight : depth) {
        case .default: return terminalDefault
        case .ansi(let n): return Palette.ansi[Int(n % 16)]
        case .indexed(let n): return Palette.rgb(ofIndexed: n)
        case .rgb(let r, let g, let b): return (r, g, b)
        }
    }
}
