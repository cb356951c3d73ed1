import CentralPostgres
import Foundation
import Model
import Store

/// `dutydesk bench central --pull`: a county's pull of 10,000 events from a PostgreSQL log of millions, timed on
/// the server side (the session's own log reader: scope, decoding, paging), with the plan PostgreSQL chose.
/// The log is built in SQL (`generate_series` over one event per office, the 300 offices of the province in
/// turn), so building 10 million entries takes minutes, not the hours a push of each would.
public enum CentralPullBenchmark {
    /// What one run measured.
    public struct Figures: Sendable {
        public var entries: Int
        public var buildSeconds: Double
        public var county: RegionCode
        public var countyEntries: Int
        public var pulled: Int
        public var frames: Int
        public var seconds: Double
        public var plan: [String]
    }

    public static func run(postgres: String, entries: Int, pull: Int = 10_000, county: RegionCode = 140121) throws -> Figures {
        let scratch = try ScratchDatabase(server: postgres, prefix: "dutydesk_pullbench")
        let location = scratch.location
        try CentralPostgres.create(location).close()

        let started = monotonicSeconds()
        let db = try PGConnection(location)
        defer { db.close() }
        let offices = ProvinceOffices.codes(300)
        try db.run("CREATE TEMP TABLE template(k int8 PRIMARY KEY, office int8 NOT NULL, kind int8 NOT NULL, event bytea NOT NULL)")
        for (k, office) in offices.enumerated() {
            let e = Event(id: EventID(device: DeviceID(1000 + k), seq: 1), office: office, operator: "bench",
                          hlc: HLC(wall: 1_780_000_000_000, counter: 0, node: DeviceID(1000 + k)),
                          payload: .unitStatus(unitID: "U\(office)-1", status: .standby, alertID: nil))
            var w = ByteWriter()
            EventCodec.encode(e, into: &w)
            try db.run("INSERT INTO template VALUES ($1, $2, $3, $4)", k, office, CentralDatabase.kindCode(e.payload), w.bytes)
        }
        // Indexes after the rows: building them once is much cheaper than keeping them up row by row.
        let indexes = ["log_county", "log_city", "log_owner", "log_shared"]
        for index in indexes { try db.run("DROP INDEX \(index)") }
        try db.run("ALTER TABLE log DROP CONSTRAINT log_device_dseq_key")
        try db.run("SET maintenance_work_mem = '256MB'")
        let chunk = 1_000_000
        for from in stride(from: 1, through: entries, by: chunk) {
            try db.run("""
                INSERT INTO log(seq, device, dseq, office, kind, scope, region, owner, areas, event)
                SELECT g, 1000 + t.k, g, t.office, t.kind, 1, t.office, t.office, NULL, t.event
                FROM generate_series($1::int8, $2::int8) AS g JOIN template t ON t.k = g % \(offices.count)
                """, Int64(from), Int64(min(from + chunk - 1, entries)))
        }
        try db.run("ALTER TABLE log ADD CONSTRAINT log_device_dseq_key UNIQUE (device, dseq)")
        for statement in CentralPostgres.scopedLogIndexes.split(separator: ";") { try db.run(String(statement)) }
        try db.run("VACUUM ANALYZE log")
        let built = monotonicSeconds() - started

        let central = try CentralPostgres.open(location)
        defer { central.close() }
        let countyEntries = Int(try db.int("SELECT count(*)::int8 FROM log WHERE \(CentralPostgres.countyOfRegion) = $1", county) ?? 0)
        // A county that last synced half-way through the log catches up.
        let from = Int64(entries / 2)
        var plan = try db.rows("""
            EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT seq FROM log
            WHERE \(CentralPostgres.countyOfRegion) = \(county) AND seq > \(from) ORDER BY \(CentralPostgres.countyOfRegion), seq LIMIT 2000
            """) { $0.text(0) }
        plan = plan.filter { $0.contains("Index") || $0.contains("Execution") || $0.contains("Sort") || $0.contains("Seq Scan") }

        let t0 = monotonicSeconds()
        var reader = LogReader(central: central, scope: ReadScope(office: county), skipDevice: 1, limit: ServerOptions().maxPullPerFrame,
                               scanLimit: ServerOptions().scanLimit)
        reader.follow(from: LogCursor(seq: from, tag: try central.tag(at: from) ?? 0))
        try reader.fixHead()
        var pulled = 0, frames = 0
        while pulled < pull {
            let p = try reader.next()
            pulled += p.events.count
            frames += 1
            if !p.more { break }
        }
        let seconds = monotonicSeconds() - t0
        return Figures(entries: entries, buildSeconds: built, county: county, countyEntries: countyEntries, pulled: pulled,
                       frames: frames, seconds: seconds, plan: plan)
    }

}
