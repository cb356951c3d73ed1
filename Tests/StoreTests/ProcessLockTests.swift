import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Opening a second connection to a store must not drop the POSIX locks the first one holds: they belong to the
/// process, and closing any descriptor of the file releases all of them (then another process believes it is the
/// last connection, checkpoints and deletes the WAL under this one). Read from the kernel's own table.
@Suite struct ProcessLockTests {
    /// The POSIX locks this process holds on `path`, as /proc/locks lists them ("READ 1073741826 …").
    static func ownLocks(on path: String) throws -> [String] {
        var st = stat()
        try #require(stat(path, &st) == 0)
        let inode = String(st.st_ino)
        let pid = String(getpid())
        let table = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        return table.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            // "1: POSIX  ADVISORY  READ 4242 08:01:123 1073741826 1073742335"
            guard f.count >= 8, f[1] == "POSIX", f[4] == pid, f[5].split(separator: ":").last.map(String.init) == inode
            else { return nil }
            return f[3...].joined(separator: " ")
        }
    }

    @Test(arguments: [false, true])
    func openingTheStoreAgainKeepsTheFirstConnectionsLocks(readOnly: Bool) throws {
        let t = try TestStore()
        try t.store.record(.acknowledge(alertID: "held"))
        // A read leaves the WAL-mode SHARED lock on the main file (how a closing process tells it is not the last).
        _ = try t.store.stats()
        let before = try Self.ownLocks(on: t.path)
        try #require(!before.isEmpty, "the first connection holds no lock on \(t.path): the test would prove nothing")
        let second = try Store.open(path: t.path, clock: t.clock, readOnly: readOnly)
        #expect(try Self.ownLocks(on: t.path) == before)
        second.close()
        #expect(try Self.ownLocks(on: t.path) == before)
        try t.store.record(.acknowledge(alertID: "after"))
        #expect(try t.store.check().isEmpty)
    }
}

/// The central store is opened by every `serve-sync` and by tools beside a running server: the same rule.
@Suite struct CentralProcessLockTests {
    @Test func openingTheCentralStoreAgainKeepsTheFirstConnectionsLocks() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("central.db")
        let first = try CentralDatabase.create(path: path)
        defer { first.close() }
        _ = try first.eventCount()
        let before = try ProcessLockTests.ownLocks(on: path)
        try #require(!before.isEmpty, "the first connection holds no lock: the test would prove nothing")
        let second = try CentralDatabase.open(path: path)
        #expect(try ProcessLockTests.ownLocks(on: path) == before)
        second.close()
        #expect(try ProcessLockTests.ownLocks(on: path) == before)
    }
}
