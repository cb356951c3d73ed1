import Foundation

/// Seconds on the monotonic clock (benchmarks and simulations time with it; wall-clock jumps do not count).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
