import Foundation

/// One seed of a random test, or why the seed list given in the environment cannot be used.
///
/// Random tests take their seeds as arguments: `@Test(arguments: Seeds.list(default: [1, 2, 3]))`, then
/// `let seed = try seed.value` (which fails the test loudly on a malformed list) and `"\(seed)"` in every
/// failure message, which names the seed and the variable that reruns it.
public struct Seed: Sendable, CustomStringConvertible {
    private let parsed: UInt64?
    private let problem: String?
    /// The environment variable that chooses this test's seeds.
    public let variable: String

    init(_ value: UInt64, variable: String) { parsed = value; problem = nil; self.variable = variable }
    init(problem: String, variable: String) { parsed = nil; self.problem = problem; self.variable = variable }

    /// The seed; throws when the list in the environment was malformed or empty.
    public var value: UInt64 {
        get throws(SeedListError) {
            guard let parsed else { throw SeedListError(message: problem ?? "no seed") }
            return parsed
        }
    }

    public var description: String {
        guard let parsed else { return "bad seed list (\(problem ?? "?"))" }
        return "seed \(parsed) (rerun: \(variable)=\(parsed) swift test --filter <this test>)"
    }
}

/// A seed list that is not a comma-separated list of at least one unsigned integer.
public struct SeedListError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

public enum Seeds {
    /// The variable every random test reads unless it names its own.
    public static let variable = "DUTYDESK_SEED"

    /// Parses "1,2,3" strictly: every entry an unsigned 64-bit integer, at least one entry.
    public static func parse(_ text: String, variable: String = Seeds.variable) throws(SeedListError) -> [UInt64] {
        var seeds: [UInt64] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard let seed = UInt64(trimmed) else {
                throw SeedListError(message: "\(variable)='\(text)': '\(trimmed)' is not a seed (want e.g. \(variable)=1,2,3)")
            }
            seeds.append(seed)
        }
        guard !seeds.isEmpty else { throw SeedListError(message: "\(variable) is empty: give at least one seed") }
        return seeds
    }

    /// The seeds a test runs with: the list in `variable` when it is set, otherwise `defaults`. A malformed or
    /// empty list becomes one argument whose `value` throws, so the test fails instead of running no cases.
    public static func list(_ variable: String = Seeds.variable, default defaults: [UInt64],
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> [Seed] {
        guard let text = environment[variable] else {
            return defaults.isEmpty ? [Seed(problem: "the test gives no default seeds", variable: variable)]
                                    : defaults.map { Seed($0, variable: variable) }
        }
        do {
            return try parse(text, variable: variable).map { Seed($0, variable: variable) }
        } catch {
            return [Seed(problem: error.message, variable: variable)]
        }
    }
}
