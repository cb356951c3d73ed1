import Foundation
import Model
import Store

/// `dutydesk bench cap`: CAP import into a large store — parse alone, then `Store.importCAP` per document (one
/// transaction each, a savepoint per message), new messages and re-imported duplicates.
struct CAPBenchmark {
    let targetEvents: Int
    let documents: Int
    let perDocument: Int
    let directory: String

    static func message(_ n: Int, county: Int) -> String {
        let minute = n % 60, hour = (n / 60) % 24, day = 1 + (n / 1440) % 28
        let sent = String(format: "2026-07-%02dT%02d:%02d:00+08:00", day, hour, minute)
        return """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>BENCH-\(n)</identifier>
            <sender>\(county)@yjgl.shanxi.gov.cn</sender><sent>\(sent)</sent><status>Actual</status><msgType>Alert</msgType>
            <scope>Public</scope><info><language>zh-CN</language><event>暴雨</event><urgency>Immediate</urgency>
            <severity>Severe</severity><certainty>Likely</certainty><headline>县气象台发布暴雨橙色预警 \(n)</headline>
            <description>预计未来3小时内将出现50毫米以上降水。</description><parameter><valueName>预警级别</valueName><value>橙色</value></parameter>
            <area><areaDesc>清徐县</areaDesc><polygon>37.6,112.3 37.7,112.3 37.7,112.5 37.6,112.3</polygon>
            <geocode><valueName>GB/T 2260</valueName><value>\(county)</value></geocode></area></info></alert>
            """
    }

    /// A message as a national batch carries it: an `<info>` per language, each with several `<area>` blocks.
    static func largeMessage(_ n: Int, county: Int) -> String {
        let sent = String(format: "2026-08-%02dT%02d:%02d:00+08:00", 1 + (n / 1440) % 28, (n / 60) % 24, n % 60)
        func info(_ language: String, _ headline: String) -> String {
            let areas = (0..<5).map { a in
                "<area><areaDesc>区域 \(a)</areaDesc><polygon>37.\(a),112.3 37.7,112.\(a) 37.7,112.5 37.\(a),112.3</polygon>"
                    + "<geocode><valueName>GB/T 2260</valueName><value>\(county)</value></geocode></area>"
            }.joined()
            return "<info><language>\(language)</language><event>暴雨</event><urgency>Immediate</urgency>"
                + "<severity>Severe</severity><certainty>Likely</certainty><headline>\(headline) \(n)</headline>"
                + "<description>预计未来3小时内将出现50毫米以上降水。</description>\(areas)</info>"
        }
        return "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>LARGE-\(n)</identifier>"
            + "<sender>\(county)@yjgl.shanxi.gov.cn</sender><sent>\(sent)</sent><status>Actual</status>"
            + "<msgType>Alert</msgType><scope>Public</scope>"
            + info("zh-CN", "县气象台发布暴雨橙色预警") + info("en-US", "Heavy rain orange warning") + "</alert>\n"
    }

    /// Writes a CAP document of at least `megabytes` to `path`, a chunk at a time (the writer holds no document).
    static func writeLargeDocument(megabytes: Int, to path: String) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path) else {
            throw CommandError("bench cap: cannot write \(path)")
        }
        defer { try? out.close() }
        let counties = [140121, 140122, 140123, 140181, 140105, 140106]
        var written = 0, n = 0
        var chunk = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed>\n"
        while written + chunk.utf8.count < megabytes << 20 {
            chunk += largeMessage(n, county: counties[n % counties.count])
            n += 1
            if chunk.utf8.count > 1 << 20 {
                try out.write(contentsOf: Data(chunk.utf8))
                written += chunk.utf8.count
                chunk = ""
            }
        }
        try out.write(contentsOf: Data((chunk + "</feed>\n").utf8))
        return n
    }

    /// `bench cap --large-mb N`: one document of N MB imported into a fresh store, streamed; run it under
    /// `/usr/bin/time -v` to see the process's peak RSS from outside as well.
    static func runLarge(megabytes: Int, directory: String) throws {
        let path = (directory as NSString).appendingPathComponent("dutydesk-bench-cap-large-\(getpid()).db")
        let doc = (directory as NSString).appendingPathComponent("dutydesk-bench-cap-large-\(getpid()).xml")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try? FileManager.default.removeItem(atPath: doc)
        }
        let messages = try writeLargeDocument(megabytes: megabytes, to: doc)
        let store = try Store.create(path: path, office: 140000, officeName: "山西省应急管理厅", operatorName: "bench")
        defer { store.close() }
        let before = peakRSS()
        let t = monotonicSeconds()
        guard let data = FileManager.default.contents(atPath: doc) else { throw CommandError("bench cap: cannot read \(doc)") }
        var imported = 0
        try store.importCAP(data, source: doc) { if $0.outcome == .imported { imported += 1 } }
        let secs = monotonicSeconds() - t
        print("dutydesk bench cap --large-mb — \(machine())")
        print(String(format: "one document of %d bytes, %d messages (2 <info>, 10 <area> each)", data.count, messages))
        print(String(format: "import (streamed)     %8.0f messages/s  (%d imported, %.2f s)", Double(imported) / secs, imported, secs))
        print("peak RSS \(peakRSS() / 1_048_576) MiB (\(before / 1_048_576) MiB before the import)")
        guard imported == messages else { throw CommandError("bench cap: \(imported) of \(messages) messages imported") }
    }

    func run() throws {
        let scratch = try ScratchStore("bench-cap", in: directory)
        defer { scratch.discard() }
        let store = scratch.store
        let scale = try DemoSeeder.scale(forEvents: targetEvents)
        let seeded = try DemoSeeder.seed(store, scale: scale, seed: 1, now: Date())

        let counties = [140121, 140122, 140123, 140181, 140105, 140106]
        var docs: [Data] = []
        for d in 0..<documents {
            let body = (0..<perDocument).map { Self.message(d * perDocument + $0, county: counties[(d + $0) % counties.count]) }
            docs.append(Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed>" + body.joined() + "</feed>").utf8))
        }
        let messages = documents * perDocument
        let bytes = docs.reduce(0) { $0 + $1.count }

        var t = monotonicSeconds()
        var parsed = 0
        for (i, d) in docs.enumerated() { parsed += try CAPParser.parseMessages(d, file: "doc\(i)").count }
        let parseSecs = monotonicSeconds() - t

        t = monotonicSeconds()
        var imported = 0
        for (i, d) in docs.enumerated() {
            imported += try store.importCAP(d, source: "doc\(i)").filter { $0.outcome == .imported }.count
        }
        let importSecs = monotonicSeconds() - t

        t = monotonicSeconds()
        var duplicates = 0
        for (i, d) in docs.enumerated() {
            duplicates += try store.importCAP(d, source: "doc\(i)").filter { $0.outcome == .duplicate }.count
        }
        let dupSecs = monotonicSeconds() - t

        print("dutydesk bench cap — \(machine())")
        print("store: \(seeded) demo events, then \(messages) CAP messages in \(documents) documents of \(perDocument) (\(bytes / 1024) KiB)")
        print(String(format: "parse only            %8.0f messages/s", Double(parsed) / parseSecs))
        print(String(format: "import (new)          %8.0f messages/s  (%d imported, %.2f s)", Double(imported) / importSecs, imported, importSecs))
        print(String(format: "re-import (duplicate) %8.0f messages/s  (%d duplicates, %.2f s)", Double(duplicates) / dupSecs, duplicates, dupSecs))
        print("peak RSS \(peakRSS() / 1_048_576) MiB")
        guard imported == messages, duplicates == messages else {
            throw CommandError("bench cap: \(imported) imported and \(duplicates) duplicates of \(messages) messages")
        }
    }
}
