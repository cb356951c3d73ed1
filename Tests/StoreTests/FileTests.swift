import Foundation
import Model
@testable import Store
import Testing
import TestSupport

/// Creating and opening files: identity, permissions, and a clear error for every file that is not a healthy store.
@Suite struct FileTests {
    private func expectError(_ code: StoreError.Code, containing text: String, sourceLocation: SourceLocation = #_sourceLocation,
                             _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(code) error", sourceLocation: sourceLocation)
        } catch let e as StoreError {
            #expect(e.code == code, "\(e)", sourceLocation: sourceLocation)
            #expect(e.description.contains(text), "\(e)", sourceLocation: sourceLocation)
            #expect(!e.description.contains("\n"), sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    private func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    @Test func createThenOpenKeepsIdentityAndMode() throws {
        let t = try TestStore(office: 140121, officeName: "清徐县应急管理局", operatorName: "李娜")
        try t.store.record(.acknowledge(alertID: "x"))
        var st = stat()
        for suffix in ["", "-wal"] {
            #expect(stat(t.path + suffix, &st) == 0)
            #expect(st.st_mode & 0o777 == 0o600, "\(suffix) mode \(String(st.st_mode & 0o777, radix: 8))")
        }
        let identity = t.store.identity
        let last = t.store.lastHLC()
        let reopened = try t.reopen()
        defer { reopened.close() }
        #expect(reopened.identity == identity)
        #expect(reopened.lastHLC() == last)
        #expect(identity.device != 0)
        #expect(try reopened.check().isEmpty)
    }

    @Test func createRefusesAnExistingFile() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("taken.db", Array("precious".utf8))
        expectError(.alreadyExists, containing: "already exists") {
            _ = try Store.create(path: path, office: 140100, officeName: "x", operatorName: "y")
        }
        #expect(bytes(path) == Data("precious".utf8))
    }

    @Test func missingFile() {
        let dir = TemporaryDirectory()
        expectError(.notFound, containing: "no store at") { _ = try Store.open(path: dir.file("nope.db")) }
    }

    @Test func emptyFile() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("empty.db", [])
        expectError(.notAStore, containing: "empty (0 bytes)") { _ = try Store.open(path: path) }
        #expect(bytes(path).isEmpty)
    }

    @Test func randomBytes() throws {
        let dir = TemporaryDirectory()
        var rng = SeededGenerator(seed: 9)
        let noise = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let path = try dir.write("noise.db", noise)
        expectError(.notADatabase, containing: "not a SQLite database") { _ = try Store.open(path: path) }
        #expect(bytes(path) == Data(noise))
    }

    @Test func anotherProgramsSQLiteFileIsRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("other.db")
        let db = try Database(path: path, flags: [.readWrite, .create])
        try db.execute("CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES ('keep me')")
        db.close()
        let before = bytes(path)
        expectError(.notAStore, containing: "not a DutyDesk store") { _ = try Store.open(path: path) }
        expectError(.notAStore, containing: "not a DutyDesk store") { _ = try Store.open(path: path, readOnly: true) }
        #expect(bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    private func closedStoreWithData() throws -> (TemporaryDirectory, String) {
        let dir = TemporaryDirectory()
        let path = dir.file("s.db")
        let store = try Store.create(path: path, office: 140000, officeName: "省厅", operatorName: "op", clock: ManualClock())
        var events: [Event] = []
        try DemoProvince(seed: 3, scale: 1, now: date(t0)).generate { if events.count < 3000 { events.append($0) } }
        try store.ingest(events)
        store.close()  // the last connection checkpoints and removes the WAL
        return (dir, path)
    }

    @Test func truncatedFile() throws {
        let (dir, path) = try closedStoreWithData()
        _ = dir
        let full = bytes(path)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: path))
        expectError(.corrupt, containing: "truncated") { _ = try Store.open(path: path) }
        try full.prefix(60).write(to: URL(fileURLWithPath: path))
        expectError(.corrupt, containing: "truncated") { _ = try Store.open(path: path) }
    }

    @Test func damagedPagesAreReported() throws {
        let (dir, path) = try closedStoreWithData()
        _ = dir
        var data = [UInt8](bytes(path))
        // Scribble over the middle of the file, leaving the header intact.
        for i in stride(from: data.count / 3, to: data.count / 3 + 20_000, by: 1) { data[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try Data(data).write(to: URL(fileURLWithPath: path))
        do {
            let store = try Store.open(path: path)
            defer { store.close() }
            let problems = try store.check()
            #expect(!problems.isEmpty)
        } catch let e as StoreError {
            #expect(e.code == .corrupt, "\(e)")
        }
    }

    @Test func newerSchemaIsRefusedNotDowngraded() throws {
        let t = try TestStore()
        try t.store.withDatabase { db in try db.execute("PRAGMA user_version = 99") }
        t.store.close()
        expectError(.newerSchema, containing: "store schema version 99 is newer than this dutydesk (knows \(Migrations.latest)); upgrade dutydesk") {
            _ = try Store.open(path: t.path)
        }
        let db = try Database(path: t.path, flags: [.readOnly])
        #expect(try db.int("PRAGMA user_version") == 99)
        db.close()
    }

    @Test func aLockedStoreIsBusyNotBroken() throws {
        let t = try TestStore()
        try t.store.record(.acknowledge(alertID: "before"))
        let other = try Database(path: t.path, flags: [.readWrite])
        try other.execute("BEGIN IMMEDIATE")
        let second = try Store.open(path: t.path, clock: t.clock, readOnly: false,
                                    options: OpenOptions(busyTimeoutMilliseconds: 50))
        defer { second.close() }
        expectError(.busy, containing: "locked by another process") { try second.record(.acknowledge(alertID: "x")) }
        try other.execute("ROLLBACK")
        other.close()
        try second.record(.acknowledge(alertID: "after"))
        #expect(try second.outboxDepth() == 2)
        #expect(try second.check().isEmpty)
    }

    @Test func aFullDiskWritesNothingAndLosesNothing() throws {
        let t = try TestStore()
        try t.store.record(.acknowledge(alertID: "first"))
        try t.store.withDatabase { db in
            let pages = try db.int("PRAGMA page_count") ?? 0
            _ = try db.int("PRAGMA max_page_count = \(pages + 2)")
        }
        let big = String(repeating: "暴雨", count: 2000)
        var failure: StoreError?
        for i in 0..<50 {
            let before = try count(t.store, "events")
            do {
                try t.store.record(.alert(sampleAlert("F\(i)", headline: big)))
            } catch let e as StoreError {
                failure = e
                #expect(try count(t.store, "events") == before)
                #expect(try count(t.store, "outbox") == before)
                break
            }
        }
        let e = try #require(failure)
        #expect(e.code == .diskFull)
        #expect(e.description.hasPrefix("disk full: nothing was written"))
        try t.store.withDatabase { db in _ = try db.int("PRAGMA max_page_count = 1073741823") }
        try t.store.record(.acknowledge(alertID: "after"))
        #expect(try t.store.check().isEmpty)
    }

    @Test func readOnlyStoresRefuseWrites() throws {
        let t = try TestStore()
        t.store.close()
        let ro = try Store.open(path: t.path, clock: t.clock, readOnly: true)
        defer { ro.close() }
        expectError(.readOnly, containing: "read-only") { try ro.record(.acknowledge(alertID: "x")) }
        #expect(try ro.stats().events == 0)
    }
}
