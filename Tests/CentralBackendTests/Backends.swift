import CentralPostgres
import Foundation
import Model
@testable import Store
import Testing
import TestSupport
@testable import Sync

/// The engines every conformance test runs on. PostgreSQL is the server scripts/test starts (its URL in
/// DUTYDESK_PG_URL); without it the PostgreSQL cases fail, never skip.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A fresh, empty central store of one engine: a file in a temp dir, or a new database on the test server
/// (dropped when released).
final class FreshCentral {
    let engine: Engine
    let location: String
    let directory = TemporaryDirectory(prefix: "dutydesk-backend")
    private var database: String?
    private(set) var backend: any CentralBackend

    init(_ engine: Engine) throws {
        self.engine = engine
        switch engine {
        case .sqlite:
            location = directory.file("central.db")
            backend = try CentralDatabase.create(path: location)
        case .postgres:
            let (url, name) = try Self.newDatabase()
            location = url
            database = name
            backend = try CentralPostgres.create(url)
        }
    }

    /// Another connection to the same store (another `serve-sync` process, in effect).
    func connect() throws -> any CentralBackend { try CentralStore.open(location) }

    deinit {
        backend.close()
        if let database, let admin = try? PGConnection(Self.serverURL()) {
            _ = try? admin.run("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
    }

    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DUTYDESK_PG_URL"], !url.isEmpty else {
            throw BackendTestError("DUTYDESK_PG_URL is not set: run scripts/test, which starts a throwaway PostgreSQL server")
        }
        return url
    }

    /// Creates a database named for this test on the server and returns its URL.
    static func newDatabase() throws -> (String, String) {
        let server = try serverURL()
        let admin = try PGConnection(server)
        defer { admin.close() }
        let name = "dd_" + String(UInt64.random(in: 1...UInt64.max), radix: 16)
        try admin.run("CREATE DATABASE \(name)")
        guard var c = URLComponents(string: server) else { throw BackendTestError("DUTYDESK_PG_URL is not a URL") }
        c.path = "/" + name
        return (c.string!, name)
    }
}

struct BackendTestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Events of one device with a unit-status payload: enough to exercise the log without any record owner rules.
func statusEvents(device: DeviceID, office: RegionCode, seqs: ClosedRange<Int64>, unit: String = "u1") -> [Event] {
    seqs.map { s in
        Event(id: EventID(device: device, seq: s), office: office, operator: "op",
              hlc: HLC(wall: 1_700_000_000_000 + s, counter: 0, node: device), payload: .unitStatus(unitID: unit, status: .standby, alertID: nil))
    }
}

/// The whole log once everything committed so far is served (`head` waits for that on PostgreSQL, where
/// positions are increasing but not dense and a transaction elsewhere on the server holds back what is served).
func settledLog(_ c: any CentralBackend) throws -> [CentralLogEntry] {
    try c.log(after: 0, through: try c.head(), limit: 1_000_000)
}

/// Accepts everything with the office's own region scope.
func acceptAll(_ e: Event, _ lookup: any CentralLookup) throws -> CentralVerdict {
    .accept(CentralScope(kind: .region, region: e.office, owner: e.office))
}

/// A connection handed to one writer thread (used by that thread alone).
final class Handed: @unchecked Sendable {
    let backend: any CentralBackend
    init(_ b: any CentralBackend) { backend = b }
}
