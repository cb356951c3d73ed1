import Foundation
import Model
import Testing
@testable import Console

/// The deadlines file: overrides of the defaults, errors at `file:line:column`.
@Suite struct DeadlineFileTests {
    @Test func linesOverrideTheDefaultsPerStepAndLevel() throws {
        let rules = try DeadlineLoader.parse(text: """
            # 本省规定
            report = 5m
            relief.II = off
            passOn.IV=1h30m
            """, file: "deadlines")
        #expect(rules.limit(.report, .red) == 300 && rules.limit(.report, .blue) == 300)
        #expect(rules.limit(.relief, .red) == 36_000 && rules.limit(.relief, .orange) == nil)
        #expect(rules.limit(.passOn, .blue) == 5400 && rules.limit(.passOn, .red) == 1800)
        #expect(try DeadlineLoader.parse(text: "", file: "d") == .defaults)
    }

    @Test func mistakesAreReportedAtTheirLineAndColumn() {
        func error(_ text: String) -> String {
            do { _ = try DeadlineLoader.parse(text: text, file: "dl"); return "" } catch { return error.description }
        }
        #expect(error("report = 10m\nrelay = 5m") == "dl:2:1: unknown step 'relay' (report, passOn, relief, optionally .I–.IV)")
        #expect(error("report.V = 5m") == "dl:1:8: unknown level 'V' (I, II, III or IV)")
        #expect(error("  passOn = 10x") == "dl:1:12: bad duration '10x' (10m, 10h, 1h30m, 90s or off; at most 7 days)")
        #expect(error("report = 10m 5m").hasPrefix("dl:1:14: expected one duration"))
        #expect(error("report").hasPrefix("dl:1:1: expected STEP[.LEVEL] = DURATION"))
    }

    @Test func theFileIsFoundInTheConfigDirectoryAndABadOneIsAnErrorNotTheDefaults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dutydesk"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["XDG_CONFIG_HOME": dir.path]
        #expect(try DeadlineLoader.load(environment: env) == .defaults)
        try "report = 2m\n".write(to: dir.appendingPathComponent("dutydesk/deadlines"), atomically: true, encoding: .utf8)
        #expect(try DeadlineLoader.load(environment: env).limit(.report, .orange) == 120)
        try "report = soon\n".write(to: dir.appendingPathComponent("dutydesk/deadlines"), atomically: true, encoding: .utf8)
        #expect(DeadlineLoader.validate(environment: env).map(\.line) == [1])
    }
}
