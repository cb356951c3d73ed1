import Testing
@testable import Screen

@Suite struct LayoutTests {
    let area = Rect(x: 2, y: 1, width: 100, height: 30)

    @Test func lengthsAndFillShareTheSpace() {
        let rows = Layout.split(area, .vertical, [.length(1), .fill(1), .length(1)])
        #expect(rows == [
            Rect(x: 2, y: 1, width: 100, height: 1),
            Rect(x: 2, y: 2, width: 100, height: 28),
            Rect(x: 2, y: 30, width: 100, height: 1),
        ])
    }

    @Test func fillsShareByWeightAndPercentagesRoundDown() {
        #expect(Layout.solve(total: 100, [.fill(1), .fill(3)]) == [25, 75])
        #expect(Layout.solve(total: 10, [.fill(1), .fill(1), .fill(1)]) == [4, 3, 3])
        #expect(Layout.solve(total: 80, [.percentage(30), .fill(1)]) == [24, 56])
        #expect(Layout.solve(total: 80, [.ratio(1, 3), .ratio(2, 3)]) == [26, 54])   // the remainder goes to the last
    }

    @Test func minAndMaxGrowOnlyWithoutFill() {
        #expect(Layout.solve(total: 50, [.max(10), .min(5)]) == [10, 40])
        #expect(Layout.solve(total: 50, [.max(10), .min(5), .fill(1)]) == [0, 5, 45])
        #expect(Layout.solve(total: 12, [.length(2), .max(4), .max(4)]) == [2, 4, 6])
    }

    @Test func overflowShrinksNonMinAreasFirst() {
        #expect(Layout.solve(total: 10, [.min(6), .length(6)]) == [6, 4])
        #expect(Layout.solve(total: 4, [.min(6), .length(6)]) == [4, 0])
        #expect(Layout.solve(total: 0, [.length(3), .fill(1)]) == [0, 0])
    }

    @Test func horizontalSplitLaysAreasSideBySide() {
        let columns = area.split(.horizontal, [.percentage(50), .fill(1)])
        #expect(columns == [Rect(x: 2, y: 1, width: 50, height: 30), Rect(x: 52, y: 1, width: 50, height: 30)])
    }

    @Test func areasAlwaysSumExactlyAndAreContiguous() {
        var rng = SplitMix(seed: 2024)
        for _ in 0..<3000 {
            let count = Int.random(in: 1...6, using: &rng)
            let constraints: [Constraint] = (0..<count).map { _ in
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: return .length(Int.random(in: -3...80, using: &rng))
                case 1: return .min(Int.random(in: -3...60, using: &rng))
                case 2: return .max(Int.random(in: -3...60, using: &rng))
                case 3: return .percentage(Int.random(in: -10...120, using: &rng))
                case 4: return .ratio(Int.random(in: -1...5, using: &rng), Int.random(in: -1...5, using: &rng))
                default: return .fill(Int.random(in: -1...4, using: &rng))
                }
            }
            let rect = Rect(x: Int.random(in: 0...5, using: &rng), y: 0,
                            width: Int.random(in: 0...300, using: &rng), height: 3)
            let areas = Layout.split(rect, .horizontal, constraints)
            #expect(areas.count == count)
            #expect(areas.map(\.width).reduce(0, +) == rect.width, "\(constraints) in \(rect.width)")
            #expect(areas.allSatisfy { $0.width >= 0 && $0.height == 3 })
            var x = rect.x
            for a in areas {
                #expect(a.x == x)
                x += a.width
            }
            #expect(Layout.split(rect, .horizontal, constraints) == areas)   // deterministic
        }
    }

    @Test func rectHelpers() {
        let r = Rect(x: 0, y: 0, width: 10, height: 6)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 4))
        #expect(r.inset(by: 4) == Rect(x: 4, y: 4, width: 2, height: 0))
        #expect(r.splitTop(2) == (top: Rect(x: 0, y: 0, width: 10, height: 2), rest: Rect(x: 0, y: 2, width: 10, height: 4)))
        #expect(r.splitBottom(9).bottom == r)
        #expect(r.splitLeft(3).rest == Rect(x: 3, y: 0, width: 7, height: 6))
        #expect(r.splitRight(3).right == Rect(x: 7, y: 0, width: 3, height: 6))
        #expect(r.intersection(Rect(x: 8, y: 5, width: 5, height: 5)) == Rect(x: 8, y: 5, width: 2, height: 1))
        #expect(r.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
    }
}

@Suite struct ColorTests {
    @Test func rgbRedDegradesStepByStep() {
        let red = Color.rgb(255, 0, 0)
        #expect(red.degraded(to: .truecolor) == red)
        #expect(red.degraded(to: .indexed256) == .indexed(196))
        #expect(red.degraded(to: .sixteen) == .ansi(9))
        #expect(red.degraded(to: .eight) == .ansi(1))
        #expect(red.degraded(to: .none) == .default)
        #expect(Color.indexed(196).degraded(to: .sixteen) == .ansi(9))
    }

    @Test func greysUseTheGreyRamp() {
        #expect(Color.rgb(128, 128, 128).degraded(to: .indexed256) == .indexed(244))
        #expect(Color.rgb(0, 0, 0).degraded(to: .indexed256) == .indexed(16))
        #expect(Color.rgb(255, 255, 255).degraded(to: .indexed256) == .indexed(231))
    }

    @Test func ansiColoursDegradeToEight() {
        #expect(Color.ansi(12).degraded(to: .sixteen) == .ansi(12))
        #expect(Color.ansi(12).degraded(to: .eight) == .ansi(4))
        #expect(Color.ansi(3).degraded(to: .indexed256) == .ansi(3))
        #expect(Color.default.degraded(to: .eight) == .default)
        #expect(Color.rgb(255, 165, 0).degraded(to: .eight) == .ansi(3))     // orange → yellow
        #expect(Color.indexed(21).degraded(to: .eight) == .ansi(4))          // blue
    }

    @Test func depthsAreOrdered() {
        #expect(ColorDepth.none < .eight && .eight < .sixteen && .sixteen < .indexed256 && .indexed256 < .truecolor)
    }
}
