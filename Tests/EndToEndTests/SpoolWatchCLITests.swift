import Foundation
import Testing
import TestSupport

/// `alerts watch` against spools as real writers fill them: not always atomically, in subfolders, with any names.
@Suite struct SpoolWatchCLITests {
    static func setUp(_ dir: TemporaryDirectory) throws -> (db: String, spool: String) {
        let db = dir.file("p.db")
        try #require(try Binary.run(["init", "--db", db, "--office", "140000", "--name", "省厅", "--operator", "值班员"]).status == 0)
        let spool = dir.file("spool")
        try FileManager.default.createDirectory(atPath: spool + "/山西 太原", withIntermediateDirectories: true)
        return (db, spool)
    }

    static func corpus(_ name: String) throws -> Data {
        try Data(contentsOf: AlertImportCLITests.corpus.appendingPathComponent(name))
    }

    /// A file still being written by a writer that does not rename is left alone until it is whole, then imported;
    /// a subfolder keeps its place under done/; a name dropped twice does not overwrite the first in done/; a file
    /// that is not CAP goes to quarantine/ with its reason beside it.
    @Test func halfWrittenFilesWaitSubfoldersKeepTheirPlaceAndNothingIsOverwritten() throws {
        let dir = TemporaryDirectory()
        let (db, spool) = try Self.setUp(dir)
        let fm = FileManager.default
        let whole = try Self.corpus("exercise-shanxi.xml")
        let slow = spool + "/slow writer 预警.xml"
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: slow))
        try Self.corpus("shanxi-multi-area-signed.xml").write(to: URL(fileURLWithPath: spool + "/山西 太原/洪水.xml"))
        let notes = spool + "/notes.txt"
        try Data("hello, this is not an alert\n".utf8).write(to: URL(fileURLWithPath: notes))
        // Written a while ago: whatever it is, it is not being written any more.
        try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: notes)

        var r = try Binary.run(["alerts", "watch", spool, "--once", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fm.fileExists(atPath: slow), "half a file is not imported or quarantined")
        #expect(fm.fileExists(atPath: spool + "/done/山西 太原/洪水.xml"))
        #expect(fm.fileExists(atPath: spool + "/quarantine/notes.txt"))
        let reason = try String(contentsOfFile: spool + "/quarantine/notes.txt.reason.txt", encoding: .utf8)
        #expect(reason.hasPrefix(notes + ":1:1: "), "\(reason)")
        #expect(AlertImportCLITests.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout).count == 1)

        // The writer finishes; the same name is dropped again later (another message).
        try whole.write(to: URL(fileURLWithPath: slow))
        r = try Binary.run(["alerts", "watch", spool, "--once", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported alert SX-DRILL-2026-0712-01"), "\(r.stdout)")
        try Self.corpus("cn-national-rainstorm-gb18030.xml").write(to: URL(fileURLWithPath: slow))
        #expect(try Binary.run(["alerts", "watch", spool, "--once", "--db", db]).status == 0)
        #expect(Set(try fm.contentsOfDirectory(atPath: spool + "/done")) == ["山西 太原", "slow writer 预警.xml", "slow writer 预警.2.xml"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: spool + "/done/slow writer 预警.xml")) == whole, "the first is not overwritten")
        #expect(AlertImportCLITests.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout).count == 1)
    }

    /// A file over CAP's size limit is moved to quarantine/ with its reason without being read into memory.
    @Test func anOversizedFileIsQuarantinedUnread() throws {
        let dir = TemporaryDirectory()
        let (db, spool) = try Self.setUp(dir)
        let big = spool + "/big.xml"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 80 << 20)  // sparse: 80 MB that cost no disk
        try handle.close()
        let r = try Binary.run(["alerts", "watch", spool, "--once", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: spool + "/quarantine/big.xml"))
        let reason = try String(contentsOfFile: spool + "/quarantine/big.xml.reason.txt", encoding: .utf8)
        #expect(reason.contains("file is 83886080 bytes"), "\(reason)")
        #expect(AlertImportCLITests.json(try Binary.run(["alerts", "quarantine", "list", "--db", db, "--json"]).stdout).isEmpty,
                "80 MB of bytes are not copied into the store: the file itself is kept in quarantine/")
    }

    /// The spool deleted while being watched: the watch stops with one line saying so, not a stack of errors.
    @Test func aSpoolDeletedWhileWatchedStopsTheWatchWithAClearLine() throws {
        let dir = TemporaryDirectory()
        let (db, spool) = try Self.setUp(dir)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["alerts", "watch", spool, "--db", db]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        while !FileManager.default.fileExists(atPath: spool + "/done") { Thread.sleep(forTimeInterval: 0.05) }
        try FileManager.default.removeItem(atPath: spool)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus != 0)
        #expect(text.split(separator: "\n").count == 1 && text.contains("\(spool): the spool folder is gone"), "\(text)")
    }
}
