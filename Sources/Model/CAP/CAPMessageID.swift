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
        guard parts.count == 3, !parts[1].isEmpty, let sent = Self.parseSent(parts[2]) else { return nil }
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
        guard parts.count == 3, let sent = Self.parseSent(parts[2]) else { return nil }
        self.init(sender: Self.unescape(parts[1]), identifier: Self.unescape(parts[0]), sent: sent)
    }

    /// The identifier of a stored key, without reading its time (nil for an older release's bare identifier).
    public static func identifier(ofKey key: String) -> String? {
        // Exactly two commas; read by bytes, since every alert row shown asks it.
        let u = key.utf8
        guard let first = u.firstIndex(of: 0x2C), let second = u[u.index(after: first)...].firstIndex(of: 0x2C),
              !u[u.index(after: second)...].contains(0x2C) else { return nil }
        return unescape(key[..<first])
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

    /// "2026-07-12T00:30:00+00:00" (CAP writes UTC as +00:00, never Z), by arithmetic: keys are made for every
    /// message folded, and a date formatter per call costs more than the rest of the fold.
    static func sentText(_ d: Date) -> String {
        let seconds = Int64(d.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secs = seconds - days * 86_400
        let (y, m, dd) = civil(fromDays: days)
        guard (0...9999).contains(y) else {
            func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let year = String(y)
            return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(dd) + "T"
                + two(secs / 3600) + ":" + two(secs / 60 % 60) + ":" + two(secs % 60) + "+00:00"
        }
        // Written as bytes: this runs for every key made, and string interpolation per field cost more than the rest.
        var b = [UInt8](repeating: 0, count: 25)
        func put(_ v: Int64, _ at: Int, _ width: Int) {
            var v = v
            for i in stride(from: at + width - 1, through: at, by: -1) { b[i] = UInt8(48 + v % 10); v /= 10 }
        }
        put(y, 0, 4); b[4] = 45; put(m, 5, 2); b[7] = 45; put(dd, 8, 2); b[10] = 84
        put(secs / 3600, 11, 2); b[13] = 58; put(secs / 60 % 60, 14, 2); b[16] = 58; put(secs % 60, 17, 2)
        b[19] = 43; b[20] = 48; b[21] = 48; b[22] = 58; b[23] = 48; b[24] = 48
        return String(decoding: b, as: UTF8.self)
    }

    /// A CAP date-time, read by hand in the canonical form ("YYYY-MM-DDTHH:MM:SS" then "Z" or "±HH:MM"), else by
    /// the parser's general reader.
    static func parseSent(_ text: Substring) -> Date? {
        parseCanonical(text) ?? CAPParser.parseDate(String(text))
    }

    /// The canonical form only ("YYYY-MM-DDTHH:MM:SS" then "Z" or "±HH:MM"); nil for anything else.
    static func parseCanonical(_ text: Substring) -> Date? {
        let b = Array(text.utf8)
        func num(_ at: Int, _ n: Int) -> Int64? {
            guard at + n <= b.count else { return nil }
            var v: Int64 = 0
            for i in at..<(at + n) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let s = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else {
            return nil
        }
        var offset: Int64 = 0
        if b.count == 20, b[19] == 90 {
            offset = 0
        } else if b.count == 25, b[19] == 43 || b[19] == 45, b[22] == 58, let oh = num(20, 2), let om = num(23, 2) {
            offset = (oh * 60 + om) * 60 * (b[19] == 45 ? -1 : 1)
        } else {
            return nil
        }
        let seconds = days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm), and back.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func escape(_ s: String) -> String {
        guard needsEscape(s) else { return s }
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

    /// Whether `escape` changes `s`: a comma, a percent sign or a Unicode White_Space scalar in it. Read from the
    /// scalars, not the Characters: keys are made several times for every message imported or folded, and
    /// Character.isWhitespace (grapheme breaking and a property lookup per character) was a third of an import.
    /// The scalar list is Unicode's White_Space property, which is stable.
    static func needsEscape(_ s: String) -> Bool {
        for b in s.utf8 where b < 0x80 {
            if b == 0x2C || b == 0x25 || b == 0x20 || (0x09...0x0D).contains(b) { return true }
        }
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return s.unicodeScalars.contains { u in
            switch u.value {
            case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
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
