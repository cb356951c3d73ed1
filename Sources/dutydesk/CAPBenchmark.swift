import Foundation
import Model
import Store

/// `dutydesk bench cap`: CAP import into a large store — parse alone, then `Store.importCAP` a commit per document (a
/// savepoint per message), then grouped commits as `alerts import` makes them, new messages and re-imported duplicates.
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
        // Two sets of new messages: one imported a commit per document (a spool file arriving alone), one as
        // `alerts import` takes many files (grouped commits).
        func documentSet(_ set: Int) -> [Data] {
            (0..<documents).map { d in
                let first = (set * documents + d) * perDocument
                let body = (0..<perDocument).map { Self.message(first + $0, county: counties[(d + $0) % counties.count]) }
                return Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed>" + body.joined() + "</feed>").utf8)
            }
        }
        let single = documentSet(0), grouped = documentSet(1)
        let messages = documents * perDocument
        let bytes = single.reduce(0) { $0 + $1.count }

        // Wall time and this process's CPU time: on a shared machine the CPU figure says what the work costs.
        func timed(_ body: () throws -> Int) rethrows -> (count: Int, wall: Double, cpu: Double) {
            let (w, c) = (monotonicSeconds(), processCPUSeconds())
            let n = try body()
            return (n, monotonicSeconds() - w, processCPUSeconds() - c)
        }
        func line(_ label: String, _ r: (count: Int, wall: Double, cpu: Double), _ what: String) -> String {
            label.padding(toLength: 30, withPad: " ", startingAt: 0)
                + String(format: "%7.0f messages/s  (%d %@, %.2f s; CPU %.0f µs a message)", Double(r.count) / r.wall,
                         r.count, what, r.wall, r.cpu / Double(max(1, r.count)) * 1e6)
        }
        let parsed = try timed {
            try single.enumerated().reduce(0) { $0 + (try CAPParser.parseMessages($1.element, file: "doc\($1.offset)").count) }
        }
        let imported = try timed {
            try single.enumerated().reduce(0) {
                $0 + (try store.importCAP($1.element, source: "doc\($1.offset)").filter { $0.outcome == .imported }.count)
            }
        }
        func group(_ docs: [Data], counting outcome: AlertImportOutcome) throws -> Int {
            var rest = docs.enumerated().makeIterator(), count = 0
            try store.importCAP(documents: { rest.next().map { CAPDocument(data: $0.element, source: "doc\($0.offset)") } }) {
                if $0.outcome == outcome { count += 1 }
            }
            return count
        }
        let groupedImported = try timed { try group(grouped, counting: .imported) }
        let duplicates = try timed { try group(grouped, counting: .duplicate) }

        print("dutydesk bench cap — \(machine())")
        print("store: \(seeded) demo events, then 2 × \(messages) CAP messages in 2 × \(documents) documents of \(perDocument) (\(bytes / 1024) KiB each set)")
        print(line("parse only", parsed, "parsed"))
        print(line("import, a commit per document", imported, "imported"))
        print(line("import, grouped commits", groupedImported, "imported"))
        print(line("re-import (duplicates)", duplicates, "duplicates"))
        print("peak RSS \(peakRSS() / 1_048_576) MiB")
        guard imported.count == messages, groupedImported.count == messages, duplicates.count == messages else {
            throw CommandError("bench cap: \(imported.count) + \(groupedImported.count) imported and \(duplicates.count) duplicates of \(messages) messages each")
        }
    }
}
