import Foundation

/// Turns the bytes a feed sent into UTF-8 XML the parser may read, or refuses them with a position: a BOM is
/// honoured, a declared encoding (ISO-8859-1, GB18030/GBK/GB2312, UTF-16, …) is transcoded, and a DTD, a NUL byte or
/// bytes that are not in the declared encoding are refused before any XML parser sees them — so no entity is ever
/// expanded or fetched, whatever libxml2 would have done with it.
enum CAPInput {
    /// The document as UTF-8 XML. Bytes that already are UTF-8 (with or without a BOM) are the caller's own, not a
    /// copy: a 50 MB feed is checked in place and handed to the parser as it is.
    static func utf8(_ data: Data, file: String) throws -> Data {
        guard !data.isEmpty else { throw FileError(file: file, line: 1, column: 1, message: "the file is empty") }
        let head = [UInt8](data.prefix(4))
        var body = data
        var utf16: String?
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = data.dropFirst(3)
        } else if head.starts(with: [0xFF, 0xFE]) {
            utf16 = "UTF-16LE"; body = data.dropFirst(2)
        } else if head.starts(with: [0xFE, 0xFF]) {
            utf16 = "UTF-16BE"; body = data.dropFirst(2)
        } else if head.count >= 2, head[0] == 0x3C, head[1] == 0 {
            utf16 = "UTF-16LE"
        } else if head.count >= 2, head[0] == 0, head[1] == 0x3C {
            utf16 = "UTF-16BE"
        }
        if let utf16 {
            let bytes = rewriteDeclaration(try transcode([UInt8](body), from: utf16, file: file))
            try refuseDTD(bytes, file: file)
            return Data(bytes)
        }
        try body.withUnsafeBytes { b in
            if let nul = b.firstIndex(of: 0) {
                let (line, column) = position(of: nul, in: b)
                throw FileError(file: file, line: line, column: column, message: "a NUL byte is not allowed in XML (a truncated or binary file?)")
            }
        }
        var bytes: [UInt8]
        switch declaredEncoding([UInt8](body.prefix(256)))?.uppercased() {
        case nil, "UTF-8", "UTF8", "US-ASCII", "ASCII":
            try body.withUnsafeBytes { b in
                if let bad = firstInvalidUTF8(b) {
                    let (line, column) = position(of: bad, in: b)
                    throw FileError(file: file, line: line, column: column,
                                    message: "bytes that are not UTF-8 (declare the file's encoding, e.g. encoding=\"GB18030\")")
                }
                try refuseDTD(b, file: file)
            }
            return body
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "ISO_8859-1", "L1":
            // Every byte is the code point of the same value: no table needed.
            bytes = Array(String(String.UnicodeScalarView(body.map { Unicode.Scalar($0) })).utf8)
            bytes = rewriteDeclaration(bytes)
        case let name?:
            // GB2312 and GBK are subsets of GB18030: reading them as GB18030 accepts what a feed labels loosely.
            let from = ["GB2312", "GBK", "CP936", "EUC-CN", "X-GBK"].contains(name) ? "GB18030" : name
            bytes = rewriteDeclaration(try transcode([UInt8](body), from: from, file: file))
        }
        try refuseDTD(bytes, file: file)
        return Data(bytes)
    }

    /// Refuses a DTD or entity declaration anywhere outside comments, CDATA and processing instructions.
    private static func refuseDTD<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, file: String) throws where Bytes.Index == Int {
        var i = 0
        let n = b.count
        // Byte comparisons in place: this runs over every byte of every document.
        func at(_ s: StaticString, _ k: Int) -> Bool {
            let len = s.utf8CodeUnitCount
            guard k + len <= n else { return false }
            let p = s.utf8Start
            for j in 0..<len where b[k + j] != p[j] { return false }
            return true
        }
        func skip(to end: StaticString, from k: Int) -> Int {
            var j = k
            while j < n {
                if b[j] == end.utf8Start[0], at(end, j) { return j + end.utf8CodeUnitCount }
                j += 1
            }
            return n
        }
        while i < n {
            guard b[i] == 0x3C else { i += 1; continue }
            if at("<!--", i) { i = skip(to: "-->", from: i + 4); continue }
            if at("<![CDATA[", i) { i = skip(to: "]]>", from: i + 9); continue }
            if at("<?", i) { i = skip(to: "?>", from: i + 2); continue }
            if at("<!DOCTYPE", i) || at("<!ENTITY", i) {
                let (line, column) = position(of: i, in: b)
                throw FileError(file: file, line: line, column: column,
                                message: "a DTD (<!DOCTYPE …>) is not allowed in a CAP message; its entities are never expanded or fetched")
            }
            i += 1
        }
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the very start, if any.
    static func declaredEncoding(_ b: [UInt8]) -> String? {
        guard let range = declarationRange(b) else { return nil }
        let decl = String(decoding: b[range], as: UTF8.self)
        guard let e = decl.range(of: "encoding") else { return nil }
        let rest = decl[e.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    private static func declarationRange(_ b: [UInt8]) -> Range<Int>? {
        guard b.starts(with: Array("<?xml".utf8)) else { return nil }
        let limit = min(b.count, 256)
        var i = 5
        while i + 1 < limit {
            if b[i] == 0x3F, b[i + 1] == 0x3E { return 0..<(i + 2) }
            i += 1
        }
        return nil
    }

    /// The same bytes, their declaration now saying UTF-8 (what they have become).
    private static func rewriteDeclaration(_ b: [UInt8]) -> [UInt8] {
        guard let range = declarationRange(b) else { return b }
        let decl = String(decoding: b[range], as: UTF8.self)
        guard let name = declaredEncoding(b), let r = decl.range(of: name) else { return b }
        return Array(decl.replacingCharacters(in: r, with: "UTF-8").utf8) + b[range.upperBound...]
    }

    /// Bytes in `from` as UTF-8, through the C library's iconv; a byte sequence not in that encoding is refused
    /// at its position.
    private static func transcode(_ input: [UInt8], from: String, file: String) throws -> [UInt8] {
        let cd = iconv_open("UTF-8", from)
        guard Int(bitPattern: cd) != -1 else {
            throw FileError(file: file, line: 1, column: 1, message: "the declared encoding '\(from)' is not supported on this machine")
        }
        defer { iconv_close(cd) }
        var src = input.map { CChar(bitPattern: $0) }
        var out = [CChar](repeating: 0, count: input.count * 2 + 16)
        var inLeft = src.count, outLeft = out.count
        let failedAt: Int? = src.withUnsafeMutableBufferPointer { ib in
            out.withUnsafeMutableBufferPointer { ob in
                var ip: UnsafeMutablePointer<CChar>? = ib.baseAddress
                var op: UnsafeMutablePointer<CChar>? = ob.baseAddress
                // Output room is at most 2× for every encoding named here (GB18030 4 bytes → UTF-8 ≤ 4), so E2BIG
                // cannot happen; any failure is a byte the encoding does not have.
                let r = iconv(cd, &ip, &inLeft, &op, &outLeft)
                return r == -1 || inLeft > 0 ? input.count - inLeft : nil
            }
        }
        if let failedAt {
            let (line, column) = position(of: failedAt, in: input)
            throw FileError(file: file, line: line, column: column, message: "bytes that are not valid \(from), the encoding the file declares")
        }
        return out[0..<(out.count - outLeft)].map { UInt8(bitPattern: $0) }
    }

    /// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence.
    static func firstInvalidUTF8<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes) -> Int? where Bytes.Index == Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let len: Int
            switch c {
            case 0..<0x80: i += 1; continue
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return i
            }
            guard i + len <= b.count else { return i }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return i }
            if len == 3, c == 0xE0, b[i + 1] < 0xA0 { return i }
            if len == 3, c == 0xED, b[i + 1] >= 0xA0 { return i }
            if len == 4, c == 0xF0, b[i + 1] < 0x90 { return i }
            if len == 4, c == 0xF4, b[i + 1] >= 0x90 { return i }
            i += len
        }
        return nil
    }

    /// Whether a parser position is on the last line of the bytes, past its last non-blank character.
    static func isAtEnd<Bytes: RandomAccessCollection<UInt8>>(line: Int, column: Int, of b: Bytes) -> Bool where Bytes.Index == Int {
        let end = position(of: b.count, in: b)
        var lastLine = end.line
        var k = b.count
        while k > 0, b[k - 1] == 0x0A || b[k - 1] == 0x0D || b[k - 1] == 0x20 || b[k - 1] == 0x09 {
            if b[k - 1] == 0x0A { lastLine -= 1 }
            k -= 1
        }
        return line >= lastLine
    }

    /// 1-based line and character column of a byte offset (columns count characters, not bytes).
    static func position<Bytes: RandomAccessCollection<UInt8>>(of offset: Int, in b: Bytes) -> (line: Int, column: Int) where Bytes.Index == Int {
        var line = 1, column = 1
        for k in 0..<min(offset, b.count) {
            if b[k] == 0x0A { line += 1; column = 1 } else if b[k] & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
