import Foundation

/// A CAP message's identity: CAP names a message by (sender, identifier, sent), and `<references>` cites earlier
/// messages as space-separated "sender,identifier,sent" entries. Two messages that share an identifier but not a
/// sender (or a sent time) are two messages.
public struct CAPMessageID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var sender: String
    public var identifier: String
    /// Whole seconds (the event codec keeps no more).
    public var sent: Date

    public init(sender: String, identifier: String, sent: Date) {
        self.sender = sender
        self.identifier = identifier
        self.sent = Date(timeIntervalSince1970: sent.timeIntervalSince1970.rounded(.down))
    }

    /// Parses one CAP reference, "sender,identifier,sent"; nil for anything else (such as a bare identifier, as
    /// releases before the triplet identity wrote).
    public init?(reference: String) {
        let parts = reference.trimmed.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[1].isEmpty, let sent = CAPParser.parseDate(String(parts[2])) else { return nil }
        self.init(sender: Self.unescape(parts[0]), identifier: Self.unescape(parts[1]), sent: sent)
    }

    /// The stored key of the message (and of the alert whose original it is): "identifier,sender,sent".
    ///
    /// Why this order and form: the key must be the same at every office and the centre, so it is a function of the
    /// triplet alone (never of what a store happens to hold); it is injective (a comma, space or % inside a part is
    /// escaped, which CAP forbids there anyway), so a forged sender or sent time never lands on another issuer's key;
    /// and it starts with the identifier, so every alert one identifier names is one range of the primary key: the
    /// short id an officer types (the bare identifier, unambiguous while only one alert has it) resolves, and is
    /// shown, without another index.
    public var key: String { Self.escape(identifier) + "," + Self.escape(sender) + "," + Self.sentText(sent) }

    /// The CAP reference form, "sender,identifier,sent", as `<references>` lists it.
    public var reference: String { Self.escape(sender) + "," + Self.escape(identifier) + "," + Self.sentText(sent) }

    /// Parses a stored key back (nil for keys of releases before the triplet identity: a bare identifier).
    public init?(key: String) {
        let parts = key.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3, let sent = CAPParser.parseDate(String(parts[2])) else { return nil }
        self.init(sender: Self.unescape(parts[1]), identifier: Self.unescape(parts[0]), sent: sent)
    }

    /// The range of stored keys whose identifier is `identifier`: `lower <= key < upper` (',' + 1 is '-').
    public static func keyRange(identifier: String) -> (lower: String, upper: String) {
        let prefix = escape(identifier)
        return (prefix + ",", prefix + "-")
    }

    public var description: String { reference }

    public static func < (a: CAPMessageID, b: CAPMessageID) -> Bool {
        (a.sent, a.sender, a.identifier) < (b.sent, b.sender, b.identifier)
    }

    static func sentText(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        // CAP writes UTC as +00:00, never Z.
        let s = f.string(from: d)
        return s.hasSuffix("Z") ? String(s.dropLast()) + "+00:00" : s
    }

    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "%" || $0.isWhitespace }) else { return s }
        var out = ""
        for ch in s {
            if ch == "," || ch == "%" || ch.isWhitespace {
                for b in String(ch).utf8 { out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2) }
            } else {
                out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        guard s.contains("%") else { return String(s) }
        return String(s).removingPercentEncoding ?? String(s)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

extension Alert {
    /// This message's CAP identity.
    public var messageID: CAPMessageID { CAPMessageID(sender: sender, identifier: identifier, sent: sent) }

    /// The message starts an alert of its own (an Alert, or anything that references nothing).
    public var isOriginal: Bool { msgType == .alert || references.isEmpty }

    /// The references this message cites, parsed; a bare identifier (written by older releases) is left out.
    public var referencedIDs: [CAPMessageID] { references.compactMap { CAPMessageID(reference: $0) } }

    /// The key of the alert this message belongs to: its own for an original, else the earliest-sent message it
    /// references (CAP practice lists the whole chain, the original first in time). A pure function of the
    /// message, so every store files it under the same alert whatever arrives first. Nil when its references are
    /// all bare identifiers (an older release's event; the store resolves those by what it holds).
    public var alertKey: String? {
        if isOriginal { return messageID.key }
        return referencedIDs.min()?.key
    }
}
