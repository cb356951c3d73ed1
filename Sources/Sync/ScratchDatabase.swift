import CentralPostgres
import Foundation

/// A new, empty database on a PostgreSQL server, dropped when released: for benchmarks and tests that must not
/// touch anything already there. The server URL's user must be allowed to create databases.
public final class ScratchDatabase: @unchecked Sendable {
    /// The new database's URL (the server's, with this database's name).
    public let location: String
    private let server: String
    private let name: String

    public init(server: String, prefix: String = "dutydesk_scratch") throws {
        self.server = server
        name = prefix + "_" + String(UInt64.random(in: 1...UInt64.max), radix: 16)
        guard var c = URLComponents(string: server.isEmpty || server == "postgres:" ? "postgresql://" : server) else {
            throw SyncError.local("\(server): not a postgres:// URL")
        }
        c.path = "/" + name
        location = c.string!
        let admin = try PGConnection(server)
        defer { admin.close() }
        try admin.run("CREATE DATABASE \(name)")
    }

    deinit {
        if let admin = try? PGConnection(server) {
            _ = try? admin.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            admin.close()
        }
    }
}
