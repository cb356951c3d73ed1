import Foundation
import Testing
import TestSupport

/// Recording never makes a comparison pass: a missing or different file is written and the check still fails.
@Suite struct RecordModeTests {
    @Test func aMatchPassesAndNothingElseDoes() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("s.txt")
        for recording in [false, true] {
            try? FileManager.default.removeItem(atPath: path)
            let missing = RecordMode.check(file: path, holds: "a\n", what: "s", hint: "h", recording: recording)
            #expect(missing?.contains("did not exist") == true, "recording \(recording)")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n", "a missing file is recorded")
            #expect(RecordMode.check(file: path, holds: "a\n", what: "s", hint: "h", recording: recording) == nil)
        }
        // Different, not recording: fails and leaves the file alone.
        let differs = RecordMode.check(file: path, holds: "b\n", what: "s", hint: "h", recording: false)
        #expect(differs?.contains("differs") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n")
        // Different, recording: rewrites the file and still fails, saying so.
        let rerecorded = RecordMode.check(file: path, holds: "b\n", what: "s", hint: "h", recording: true)
        #expect(rerecorded?.contains("re-recorded") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "b\n")
    }

    @Test func snapshotFailuresShowALineDiff() throws {
        let dir = TemporaryDirectory()
        try "one\ntwo\n".write(toFile: dir.file("x.txt"), atomically: true, encoding: .utf8)
        let failure = try #require(ScreenSnapshot.compare(text: "one\nTWO\n", named: "x", directory: dir.path))
        #expect(failure.contains("-2\t|two|") && failure.contains("+2\t|TWO|"), "\(failure)")
    }
}
