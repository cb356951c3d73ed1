/// Appends compact binary values: LEB128 varints, zigzag signed ints, length-prefixed UTF-8.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    public init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func uvarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    public mutating func varint(_ value: Int64) {
        uvarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            uvarint(UInt64(buf.count))
            bytes.append(contentsOf: buf)
        }
    }

    public mutating func raw(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }

    public mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    public mutating func double(_ d: Double) {
        let bits = d.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    }
}

/// A decoding failure: what was wrong and at which byte offset.
public struct DecodeError: Error, Sendable, CustomStringConvertible {
    public let offset: Int
    public let message: String
    public init(offset: Int, _ message: String) { self.offset = offset; self.message = message }
    public var description: String { "byte \(offset): \(message)" }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and throws `DecodeError`.
public struct ByteReader {
    private let bytes: [UInt8]
    public private(set) var offset: Int
    private let end: Int

    public init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    public var isAtEnd: Bool { offset >= end }
    public var remaining: Int { end - offset }

    public mutating func byte() throws -> UInt8 {
        guard offset < end else { throw DecodeError(offset: offset, "unexpected end of data") }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func uvarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw DecodeError(offset: offset - 1, "varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw DecodeError(offset: offset, "varint too long") }
        }
    }

    public mutating func varint() throws -> Int64 {
        let u = try uvarint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    public mutating func int() throws -> Int {
        let v = try varint()
        guard let i = Int(exactly: v) else { throw DecodeError(offset: offset, "integer out of range") }
        return i
    }

    public mutating func count(max: Int = 1 << 24) throws -> Int {
        let n = try uvarint()
        guard n <= UInt64(max), Int(n) <= remaining || max == Int.max else {
            throw DecodeError(offset: offset, "length \(n) exceeds the data")
        }
        return Int(n)
    }

    public mutating func string() throws -> String {
        let n = try count()
        let start = offset
        offset += n
        guard let s = String(validating: bytes[start..<offset], as: UTF8.self) else {
            throw DecodeError(offset: start, "invalid UTF-8")
        }
        return s
    }

    public mutating func raw(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else { throw DecodeError(offset: offset, "unexpected end of data") }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    public mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let b: throw DecodeError(offset: offset - 1, "bad boolean \(b)")
        }
    }

    public mutating func double() throws -> Double {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(try byte()) << (8 * UInt64(i)) }
        return Double(bitPattern: bits)
    }

    public mutating func enumValue<E: RawRepresentable>(_ type: E.Type) throws -> E where E.RawValue == String {
        let raw = try string()
        guard let value = E(rawValue: raw) else { throw DecodeError(offset: offset, "unknown \(E.self) '\(raw)'") }
        return value
    }
}
