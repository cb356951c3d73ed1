import Foundation

/// Cuts one `<alert>` element out of a document, so a refused message is kept as its own bytes rather than the whole
/// (possibly 50 MB) document it came in. Messages are asked for in document order, so the document is scanned once
/// however many of them are cut: a cursor remembers where the last search stopped (line and column), so even a
/// minified 50 MB feed on one line is walked once.
public final class CAPMessageSlicer {
    private let original: Data
    private var utf8: Data?
    private var cursor = (line: 1, column: 1, offset: 0)

    public init(_ document: Data) { original = document }

    /// One message: its bytes as UTF-8 (the document's own when it was UTF-8), standalone — a namespace prefix the
    /// document declared on an outer element is declared on the message — and its byte offset in the UTF-8 document.
    public struct Slice: Sendable {
        public var bytes: Data
        public var offset: Int
    }

    /// The `<alert>` whose start tag ends at `line`:`column` (the position the parser reports for a message; libxml2
    /// counts columns in characters), or nil when the document cannot be read or has no such element there. A
    /// minified feed has every message on line 1: the column tells them apart.
    public func message(line: Int, column: Int) -> Slice? {
        guard let doc = document() else { return nil }
        return doc.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Slice? in
            let bytes = b.bindMemory(to: UInt8.self)
            if (line, column) < (cursor.line, cursor.column) { cursor = (1, 1, 0) }
            var offset = cursor.offset
            var current = cursor.line
            var characters = cursor.column
            // The start of `line` (unless the cursor is on it already), then along it to `column` (in characters).
            while current < line, offset < bytes.count {
                if bytes[offset] == 0x0A { current += 1; characters = 1 }
                offset += 1
            }
            while characters < column, offset < bytes.count, bytes[offset] != 0x0A {
                offset += 1
                while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
                characters += 1
            }
            cursor = (current, characters, offset)
            guard let start = lastStartTag(bytes, before: offset), let end = endTag(bytes, from: start.tagEnd) else { return nil }
            var slice = Data(bytes[start.lt..<end])
            if let prefix = start.prefix, !declares(slice, prefix: prefix) {
                // The document declared the prefix on an outer element: the message declares it itself.
                slice.insert(contentsOf: Array(" xmlns:\(prefix)=\"urn:oasis:names:tc:emergency:cap:1.2\"".utf8),
                             at: slice.startIndex + 1 + prefix.utf8.count + 1 + 5)
            }
            return Slice(bytes: slice, offset: start.lt)
        }
    }

    private func document() -> Data? {
        if utf8 == nil { utf8 = try? CAPInput.utf8(original, file: "") }
        return utf8
    }

    /// The last `<alert` or `<prefix:alert` start tag beginning before `limit`.
    private func lastStartTag(_ b: UnsafeBufferPointer<UInt8>, before limit: Int) -> (lt: Int, tagEnd: Int, prefix: String?)? {
        var i = min(limit, b.count) - 1
        while i >= 0 {
            if b[i] == UInt8(ascii: "<") {
                var j = i + 1
                while j < b.count, isNameByte(b[j]) { j += 1 }
                let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                if name == "alert" || name.hasSuffix(":alert"), j < b.count, b[j] == UInt8(ascii: ">") || b[j] <= 0x20 {
                    let prefix = name == "alert" ? nil : String(name.dropLast(6))
                    return (i, j, prefix)
                }
            }
            i -= 1
        }
        return nil
    }

    /// Just past the first `</alert>` or `</prefix:alert>` from `from` (messages do not nest).
    private func endTag(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "<"), b[i + 1] == UInt8(ascii: "/") {
                var j = i + 2
                while j < b.count, isNameByte(b[j]) { j += 1 }
                let name = String(decoding: b[(i + 2)..<j], as: UTF8.self)
                if name == "alert" || name.hasSuffix(":alert") {
                    while j < b.count, b[j] != UInt8(ascii: ">") { j += 1 }
                    return j < b.count ? j + 1 : nil
                }
            }
            i += 1
        }
        return nil
    }

    private func isNameByte(_ c: UInt8) -> Bool {
        c > 0x20 && c != UInt8(ascii: ">") && c != UInt8(ascii: "/") && c != UInt8(ascii: "=")
    }

    private func declares(_ slice: Data, prefix: String) -> Bool {
        slice.range(of: Data("xmlns:\(prefix)=".utf8)) != nil
    }
}
