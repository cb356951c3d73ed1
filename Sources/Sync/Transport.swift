/// A two-way stream of whole frames. Implementations: pipes to a child process (local path or `ssh`),
/// the server's stdin/stdout, an in-process loopback, and (in tests) a fault-injecting wrapper.
public protocol SyncTransport: AnyObject {
    /// Sends one whole frame.
    func send(_ frame: [UInt8]) throws
    /// The next whole frame; throws `SyncError` of kind `.connection` at end of stream or timeout.
    func receive() throws -> [UInt8]
    /// Closes the stream; the other side sees end of input. Safe to call twice.
    func close()
}
