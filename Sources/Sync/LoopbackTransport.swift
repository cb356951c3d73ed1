/// An in-process connection to a server session: `send` runs the server on the frame at once and queues its
/// answer frames for `receive`. Nothing queued means the answer was lost, which reads as a timeout.
public final class LoopbackTransport: SyncTransport {
    let session: ServerSession
    private var inbox: [[UInt8]] = []
    private var closed = false
    private var serverGone = false

    init(session: ServerSession) { self.session = session }

    public func send(_ frame: [UInt8]) throws {
        guard !closed else { throw SyncError.connection("loopback connection is closed") }
        guard !serverGone else { return }
        var out: [[UInt8]] = []
        let keepOpen = try session.handle(frame) { out.append($0) }
        inbox.append(contentsOf: out)
        if !keepOpen { serverGone = true }
    }

    public func receive() throws -> [UInt8] {
        guard !closed else { throw SyncError.connection("loopback connection is closed") }
        guard !inbox.isEmpty else { throw SyncError.connection("the server did not answer (timed out)") }
        return inbox.removeFirst()
    }

    public func close() { closed = true; inbox.removeAll() }
}
