import Foundation

/// The document's bytes as the stream `XMLParser(stream:)` pulls from, read in place: `InputStream(data:)` copies the
/// whole document first (Foundation bridges it to a CFData), which for a 50 MB feed is 50 MB more held to the end.
final class CAPByteStream: InputStream {
    private let bytes: Data
    private var offset: Int
    private var status: Stream.Status = .notOpen

    init(_ bytes: Data) {
        self.bytes = bytes
        self.offset = bytes.startIndex
        super.init(data: Data())
    }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var streamError: (any Error)? { nil }
    override var hasBytesAvailable: Bool { offset < bytes.endIndex }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        let n = min(len, bytes.endIndex - offset)
        guard n > 0 else {
            status = .atEnd
            return 0
        }
        bytes.copyBytes(to: buffer, from: offset..<(offset + n))
        offset += n
        return n
    }

    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, length len: UnsafeMutablePointer<Int>) -> Bool {
        false
    }
}
