import Foundation
import Model

/// The central store's own evidence that it was restored from an older copy: a sidecar file beside it
/// (`central.db.hwm`) holding the highest log position ever committed and that entry's tag, written and
/// fsync'd after every apply that appended. A database whose head is below the mark, or whose entry at the
/// mark is another event, lost history: the store starts a new epoch itself, so every office re-reads its
/// scope and re-sends what the centre lacks. Clients never decide this (a client's word is not evidence).
///
/// The sidecar is a separate file, so touching it never disturbs SQLite's locks on the database file.
extension CentralDatabase {
    /// The high-water mark: the highest log sequence number committed and its tag.
    public struct HighWater: Sendable, Equatable {
        public var head: Int64
        public var tag: UInt64
    }

    public var highWaterPath: String { path + ".hwm" }

    /// Fixed-size record, rewritten in place: "head tag\n", space-padded.
    private static let highWaterRecordSize = 48

    /// The recorded mark, or nil when there is no readable sidecar.
    public func highWater() -> HighWater? {
        withHighWaterFile(lock: LOCK_SH) { fd in Self.readHighWater(fd) } ?? nil
    }

    /// Raises the mark to the current head after a committing apply (never lowers it: another process may have
    /// committed further in between).
    func raiseHighWater() throws {
        let head = try head()
        let tag = try tag(at: head) ?? 0
        let failed = withHighWaterFile(lock: LOCK_EX) { fd -> Bool in
            if let current = Self.readHighWater(fd), current.head >= head { return false }
            return !Self.writeHighWater(fd, HighWater(head: head, tag: tag))
        }
        if failed != false { throw StoreError(.sqlite, "cannot write the central high-water mark \(highWaterPath): \(String(cString: strerror(errno)))") }
    }

    /// On open: compares the database with its mark and starts a new epoch when the database lost history.
    /// Returns the reason when it did. A missing or unreadable sidecar (first open, an older release) is written.
    @discardableResult
    func checkHighWater() throws -> String? {
        let head = try head()
        let tag = try tag(at: head) ?? 0
        var reason: String?
        var failed = false
        let opened: Void? = withHighWaterFile(lock: LOCK_EX) { fd in
            if let mark = Self.readHighWater(fd) {
                if head < mark.head {
                    reason = "the central store's log ends at \(head), below its high-water mark \(mark.head): restored from an older copy"
                } else if mark.head > horizon, let at = try? self.tag(at: mark.head), at != mark.tag {
                    // (At or below the horizon the entry may have been pruned: that proves nothing.)
                    reason = "the central store's entry \(mark.head) is not the one committed there: restored from another copy"
                } else if head == mark.head {
                    return
                }
            }
            if let reason { _ = try? rotateEpoch(reason: reason) }
            failed = !Self.writeHighWater(fd, HighWater(head: head, tag: tag))
        }
        if opened == nil || failed {
            throw StoreError(.sqlite, "cannot write the central high-water mark \(highWaterPath): \(String(cString: strerror(errno)))")
        }
        return reason
    }

    /// Runs `body` with the sidecar open and locked (flock, so concurrent servers take turns); nil when the
    /// sidecar cannot be opened.
    private func withHighWaterFile<T>(lock: Int32, _ body: (Int32) throws -> T) rethrows -> T? {
        let fd = Glibc.open(highWaterPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        while flock(fd, lock) != 0 { guard errno == EINTR else { return nil } }
        defer { flock(fd, LOCK_UN) }
        return try body(fd)
    }

    private static func readHighWater(_ fd: Int32) -> HighWater? {
        var buf = [UInt8](repeating: 0, count: highWaterRecordSize)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, highWaterRecordSize, 0) }
        guard n > 0 else { return nil }
        let words = String(decoding: buf.prefix(n), as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\0" })
        guard words.count >= 2, let head = Int64(words[0]), let tag = UInt64(words[1], radix: 16) else { return nil }
        return HighWater(head: head, tag: tag)
    }

    private static func writeHighWater(_ fd: Int32, _ mark: HighWater) -> Bool {
        var text = Array("\(mark.head) \(String(mark.tag, radix: 16))".utf8)
        text += [UInt8](repeating: UInt8(ascii: " "), count: max(0, highWaterRecordSize - 1 - text.count)) + [UInt8(ascii: "\n")]
        let n = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, text.count, 0) }
        return n == text.count && fsync(fd) == 0
    }
}
