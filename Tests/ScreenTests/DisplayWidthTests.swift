import Testing
@testable import Screen

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of(Character("A")) == 1)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func cjkHangulAndFullwidthFormsAreTwoColumns() {
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("太原市应急管理局") == 16)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("ＡＢ１") == 6)          // full-width forms U+FF21…
        #expect(DisplayWidth.of("、。") == 4)            // CJK punctuation
        #expect(DisplayWidth.of("ｱ") == 1)              // half-width katakana stays narrow
    }

    @Test func combiningMarksJoinersAndSelectorsAreZero() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x200D)!) == 0)   // ZWJ
        #expect(DisplayWidth.of(Unicode.Scalar(0xFE0F)!) == 0)   // VS16
        #expect(DisplayWidth.of(Unicode.Scalar(0x200B)!) == 0)   // zero-width space
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        // A Hangul syllable spelled with conjoining jamo is one wide character.
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)
    }

    @Test func emojiWithEmojiPresentationAreTwoColumns() {
        #expect(DisplayWidth.of("🚒") == 2)
        #expect(DisplayWidth.of("🔥") == 2)
        #expect(DisplayWidth.of("⚠") == 1)            // text presentation by default
        #expect(DisplayWidth.of("👩‍🚒") == 2)           // a ZWJ sequence counts as its base
    }

    @Test func controlsHaveNoWidth() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x1B)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x85)!) == 0)
    }

    @Test func fitLeavesShortTextAlone() {
        #expect(DisplayWidth.fit("abc", width: 3) == "abc")
        #expect(DisplayWidth.fit("中文", width: 4) == "中文")
        #expect(DisplayWidth.fit("abc", width: 0) == "")
    }

    @Test func fitMarksTheCutAndNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.fit("abcdef", width: 4) == "abc…")
        #expect(DisplayWidth.fit("中文中文", width: 5) == "中文…")
        #expect(DisplayWidth.fit("中文中文", width: 4) == "中…")   // 中 + half of 文 would not fit
        #expect(DisplayWidth.fit("中文", width: 1) == "…")
        #expect(DisplayWidth.fit("中文中文", width: 3, ellipsis: false) == "中")
        #expect(DisplayWidth.fit("e\u{301}e\u{301}e\u{301}", width: 2) == "e\u{301}…")
        for width in 0...12 {
            let fitted = DisplayWidth.fit("应急Shanxi管理局", width: width)
            #expect(DisplayWidth.of(fitted) <= width)
            #expect(DisplayWidth.of(fitted) >= width - 1)
        }
    }

    @Test func padMakesExactColumnsSoMixedTextAligns() {
        let names = ["Taiyuan", "太原市", "Datong 大同", "晋中市应急管理局消防救援支队"]
        let rows = names.map { DisplayWidth.pad($0, width: 12) + "|" + DisplayWidth.pad("42", width: 4, alignRight: true) }
        for row in rows { #expect(DisplayWidth.of(row) == 17) }
        #expect(rows[1] == "太原市      |  42")
        #expect(rows[3] == "晋中市应急… |  42")
    }
}
