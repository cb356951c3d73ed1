/// Where `EventCodec` writes a payload: the store's plain bytes (`ByteWriter`) or the wire's message with its
/// string tables (Sync's `WireWriter`). One codec serves both, so the store and the wire cannot disagree on a kind.
public protocol PayloadWriter {
    mutating func byte(_ b: UInt8)
    mutating func uvarint(_ v: UInt64)
    mutating func varint(_ v: Int64)
    mutating func bool(_ b: Bool)
    mutating func string(_ s: String)
    /// An alert's body after its tag: inline in the store, as a length-prefixed blob on the wire (alerts are rare
    /// and large, and a blob lets a reader skip one).
    mutating func alert(_ a: Alert)
    /// Whether a stock count takes its own tag (7) instead of a presence flag: the wire saves the flag's byte on
    /// every movement.
    static var countHasOwnTag: Bool { get }
}

/// Reads what a `PayloadWriter` of the same form wrote; every read is bounds-checked.
public protocol PayloadReader {
    mutating func byte() throws -> UInt8
    mutating func uvarint() throws -> UInt64
    mutating func varint() throws -> Int64
    mutating func bool() throws -> Bool
    mutating func string() throws -> String
    mutating func count(max: Int) throws -> Int
    mutating func enumValue<E: RawRepresentable>(_ type: E.Type) throws -> E where E.RawValue == String
    mutating func alert() throws -> Alert
    /// Byte offset, for error messages.
    var position: Int { get }
    static var countHasOwnTag: Bool { get }
}

extension ByteWriter: PayloadWriter {
    public mutating func alert(_ a: Alert) { EventCodec.writeAlert(a, into: &self) }
    public static var countHasOwnTag: Bool { false }
}

extension ByteReader: PayloadReader {
    public mutating func alert() throws -> Alert { try EventCodec.readAlert(&self) }
    public var position: Int { offset }
    public static var countHasOwnTag: Bool { false }
}
