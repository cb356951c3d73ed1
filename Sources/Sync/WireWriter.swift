import Model

/// Writes one message body: varints plus per-message tables of strings and integers, so a string or a
/// device id that repeats costs one or two bytes after its first appearance.
///
/// A table reference is a uvarint: 0 means "a new value follows inline and joins the table", n > 0 means
/// "entry n - 1".
struct WireWriter {
    var w = ByteWriter(capacity: 4096)
    private var strings: [String: UInt64] = [:]
    private var integers: [UInt64: UInt64] = [:]

    var bytes: [UInt8] { w.bytes }

    mutating func byte(_ b: UInt8) { w.byte(b) }
    mutating func uvarint(_ v: UInt64) { w.uvarint(v) }
    mutating func varint(_ v: Int64) { w.varint(v) }
    mutating func bool(_ b: Bool) { w.bool(b) }
    mutating func raw(_ bytes: [UInt8]) { w.raw(bytes) }

    /// A string through the string table.
    mutating func string(_ s: String) {
        if let i = strings[s] { w.uvarint(i + 1); return }
        w.uvarint(0)
        w.string(s)
        strings[s] = UInt64(strings.count)
    }

    /// An unsigned integer through the integer table (device ids, HLC nodes, region codes).
    mutating func interned(_ v: UInt64) {
        if let i = integers[v] { w.uvarint(i + 1); return }
        w.uvarint(0)
        w.uvarint(v)
        integers[v] = UInt64(integers.count)
    }

    /// A length-prefixed opaque blob (not interned).
    mutating func blob(_ bytes: [UInt8]) {
        w.uvarint(UInt64(bytes.count))
        w.raw(bytes)
    }
}

/// Reads what `WireWriter` wrote; every read is bounds-checked.
struct WireReader {
    var r: ByteReader
    private var strings: [String] = []
    private var integers: [UInt64] = []

    init(_ bytes: [UInt8]) { r = ByteReader(bytes) }

    var isAtEnd: Bool { r.isAtEnd }
    var remaining: Int { r.remaining }

    mutating func byte() throws -> UInt8 { try r.byte() }
    mutating func uvarint() throws -> UInt64 { try r.uvarint() }
    mutating func varint() throws -> Int64 { try r.varint() }
    mutating func bool() throws -> Bool { try r.bool() }
    mutating func count(max: Int) throws -> Int { try r.count(max: max) }

    mutating func string() throws -> String {
        let ref = try r.uvarint()
        if ref == 0 {
            let s = try r.string()
            strings.append(s)
            return s
        }
        guard ref <= UInt64(strings.count) else { throw DecodeError(offset: r.offset, "string reference \(ref) is past the table") }
        return strings[Int(ref - 1)]
    }

    mutating func interned() throws -> UInt64 {
        let ref = try r.uvarint()
        if ref == 0 {
            let v = try r.uvarint()
            integers.append(v)
            return v
        }
        guard ref <= UInt64(integers.count) else { throw DecodeError(offset: r.offset, "integer reference \(ref) is past the table") }
        return integers[Int(ref - 1)]
    }

    mutating func blob(max: Int = 1 << 24) throws -> [UInt8] {
        let n = try r.count(max: max)
        return Array(try r.raw(n))
    }

    mutating func enumValue<E: RawRepresentable>(_ type: E.Type) throws -> E where E.RawValue == String {
        let raw = try string()
        guard let v = E(rawValue: raw) else { throw DecodeError(offset: r.offset, "unknown \(E.self) '\(raw)'") }
        return v
    }
}
