import Foundation

/// Frames over the stdin/stdout of a child process: `dutydesk serve-sync` run locally, or `ssh` running it on
/// the remote host. The child's stderr is kept (the last few KiB) so a failure can say what ssh or the
/// server printed.
final class ProcessTransport: SyncTransport {
    private let process = Process()
    private let toChild = Pipe()
    private let fromChild = Pipe()
    private let errors = Pipe()
    private let stream: FileDescriptorTransport
    private let stderrTail = StderrTail()
    private let description: String

    init(executable: String, arguments: [String], timeout: Double?, peer: String) throws {
        description = ([executable] + arguments).joined(separator: " ")
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = toChild
        process.standardOutput = fromChild
        process.standardError = errors
        let tail = stderrTail
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; tail.finish() } else { tail.append(data) }
        }
        do {
            try process.run()
        } catch {
            throw SyncError.connection("cannot start \(executable): \(error.localizedDescription)")
        }
        stream = FileDescriptorTransport(input: fromChild.fileHandleForReading.fileDescriptor,
                                         output: toChild.fileHandleForWriting.fileDescriptor,
                                         timeout: timeout, peer: peer, ownsDescriptors: false)
    }

    deinit { close() }

    func send(_ frame: [UInt8]) throws {
        do { try stream.send(frame) } catch let e as SyncError { throw explained(e) }
    }

    func receive() throws -> [UInt8] {
        do { return try stream.receive() } catch let e as SyncError { throw explained(e) }
    }

    /// Adds what the child said on stderr to a connection error.
    private func explained(_ e: SyncError) -> SyncError {
        guard e.kind == .connection || e.kind == .protocolViolation else { return e }
        // Give the child a moment to finish writing its complaint and exit.
        for _ in 0..<20 where process.isRunning { usleep(10_000) }
        // The reader thread may still hold the last lines: wait (briefly) for it to see end of file.
        for _ in 0..<100 where !stderrTail.isFinished { usleep(10_000) }
        let said = stderrTail.text.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " / ")
        return said.isEmpty ? e : SyncError(e.kind, "\(e.message): \(said)")
    }

    private var closed = false

    func close() {
        guard !closed else { return }
        closed = true
        stream.close()
        try? toChild.fileHandleForWriting.close()
        // A server exits at end of input; give it a second, then stop it.
        for _ in 0..<100 where process.isRunning { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        try? fromChild.fileHandleForReading.close()
    }
}

/// The last few KiB a child wrote to stderr; written from Foundation's reader thread.
private final class StderrTail: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var finished = false

    func finish() {
        lock.lock(); defer { lock.unlock() }
        finished = true
    }

    var isFinished: Bool {
        lock.lock(); defer { lock.unlock() }
        return finished
    }

    func append(_ d: Data) {
        lock.lock(); defer { lock.unlock() }
        data.append(d)
        if data.count > 4096 { data = data.suffix(4096) }
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
