import Testing
@testable import Screen

@Suite struct ScreenBufferTests {
    let red = Style(fg: .ansi(1))

    @Test func putWritesTextAndReturnsColumnsUsed() {
        var b = ScreenBuffer(width: 10, height: 2)
        #expect(b.put("abc", x: 1, y: 0, style: red) == 3)
        #expect(b.put("中文", x: 0, y: 1, style: .plain) == 4)
        #expect(b.lines() == [" abc      ", "中文      "])
        #expect(b[1, 0] == Cell("a", style: red))
        #expect(b[0, 1].char == "中" && b[1, 1].isContinuation)
    }

    @Test func putClipsAtTheRightEdgeWithAnEllipsis() {
        var b = ScreenBuffer(width: 8, height: 1)
        #expect(b.put("overflowing", x: 3, y: 0, style: .plain) == 5)
        #expect(b.lines() == ["   over…"])
    }

    @Test func putClipsAtMaxWidth() {
        var b = ScreenBuffer(width: 12, height: 1)
        #expect(b.put("Taiyuan depot", x: 0, y: 0, maxWidth: 6, style: .plain) == 6)
        #expect(b.lines(trimmingTrailingSpaces: true) == ["Taiyu…"])
    }

    @Test func putNeverSplitsAWideCharacterAtTheEdge() {
        var b = ScreenBuffer(width: 5, height: 1)
        #expect(b.put("应急管理", x: 0, y: 0, style: .plain) == 5)
        #expect(b.lines() == ["应急…"])
        var c = ScreenBuffer(width: 5, height: 1)
        c.put("应急管理", x: 1, y: 0, style: .plain)
        #expect(c.lines() == [" 应… "])     // 急 would need columns 3–4 plus one for "…"
        // Cell by cell: a continuation only ever right after the wide character it belongs to.
        #expect(c[1, 0].char == "应" && c[1, 0].width == 2 && c[2, 0].isContinuation)
        #expect(c[3, 0].char == "…" && !c[4, 0].isContinuation && !c[0, 0].isContinuation)
        for x in 0..<5 where c[x, 0].isContinuation { #expect(x > 0 && c[x - 1, 0].width == 2, "stray half at \(x)") }
    }

    @Test func putOutsideTheBufferDrawsNothing() {
        var b = ScreenBuffer(width: 4, height: 2)
        #expect(b.put("x", x: 0, y: 2, style: .plain) == 0)
        #expect(b.put("x", x: 0, y: -1, style: .plain) == 0)
        #expect(b.put("x", x: 4, y: 0, style: .plain) == 0)
        #expect(b.put("x", x: 0, y: 0, maxWidth: 0, style: .plain) == 0)
        #expect(b == ScreenBuffer(width: 4, height: 2))
    }

    @Test func putStartingLeftOfTheBufferShowsTheVisiblePart() {
        var b = ScreenBuffer(width: 4, height: 1)
        #expect(b.put("中ab", x: -1, y: 0, style: .plain) == 3)
        #expect(b.lines() == [" ab "])
    }

    @Test func putSanitises() {
        var b = ScreenBuffer(width: 20, height: 1)
        b.put("a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\td", x: 0, y: 0, style: .plain)
        #expect(b.lines(trimmingTrailingSpaces: true) == ["abc d"])
        #expect(!b.cells.contains { $0.char.unicodeScalars.contains { $0.value == 0x1B } })
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.put("中文", x: 0, y: 0, style: .plain)
        b.put("x", x: 1, y: 0, style: .plain)          // right half of 中
        #expect(b.lines() == [" x文  "])
        b.put("y", x: 2, y: 0, style: .plain)          // left half of 文
        #expect(b.lines() == [" xy   "])
        #expect(!b.cells.contains { $0.isContinuation })
        var c = ScreenBuffer(width: 6, height: 1)
        c.put("中文", x: 0, y: 0, style: .plain)
        c.put("大", x: 1, y: 0, style: .plain)         // straddles both
        #expect(c.lines() == [" 大   "])
    }

    @Test func mixedChineseAndLatinColumnsAlign() {
        var b = ScreenBuffer(width: 24, height: 3)
        let rows = [("Taiyuan", "available"), ("太原消防", "待命"), ("Datong 大同", "en route")]
        for (y, row) in rows.enumerated() {
            b.put(row.0, x: 0, y: y, maxWidth: 11, style: .plain)
            b.put(row.1, x: 12, y: y, style: .plain)
        }
        #expect(b.lines() == [
            "Taiyuan     available   ",
            "太原消防    待命        ",
            "Datong 大同 en route    ",
        ])
        for line in b.lines() { #expect(DisplayWidth.of(line) == 24) }
    }

    @Test func fillAndSetStyleCoverRectsAndKeepWideCharactersWhole() {
        var b = ScreenBuffer(width: 6, height: 3)
        b.fill(Rect(x: -2, y: 1, width: 5, height: 5), char: "#", style: red)
        #expect(b.lines() == ["      ", "###   ", "###   "])
        b.put("中文", x: 0, y: 0, style: .plain)
        let bar = Style(attrs: .reverse)
        b.setStyle(Rect(x: 1, y: 0, width: 2, height: 1), bar)     // starts on 中's right half
        #expect(b[0, 0].style == bar && b[1, 0].style == bar && b[2, 0].style == bar && b[3, 0].style == bar)
        #expect(b[4, 0].style == .plain)
        b.updateStyle(Rect(x: 0, y: 1, width: 1, height: 1)) { $0.attrs.insert(.bold) }
        #expect(b[0, 1].style == Style(fg: .ansi(1), attrs: .bold))
        var wide = ScreenBuffer(width: 5, height: 1)
        wide.fill(wide.bounds, char: "中", style: .plain)
        #expect(wide.lines() == ["中中 "])
    }

    @Test func boxDrawsUnicodeOrAsciiWithAFittedTitle() {
        var b = ScreenBuffer(width: 12, height: 4)
        b.drawBox(b.bounds, title: "Alerts 警报", style: .plain, unicode: true)
        #expect(b.lines() == [
            "┌ Alerts …─┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        var a = ScreenBuffer(width: 8, height: 3)
        a.drawBox(a.bounds, title: "Units", style: .plain, unicode: false)
        #expect(a.lines() == ["+ Unit…+", "|      |", "+------+"])
    }

    @Test func linesCanTrimTrailingSpaces() {
        var b = ScreenBuffer(width: 5, height: 2)
        b.put("ab", x: 0, y: 0, style: .plain)
        #expect(b.lines() == ["ab   ", "     "])
        #expect(b.lines(trimmingTrailingSpaces: true) == ["ab", ""])
    }
}

@Suite struct DiffTests {
    @Test func identicalBuffersHaveNoChanges() {
        var a = ScreenBuffer(width: 10, height: 3)
        a.put("Shanxi 山西", x: 0, y: 1, style: .plain)
        #expect(a.diff(from: a).isEmpty)
    }

    @Test func onlyChangedCellsAreReported() {
        var old = ScreenBuffer(width: 10, height: 3)
        old.put("units: 12", x: 0, y: 1, style: .plain)
        var new = old
        new.put("13", x: 7, y: 1, style: .plain)
        new.setStyle(Rect(x: 9, y: 2, width: 1, height: 1), Style(attrs: .bold))
        #expect(new.diff(from: old) == [
            CellChange(x: 8, y: 1, cells: [Cell("3")]),
            CellChange(x: 9, y: 2, cells: [Cell(" ", style: Style(attrs: .bold))]),
        ])
    }

    @Test func runsNeverCarryHalfAWideCharacter() {
        var old = ScreenBuffer(width: 6, height: 1)
        old.put("中文", x: 0, y: 0, style: .plain)
        var new = old
        new.setStyle(Rect(x: 1, y: 0, width: 1, height: 1), Style(attrs: .reverse))
        let changes = new.diff(from: old)
        #expect(changes.count == 1)
        #expect(changes[0].x == 0 && changes[0].cells.count == 2 && changes[0].cells[0].char == "中")

        var a = ScreenBuffer(width: 6, height: 1)
        a.put("ab", x: 2, y: 0, style: .plain)
        var b = a
        b.put("大", x: 3, y: 0, style: .plain)
        let runs = b.diff(from: a)
        #expect(!runs.isEmpty, "a wide character over 'b' must be sent")
        for change in runs {
            #expect(!change.cells[0].isContinuation)
            #expect(change.cells.last!.width == 1 || change.cells.last!.isContinuation)
        }
    }

    @Test func differentSizesRepaintEverything() {
        let small = ScreenBuffer(width: 4, height: 2)
        let big = ScreenBuffer(width: 5, height: 3)
        let changes = big.diff(from: small)
        #expect(changes.count == 3)
        #expect(changes.allSatisfy { $0.x == 0 && $0.cells.count == 5 })
    }

    @Test func applyingTheDiffReproducesTheNewBuffer() {
        var rng = SplitMix(seed: 11)
        let words = ["a", "中文", "警报", "xyz", "🚒", "e\u{301}", " "]
        var old = ScreenBuffer(width: 17, height: 5)
        var runsSent = 0
        for _ in 0..<200 {
            var new = old
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                new.put(words.randomElement(using: &rng)!, x: Int.random(in: -1...17, using: &rng),
                        y: Int.random(in: 0..<5, using: &rng), style: Style(fg: .indexed(UInt8.random(in: 0...3, using: &rng))))
            }
            // Writing every run over the old cells must give exactly the new ones.
            var replay = old.cells
            for change in new.diff(from: old) {
                runsSent += 1
                #expect(!change.cells[0].isContinuation)
                #expect(change.cells.last!.width == 1 || change.cells.last!.isContinuation)
                for (i, cell) in change.cells.enumerated() { replay[change.y * new.width + change.x + i] = cell }
            }
            #expect(replay == new.cells, "differs after step")
            old = new
        }
        #expect(runsSent > 100, "the random edits hardly changed anything")
    }
}
