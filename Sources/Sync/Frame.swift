/// Length-prefixed frames: the unit of the sync protocol on any byte stream.
///
/// ```
/// offset 0  2 bytes  magic 0xDD 0x53 ("DutyDesk Sync")
///        2  1 byte   protocol version
///        3  1 byte   flags: bit 0 body is zlib-compressed, bit 1 body is a plain UTF-8 error text
///        4  4 bytes  body length, big-endian
///        8  …        body
/// ```
/// The magic, version and the plain-text error form never change, so any two versions can at least tell each
/// other which version they speak.
public enum Frame {
    public static let magic: (UInt8, UInt8) = (0xDD, 0x53)
    public static let protocolVersion: UInt8 = 1
    public static let headerSize = 8
    /// Largest body on the wire.
    public static let maxBodyBytes = 16 << 20
    /// Largest body after inflating.
    public static let maxInflatedBytes = 64 << 20
    /// Bodies smaller than this are sent as they are: zlib's header and checksum cost more than they save.
    static let compressThreshold = 48

    struct Flags: OptionSet {
        let rawValue: UInt8
        static let compressed = Flags(rawValue: 1)
        static let errorText = Flags(rawValue: 2)
    }

    /// Frames a message body, compressing it when that makes it smaller.
    static func encode(body: [UInt8], version: UInt8 = protocolVersion) -> [UInt8] {
        var flags: Flags = []
        var payload = body
        if body.count >= compressThreshold {
            let packed = Zlib.compress(body)
            if packed.count < body.count { payload = packed; flags.insert(.compressed) }
        }
        return header(flags: flags, length: payload.count, version: version) + payload
    }

    /// A frame any protocol version can read: a plain-text error.
    static func encodeError(_ text: String, version: UInt8 = protocolVersion) -> [UInt8] {
        let body = Array(text.utf8.prefix(4096))
        return header(flags: .errorText, length: body.count, version: version) + body
    }

    private static func header(flags: Flags, length: Int, version: UInt8) -> [UInt8] {
        precondition(length <= maxBodyBytes, "frame body of \(length) bytes exceeds the limit")
        let n = UInt32(length)
        return [magic.0, magic.1, version, flags.rawValue,
                UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
    }

    /// Parsed header: how many body bytes follow.
    struct Header {
        var version: UInt8
        var flags: Flags
        var length: Int
    }

    static func parseHeader(_ h: ArraySlice<UInt8>) throws -> Header {
        precondition(h.count == headerSize)
        let b = Array(h)
        guard b[0] == magic.0, b[1] == magic.1 else {
            let shown = String(decoding: b.map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
            throw SyncError.malformed("not a DutyDesk sync stream (it began with \"\(shown)\"; is something on the remote printing to stdout?)")
        }
        let flags = Flags(rawValue: b[3])
        guard flags.rawValue & ~0x03 == 0 else { throw SyncError.malformed("unknown frame flags \(b[3])") }
        let length = Int(b[4]) << 24 | Int(b[5]) << 16 | Int(b[6]) << 8 | Int(b[7])
        guard length <= maxBodyBytes else { throw SyncError.malformed("frame of \(length) bytes exceeds the \(maxBodyBytes)-byte limit") }
        return Header(version: b[2], flags: flags, length: length)
    }

    /// Decodes one whole frame (header and body) into its message body.
    /// A plain-text error frame throws `SyncError.refused` with its text; a version other than ours throws the
    /// upgrade message, from the point of view of `peer` ("server" or "client").
    static func decode(_ frame: [UInt8], peer: String) throws -> [UInt8] {
        guard frame.count >= headerSize else { throw SyncError.malformed("frame is truncated (\(frame.count) bytes)") }
        let h = try parseHeader(frame[0..<headerSize])
        guard frame.count == headerSize + h.length else {
            throw SyncError.malformed("frame length \(h.length) does not match its \(frame.count - headerSize) body bytes")
        }
        let body = frame[headerSize...]
        if h.flags.contains(.errorText) {
            throw SyncError.refused(String(decoding: body, as: UTF8.self))
        }
        guard h.version == protocolVersion else { throw versionMismatch(peerVersion: h.version, peer: peer) }
        if h.flags.contains(.compressed) { return try Zlib.decompress(body, limit: maxInflatedBytes) }
        return Array(body)
    }

    static func versionMismatch(peerVersion: UInt8, peer: String) -> SyncError {
        let advice = peerVersion > protocolVersion ? "upgrade this dutydesk" : "upgrade the \(peer)'s dutydesk"
        return SyncError(.versionMismatch,
                         "\(peer) speaks protocol \(peerVersion), this dutydesk speaks \(protocolVersion); \(advice)")
    }
}
