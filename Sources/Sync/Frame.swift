/// Length-prefixed frames: the unit of the sync protocol on any byte stream.
///
/// ```
/// offset 0      2 bytes  magic 0xDD 0x53 ("DutyDesk Sync")
///        2      1 byte   protocol version
///        3      1 byte   flags: bit 0 body is zlib-compressed, bit 1 body is a plain UTF-8 error text
///        4      4 bytes  body length n, big-endian
///        8      n bytes  body
///        8 + n  4 bytes  CRC-32 of the 8 header bytes and the body, big-endian (protocol 2 on)
/// ```
/// The magic, version and the plain-text error form never change, so any two versions can at least tell each
/// other which version they speak. Every frame of protocol 2 or later, error frames and tiny uncompressed ones
/// included, carries the CRC: a local pipe, a file or a serial link has no SSH MAC to catch a flipped bit, and
/// a corrupted frame must be an error, never a different valid message.
public enum Frame {
    public static let magic: (UInt8, UInt8) = (0xDD, 0x53)
    /// 2: every frame ends with a CRC-32 of header and body.
    public static let protocolVersion: UInt8 = 2
    public static let headerSize = 8
    public static let checksumSize = 4
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
        return seal(header(flags: flags, length: payload.count, version: version) + payload, version: version)
    }

    /// Starts the text of an error frame that answers a frame the peer could not read: transient, unlike a refusal.
    static let protocolErrorPrefix = "protocol error: "

    /// An error frame for `error`: a protocol violation (a corrupted or malformed frame) is marked transient.
    static func encodeError(_ error: SyncError) -> [UInt8] {
        encodeError(error.kind == .protocolViolation ? protocolErrorPrefix + error.message : error.message)
    }

    /// A frame any protocol version can read: a plain-text error.
    static func encodeError(_ text: String, version: UInt8 = protocolVersion) -> [UInt8] {
        let body = Array(text.utf8.prefix(4096))
        return seal(header(flags: .errorText, length: body.count, version: version) + body, version: version)
    }

    private static func header(flags: Flags, length: Int, version: UInt8) -> [UInt8] {
        precondition(length <= maxBodyBytes, "frame body of \(length) bytes exceeds the limit")
        let n = UInt32(length)
        return [magic.0, magic.1, version, flags.rawValue,
                UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
    }

    /// Appends the CRC trailer when `version` has one.
    private static func seal(_ frame: [UInt8], version: UInt8) -> [UInt8] {
        guard hasChecksum(version) else { return frame }
        let c = Zlib.crc32(frame)
        return frame + [UInt8(c >> 24), UInt8(truncatingIfNeeded: c >> 16), UInt8(truncatingIfNeeded: c >> 8), UInt8(truncatingIfNeeded: c)]
    }

    /// Protocol 1 had no checksum; every later version has one.
    static func hasChecksum(_ version: UInt8) -> Bool { version >= 2 }

    /// Parsed header: how many body bytes follow.
    struct Header {
        var version: UInt8
        var flags: Flags
        var length: Int
        /// Bytes of the whole frame: header, body and (from protocol 2) the CRC trailer.
        var frameSize: Int { headerSize + length + (hasChecksum(version) ? checksumSize : 0) }
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
        guard flags != [.compressed, .errorText] else { throw SyncError.malformed("frame flags \(b[3]) contradict each other") }
        let length = Int(b[4]) << 24 | Int(b[5]) << 16 | Int(b[6]) << 8 | Int(b[7])
        guard length <= maxBodyBytes else { throw SyncError.malformed("frame of \(length) bytes exceeds the \(maxBodyBytes)-byte limit") }
        return Header(version: b[2], flags: flags, length: length)
    }

    /// Decodes one whole frame (header, body, checksum) into its message body.
    /// A plain-text error frame throws `SyncError.refused` with its text; a version other than ours throws the
    /// upgrade message, from the point of view of `peer` ("server" or "client"); a frame whose checksum does not
    /// match throws `SyncError.malformed` (the connection is dropped and the cycle retried later).
    static func decode(_ frame: [UInt8], peer: String) throws -> [UInt8] {
        guard frame.count >= headerSize else { throw SyncError.malformed("frame is truncated (\(frame.count) bytes)") }
        let h = try parseHeader(frame[0..<headerSize])
        guard frame.count == h.frameSize else {
            throw SyncError.malformed("frame of \(h.length) body bytes arrived as \(frame.count) bytes; expected \(h.frameSize)")
        }
        let bodyEnd = headerSize + h.length
        if hasChecksum(h.version) {
            let t = frame[bodyEnd...]
            let sent = UInt32(t[t.startIndex]) << 24 | UInt32(t[t.startIndex + 1]) << 16
                | UInt32(t[t.startIndex + 2]) << 8 | UInt32(t[t.startIndex + 3])
            let actual = frame.withUnsafeBufferPointer { Zlib.crc32(UnsafeBufferPointer(rebasing: $0[0..<bodyEnd])) }
            guard sent == actual else {
                throw SyncError.malformed("frame of \(frame.count) bytes from the \(peer) failed its checksum (corrupted on the way)")
            }
        }
        let body = frame[headerSize..<bodyEnd]
        if h.flags.contains(.errorText) {
            let text = String(decoding: body, as: UTF8.self)
            // The peer could not read what we sent (corrupted on the way): retry on a fresh connection.
            if text.hasPrefix(protocolErrorPrefix) { throw SyncError.malformed(text) }
            throw SyncError.refused(text)
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
