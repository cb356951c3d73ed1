import Store

/// The last outcome of each message place (`source:line:column`) in an import run: a parked message released later
/// in the same run has a second result, and the last one counts. Keeps outcomes only, so a streamed document's
/// results (each carrying its alert and event) are not held for the whole run.
struct ImportTally {
    private var last: [String: AlertImportOutcome] = [:]

    mutating func record(_ r: AlertImportResult) { last["\(r.source):\(r.line):\(r.column)"] = r.outcome }

    /// Messages counted (each place once).
    var count: Int { last.count }
    func count(_ outcome: AlertImportOutcome) -> Int { last.values.filter { $0 == outcome }.count }
    var anyRefused: Bool { last.values.contains(.quarantined) }
}
