import Foundation
import Model
import Store
import Testing
import TestSupport
@testable import Sync

/// The real `dutydesk` binary (DUTYDESK_BIN, or the debug build beside the tests).
enum DutyDeskBinary {
    static var path: String {
        if let p = ProcessInfo.processInfo.environment["DUTYDESK_BIN"], FileManager.default.isExecutableFile(atPath: p) { return p }
        return FileManager.default.currentDirectoryPath + "/.build/debug/dutydesk"
    }

    /// Runs it to completion; returns the exit status and stderr.
    static func run(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }
}

/// An in-process connection with its own connection to the central file, closed with the transport: what a
/// `serve-sync` process per sync is, without the process.
final class OwnConnectionTransport: SyncTransport {
    let central: CentralDatabase
    let inner: LoopbackTransport
    init(path: String, office: RegionCode, options: ServerOptions) throws {
        central = try CentralDatabase.open(path: path)
        inner = LoopbackTransport(session: ServerSession(central: central, office: office, options: options))
    }
    func send(_ frame: [UInt8]) throws { try inner.send(frame) }
    func receive() throws -> [UInt8] { try inner.receive() }
    func close() { inner.close(); central.close() }
}

/// Issue 8: 300 offices (townships included) each schedule three drills in one second with the CLI, then sync
/// two at a time against one SQLite central file: 900 distinct drills, 0 failed syncs. Smaller with
/// DUTYDESK_DRILL_OFFICES=N.
@Suite(.serialized) struct ProvinceDrillTests {
    /// The province, its cities and counties from the catalogue, then townships under each county until `count`.
    static func offices(_ count: Int) -> [RegionCode] { ProvinceOffices.codes(count) }

    @Test func threeHundredOfficesScheduleThreeDrillsEachAndAllArriveEverywhere() throws {
        let count = Int(ProcessInfo.processInfo.environment["DUTYDESK_DRILL_OFFICES"] ?? "300") ?? 300
        let codes = Self.offices(count)
        try #require(codes.count == count && Set(codes).count == count)
        let dir = TemporaryDirectory(prefix: "dutydesk-drills")
        let centralPath = dir.file("central.db")
        try CentralDatabase.create(path: centralPath).close()
        for code in codes {
            try Store.create(path: dir.file("\(code).db"), office: code, officeName: "office \(code)", operatorName: "op").close()
        }
        // Three drills per office, back to back through the CLI (the product's id scheme), offices four at a time.
        let failures = Failures()
        try Self.parallel(codes, width: 4) { code in
            for k in 1...3 {
                let (status, err) = try DutyDeskBinary.run(["drills", "schedule", "--title", "演练 \(code)-\(k)", "--date", "2026-12-20",
                                                            "--db", dir.file("\(code).db")])
                if status != 0 { failures.add("schedule \(code)#\(k): \(err)") }
            }
        }
        // Record ids come from the device's full identity and its event sequence: none is refused as a repeat.
        #expect(failures.all.isEmpty, "\(failures.all.count) drills refused at their office: \(failures.all.prefix(3))")

        // Sync two at a time, each sync with its own connection to the central file; twice, so every office
        // also pulls what the others pushed.
        let options = { var o = ServerOptions(); o.maxDriftMilliseconds = 365 * 86_400_000; return o }()
        let syncFailures = Failures()
        for _ in 0..<2 {
            try Self.parallel(codes, width: 2) { code in
                let store = try Store.open(path: dir.file("\(code).db"))
                defer { store.close() }
                let client = SyncClient(store: store) { try OwnConnectionTransport(path: centralPath, office: code, options: options) }
                defer { client.close() }
                do {
                    let r = try client.syncOnce()
                    if !r.rejected.isEmpty { syncFailures.add("office \(code): rejected \(r.rejected)") }
                } catch {
                    syncFailures.add("office \(code): \(error)")
                }
            }
        }
        #expect(syncFailures.all.isEmpty, "\(syncFailures.all.count) failed syncs: \(syncFailures.all.prefix(3))")

        // 900 distinct drills at the centre, at the province, and each office's own three at home.
        let central = try CentralDatabase.open(path: centralPath)
        defer { central.close() }
        var drills = Set<String>()
        for entry in try central.log(after: 0, limit: 1_000_000) {
            if case .fields(let ref, _) = try entry.event().payload, ref.kind == .drill { drills.insert(ref.id) }
        }
        var all = DrillQuery(); all.limit = 1_000_000
        let province = try Store.open(path: dir.file("140000.db"))
        defer { province.close() }
        var short: [RegionCode] = []
        for code in codes {
            let store = try Store.open(path: dir.file("\(code).db"))
            defer { store.close() }
            if try store.drills(all).filter({ $0.organiser == code }).count != 3 { short.append(code) }
            #expect(try store.check() == [], "office \(code)")
        }
        let provinceDrills = try province.drills(all).count
        #expect(drills.count == 3 * count, "the centre holds \(drills.count) distinct drills of \(3 * count)")
        #expect(provinceDrills == 3 * count)
        #expect(short.isEmpty, "\(short.count) offices do not hold their own three drills: \(short.prefix(5))")
        // Whatever the ids, the province holds exactly what the centre holds.
        #expect(provinceDrills == drills.count)
    }

    /// Runs `body` for each code on `width` threads; the first thrown error is rethrown.
    static func parallel(_ codes: [RegionCode], width: Int, _ body: @escaping @Sendable (RegionCode) throws -> Void) throws {
        let queue = WorkQueue(codes)
        let errors = Failures()
        let group = DispatchGroup()
        for _ in 0..<width {
            DispatchQueue.global().async(group: group) {
                while let code = queue.next() {
                    do { try body(code) } catch { errors.add("\(code): \(error)") }
                }
            }
        }
        group.wait()
        if let first = errors.all.first { throw SyncError.local(first) }
    }
}

/// Strings gathered from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}

/// Codes handed out one at a time to several threads.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [RegionCode]
    init(_ codes: [RegionCode]) { self.codes = codes.reversed() }
    func next() -> RegionCode? { lock.withLock { codes.popLast() } }
}
