import Testing
import TestSupport

/// The seed lists random tests read from the environment: a typo fails the run, it never shrinks it to nothing.
@Suite struct SeedListTests {
    @Test func aWellFormedListGivesEverySeed() throws {
        let seeds = Seeds.list("DUTYDESK_SYNC_SEEDS", default: [9], environment: ["DUTYDESK_SYNC_SEEDS": "1, 2,30"])
        #expect(try seeds.map { try $0.value } == [1, 2, 30])
        #expect(seeds[0].description.contains("DUTYDESK_SYNC_SEEDS=1"), "the rerun command names the variable")
        #expect(try Seeds.list(default: [4, 5], environment: [:]).map { try $0.value } == [4, 5])
    }

    @Test(arguments: ["1,x,3", "", " ", "1,,2", "1;2", "-1", "18446744073709551616", "0x10"])
    func aMalformedListFailsLoudly(_ text: String) throws {
        let seeds = Seeds.list("DUTYDESK_SYNC_SEEDS", default: [1], environment: ["DUTYDESK_SYNC_SEEDS": text])
        #expect(seeds.count == 1, "one failing argument, so the test runs and fails rather than having no cases")
        let error = #expect(throws: SeedListError.self) { _ = try seeds[0].value }
        #expect(error?.message.contains("DUTYDESK_SYNC_SEEDS") == true, "\(String(describing: error))")
    }

    @Test func noDefaultSeedsIsAnErrorToo() {
        #expect(throws: SeedListError.self) { _ = try Seeds.list(default: [], environment: [:])[0].value }
    }
}
