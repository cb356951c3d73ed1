import CZlib

/// zlib deflate/inflate of whole buffers, with a ceiling on inflated size so a hostile frame cannot
/// exhaust memory (a "zip bomb").
enum Zlib {
    static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard czlib_deflateInit(&stream, level) == Z_OK else { fatalError("zlib deflateInit failed: out of memory") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                // deflateBound guarantees one call with Z_FINISH completes.
                let rc = deflate(&stream, Z_FINISH)
                precondition(rc == Z_STREAM_END, "zlib deflate did not finish within deflateBound")
                return outBuf.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Inflates a complete zlib stream. Throws on corrupt data, a truncated stream, trailing bytes,
    /// or output beyond `limit` bytes.
    static func decompress(_ input: ArraySlice<UInt8>, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflateInit(&stream) == Z_OK else { throw SyncError.local("zlib inflateInit failed") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = Array(input)
        return try input.withUnsafeMutableBufferPointer { inBuf -> [UInt8] in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while true {
                let (rc, n) = chunk.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    let rc = inflate(&stream, Z_NO_FLUSH)
                    return (rc, outBuf.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<n])
                if output.count > limit { throw SyncError.malformed("frame inflates beyond \(limit) bytes") }
                switch rc {
                case Z_STREAM_END:
                    guard stream.avail_in == 0 else { throw SyncError.malformed("bytes after the end of a compressed frame") }
                    return output
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw SyncError.malformed("compressed frame is truncated")
                default:
                    throw SyncError.malformed("compressed frame is corrupt (zlib \(rc))")
                }
            }
        }
    }

    /// CRC-32 (zlib's), used for frame and snapshot chunk checksums.
    static func crc32(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { crc32($0, seed: seed) }
    }

    static func crc32(_ buf: UnsafeBufferPointer<UInt8>, seed: UInt32 = 0) -> UInt32 {
        UInt32(CZlib.crc32(uLong(seed), buf.baseAddress, uInt(buf.count)))
    }
}
