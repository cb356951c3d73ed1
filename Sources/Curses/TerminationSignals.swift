import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT handlers that only record the signal, so the app loop can leave
/// and restore the terminal itself (nothing else is async-signal-safe). SIGQUIT (Ctrl-\) is here because
/// its default action dumps core with the runtime's crash screen over a terminal left in curses mode.
enum TerminationSignals {
    static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    /// The signal that asked us to stop, or 0.
    static let received = Atomic<Int32>(0)

    /// Installs the handlers and returns the previous actions, for `uninstall`.
    static func install() -> [sigaction] {
        // Touch the flag first so the handler never runs its lazy initialisation.
        _ = received.load(ordering: .relaxed)
        let handler: @convention(c) (Int32) -> Void = { signal in
            TerminationSignals.received.store(signal, ordering: .relaxed)
        }
        // No SA_RESTART: a blocking read is interrupted, so the loop sees the flag at once.
        var action = signalAction(handler)
        // A parent may have left these blocked (seen with test runners); then a resize or a kill would never
        // arrive. Unblock them, SIGWINCH included (ncurses handles that one itself).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals + [SIGWINCH] { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        return signals.map { signal in
            var previous = sigaction()
            sigaction(signal, &action, &previous)
            return previous
        }
    }

    static func uninstall(_ previous: [sigaction]) {
        for (signal, var action) in zip(signals, previous) {
            sigaction(signal, &action, nil)
        }
    }
}
