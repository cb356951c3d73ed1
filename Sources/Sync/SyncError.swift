import Foundation

/// Why a sync cycle, a frame or the server failed. The representation is internal so cases can grow;
/// callers read `description` (one line, for the status bar and stderr) and the coarse `kind`.
public struct SyncError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What sort of failure this is, for callers that react differently (retry later, or tell the user).
    public enum Kind: Sendable, Equatable {
        /// The link is down, timed out or the other side went away: retry later.
        case connection
        /// The other side sent something that is not a valid frame or message: retry on a fresh connection.
        case protocolViolation
        /// The two sides speak different protocol versions: upgrade one of them.
        case versionMismatch
        /// The server refused the request (no office pinned, unknown store…): needs a person.
        case refused
        /// A local problem (store, configuration).
        case local
    }

    public let kind: Kind
    public let message: String

    init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }

    public var description: String { message }

    /// True when trying again later may succeed without anyone changing anything.
    public var isTransient: Bool { kind == .connection || kind == .protocolViolation }

    static func connection(_ m: String) -> SyncError { SyncError(.connection, m) }
    static func malformed(_ m: String) -> SyncError { SyncError(.protocolViolation, m) }
    static func refused(_ m: String) -> SyncError { SyncError(.refused, m) }
    static func local(_ m: String) -> SyncError { SyncError(.local, m) }
}
