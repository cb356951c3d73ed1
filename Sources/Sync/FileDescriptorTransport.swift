#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Frames over a pair of file descriptors (pipes, stdin/stdout). Reads wait at most `timeout` seconds for
/// each chunk of bytes, so a silent peer turns into an error instead of a hang.
final class FileDescriptorTransport: SyncTransport {
    private let input: Int32
    private let output: Int32
    private let timeout: Double?
    private let peer: String
    private let ownsDescriptors: Bool
    private var buffer: [UInt8] = []
    private var closed = false

    init(input: Int32, output: Int32, timeout: Double?, peer: String, ownsDescriptors: Bool) {
        self.input = input; self.output = output; self.timeout = timeout; self.peer = peer
        self.ownsDescriptors = ownsDescriptors
        ignoreSIGPIPE()
    }

    deinit { close() }

    func send(_ frame: [UInt8]) throws {
        guard !closed else { throw SyncError.connection("connection to the \(peer) is closed") }
        var offset = 0
        while offset < frame.count {
            let n = frame[offset...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SyncError.connection("the \(peer) went away (write: \(String(cString: strerror(errno))))")
            }
            offset += n
        }
    }

    func receive() throws -> [UInt8] {
        guard !closed else { throw SyncError.connection("connection to the \(peer) is closed") }
        try fill(Frame.headerSize)
        let header = try Frame.parseHeader(buffer[0..<Frame.headerSize])
        let total = header.frameSize
        try fill(total)
        let frame = Array(buffer[0..<total])
        buffer.removeFirst(total)
        return frame
    }

    private func fill(_ count: Int) throws {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while buffer.count < count {
            if let timeout {
                var pfd = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                let rc = poll(&pfd, 1, Int32(min(timeout * 1000, Double(Int32.max))))
                if rc == 0 { throw SyncError.connection("the \(peer) did not answer within \(Int(timeout)) s") }
                if rc < 0 {
                    if errno == EINTR { continue }
                    throw SyncError.connection("poll: \(String(cString: strerror(errno)))")
                }
            }
            let want = min(chunk.count, max(count - buffer.count, 4096))
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SyncError.connection("reading from the \(peer): \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                throw SyncError.connection(buffer.isEmpty ? "the \(peer) closed the connection"
                                                          : "the \(peer) closed the connection mid-frame")
            }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        if ownsDescriptors {
            closeDescriptor(output)
            if input != output { closeDescriptor(input) }
        }
    }
}

/// Writing to a closed pipe must fail with EPIPE, not kill the process.
func ignoreSIGPIPE() {
    signal(SIGPIPE, SIG_IGN)
}

private func closeDescriptor(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
