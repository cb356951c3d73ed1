#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back if the process dies of a crash (a Swift trap is SIGILL or SIGTRAP, a bad pointer
/// SIGSEGV or SIGBUS, `abort` SIGABRT): without this a crash leaves the shell on the alternate screen with
/// the cursor hidden, mouse reporting and bracketed paste on, and echo off.
///
/// The handler may only call async-signal-safe functions, so the bytes to write and the terminal modes to
/// restore are prepared beforehand into static storage; it writes them with `write(2)`, restores the modes
/// with `tcsetattr`, and re-raises the signal with its default action (`SA_RESETHAND`), so the exit status and
/// any core dump stay what they would have been.
enum FatalSignals {
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
    private static let capacity = 256
    nonisolated(unsafe) private static let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var fd: Int32 = -1
    nonisolated(unsafe) private static var inputFD: Int32 = -1
    nonisolated(unsafe) private static var modes = termios()
    nonisolated(unsafe) private static var haveModes = false

    /// Arms the handlers: `reset` is written to `outputFD`, and `shellModes` (the modes before curses) are
    /// restored on `inputFD`. Called once the terminal is set up, on the curses thread.
    static func arm(reset: [UInt8], outputFD: Int32, inputFD: Int32, shellModes: termios?) {
        let n = min(reset.count, capacity)
        for i in 0..<n { bytes[i] = reset[i] }
        count = n
        fd = outputFD
        Self.inputFD = inputFD
        if let shellModes { modes = shellModes; haveModes = true }
        let handler: @convention(c) (Int32) -> Void = { signal in
            if FatalSignals.fd >= 0 { _ = write(FatalSignals.fd, FatalSignals.bytes, FatalSignals.count) }
            if FatalSignals.haveModes { _ = tcsetattr(FatalSignals.inputFD, TCSANOW, &FatalSignals.modes) }
            raise(signal)
        }
        var action = signalAction(handler, flags: Int32(bitPattern: UInt32(SA_RESETHAND) | UInt32(SA_NODEFER)))
        for signal in signals { sigaction(signal, &action, nil) }
    }

    /// The terminal is restored normally: crashes after this must not write anything.
    static func disarm() {
        fd = -1
        haveModes = false
        var action = signalAction(SIG_DFL)
        for signal in signals { sigaction(signal, &action, nil) }
    }
}
