import CentralPostgres
import Foundation

/// Where the central store is: a file this machine can open (same machine or shared disk), or a path on a
/// host reached with `ssh`.
public struct SyncRemote: Sendable, Hashable, CustomStringConvertible {
    public enum Location: Sendable, Hashable {
        case local(path: String)
        case ssh(user: String?, host: String, port: Int?, path: String)
    }
    public let location: Location

    public init(_ location: Location) { self.location = location }

    /// Parses `ssh://[user@]host[:port]/path/central.db` or a local path (`file://` optional).
    public static func parse(_ s: String) throws -> SyncRemote {
        let text = s.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw SyncError.local("empty remote; give a path or ssh://user@host/path") }
        if text.hasPrefix("file://") { return SyncRemote(.local(path: String(text.dropFirst(7)))) }
        // A PostgreSQL central store: this machine runs `serve-sync --store URL` against it, so the URL goes on a
        // command line and into the remembered remote, and must not carry a password (~/.pgpass, PGPASSFILE).
        if CentralPostgres.handles(text) {
            if PGConnection.hasPassword(text) {
                throw SyncError.local("remote '\(PGConnection.redacted(text))' carries a password; keep it in ~/.pgpass or PGPASSFILE")
            }
            return SyncRemote(.local(path: text))
        }
        guard text.hasPrefix("ssh://") else {
            if text.contains("://") { throw SyncError.local("remote '\(text)': only ssh://, postgres:// and local paths are supported") }
            return SyncRemote(.local(path: text))
        }
        let rest = text.dropFirst(6)
        guard let slash = rest.firstIndex(of: "/") else {
            throw SyncError.local("remote '\(text)' has no path; write ssh://user@host/path/central.db")
        }
        var authority = String(rest[..<slash])
        let path = String(rest[slash...])
        guard path.count > 1 else { throw SyncError.local("remote '\(text)' has no path after the host") }
        var user: String?
        if let at = authority.lastIndex(of: "@") {
            user = String(authority[..<at])
            authority = String(authority[authority.index(after: at)...])
            guard !(user!.isEmpty) else { throw SyncError.local("remote '\(text)' has an empty user name") }
        }
        var port: Int?
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let p = Int(authority[authority.index(after: colon)...]), (1...65535).contains(p) else {
                throw SyncError.local("remote '\(text)' has a bad port")
            }
            port = p
            authority = String(authority[..<colon])
        }
        if authority.hasPrefix("["), authority.hasSuffix("]") { authority = String(authority.dropFirst().dropLast()) }
        guard !authority.isEmpty, !authority.hasPrefix("-"),
              authority.allSatisfy({ $0.isLetter || $0.isNumber || ".-_:".contains($0) }) else {
            throw SyncError.local("remote '\(text)' has a bad host name")
        }
        if let u = user, u.hasPrefix("-") || u.contains(where: { $0.isWhitespace }) {
            throw SyncError.local("remote '\(text)' has a bad user name")
        }
        return SyncRemote(.ssh(user: user, host: authority, port: port, path: path))
    }

    public var description: String {
        switch location {
        case .local(let path): return path
        case .ssh(let user, let host, let port, let path):
            let h = host.contains(":") ? "[\(host)]" : host
            return "ssh://" + (user.map { $0 + "@" } ?? "") + h + (port.map { ":\($0)" } ?? "") + path
        }
    }
}

/// How the client reaches the server and how much it moves per frame.
public struct SyncOptions: Sendable {
    /// The dutydesk executable to run as the server for a local-path remote; nil: this process's own executable.
    public var serverExecutable: String?
    /// The command that runs dutydesk on an SSH host (ignored when the key has a forced command).
    public var remoteCommand = "dutydesk"
    /// The ssh program and extra options (e.g. `-i KEY`, `-o UserKnownHostsFile=…`).
    public var sshExecutable = "/usr/bin/ssh"
    public var sshOptions: [String] = []
    /// Events pushed per request frame, and most request frames per cycle.
    public var pushBatch = 5_000
    public var maxPushFrames = 20
    /// Events the server may put in one answer frame (also one snapshot chunk).
    public var pullBatch = 5_000
    /// Seconds to wait for the server before the link counts as down.
    public var timeout: Double = 60
    /// Server-side clock drift limit, used when this process runs the server itself (tests, benchmarks).
    public var maxDriftMilliseconds: Int64 = 5 * 60 * 1000
    public init(serverExecutable: String? = nil) { self.serverExecutable = serverExecutable }
}
