import Foundation
import Model

/// One sync result as the duty log shows it: office-local (a table of this store, never an event), so the synced
/// part of the log stays the same at every office.
public struct SyncLogLine: Sendable, Hashable {
    public var atMilliseconds: Int64
    public var ok: Bool
    public var pushed: Int
    public var pulled: Int
    public var rejected: Int
    /// The error of a failed sync; empty after a success.
    public var detail: String

    public init(atMilliseconds: Int64, ok: Bool, pushed: Int = 0, pulled: Int = 0, rejected: Int = 0, detail: String = "") {
        self.atMilliseconds = atMilliseconds; self.ok = ok; self.pushed = pushed; self.pulled = pulled
        self.rejected = rejected; self.detail = detail
    }

    /// Its line in the log, after the time.
    public func summary(_ lang: Language) -> String {
        let zh = lang == .zh
        guard ok else { return (zh ? "同步失败: " : "sync failed: ") + detail }
        var text = zh ? "同步成功: 发送 \(pushed), 接收 \(pulled)" : "synced: sent \(pushed), received \(pulled)"
        if rejected > 0 { text += zh ? ", 中心拒绝 \(rejected)" : ", \(rejected) rejected by the centre" }
        return text
    }
}

extension Store {
    static let syncLogSchema = """
        CREATE TABLE sync_log(
            at_ms INTEGER NOT NULL,
            ok INTEGER NOT NULL,
            pushed INTEGER NOT NULL,
            pulled INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX sync_log_at ON sync_log(at_ms);
        """

    /// Records a sync result in the log, if it says something: a sync that moved events or met rejections, the first
    /// failure (or one with a new error), and the first success after failures. A quiet success every interval, or
    /// the same failure every interval while offline, would bury the shift's lines.
    public func recordSyncResult(_ line: SyncLogLine) throws {
        try write { db in
            let last = try db.first("SELECT ok, detail FROM sync_log ORDER BY at_ms DESC, rowid DESC LIMIT 1") {
                (ok: $0.int(0) != 0, detail: $0.text(1))
            }
            let worth: Bool
            if line.ok {
                worth = line.pushed > 0 || line.pulled > 0 || line.rejected > 0 || last?.ok == false
            } else {
                worth = last?.ok != false || last?.detail != line.detail
            }
            guard worth else { return }
            try db.run("INSERT INTO sync_log(at_ms, ok, pushed, pulled, rejected, detail) VALUES (?, ?, ?, ?, ?, ?)",
                       line.atMilliseconds, line.ok ? 1 : 0, Int64(line.pushed), Int64(line.pulled), Int64(line.rejected),
                       String(line.detail.prefix(500)))
        }
    }

    /// The sync lines of the span a duty-log query covers (none for one alert's or one operator's lines).
    public func syncLog(_ query: DutyLogQuery) throws -> [SyncLogLine] {
        guard query.alert == nil, query.operator == nil else { return [] }
        let from = max(query.shift?.start.wall ?? 0, query.sinceMilliseconds ?? 0)
        let to = query.shift?.end?.wall ?? Int64.max
        return try withDatabase { db in
            try db.rows("""
                SELECT at_ms, ok, pushed, pulled, rejected, detail FROM sync_log
                WHERE at_ms >= :from AND at_ms <= :to ORDER BY at_ms, rowid LIMIT :limit
                """, named: ["from": from, "to": to, "limit": query.limit]) { r in
                SyncLogLine(atMilliseconds: r.int(0), ok: r.int(1) != 0, pushed: Int(r.int(2)), pulled: Int(r.int(3)),
                            rejected: Int(r.int(4)), detail: r.text(5))
            }
        }
    }
}

extension SyncLogLine {
    /// A log's events and sync results in one time order (a sync line after the events of its millisecond), each
    /// made into a line by `event` or `sync`.
    public static func merged<Line>(_ entries: [DutyLogEntry], _ syncs: [SyncLogLine], event: (DutyLogEntry) -> Line,
                                    sync: (SyncLogLine) -> Line) -> [Line] {
        var out: [Line] = []
        var i = 0
        for e in entries {
            while i < syncs.count, syncs[i].atMilliseconds < e.event.hlc.wall { out.append(sync(syncs[i])); i += 1 }
            out.append(event(e))
        }
        return out + syncs[i...].map(sync)
    }

    /// `merged`, with the steps missed slotted in too: each miss after the lines of its millisecond and before later ones.
    public static func merged<Line>(_ entries: [DutyLogEntry], _ syncs: [SyncLogLine], missed: [MissedStep],
                                    event: (DutyLogEntry) -> Line, sync: (SyncLogLine) -> Line,
                                    miss: (MissedStep) -> Line) -> [Line] {
        let timed = merged(entries, syncs, event: { ($0.event.hlc.wall, event($0)) }, sync: { ($0.atMilliseconds, sync($0)) })
        var out: [Line] = []
        var i = 0
        for m in missed.sorted(by: { $0.due < $1.due }) {
            let at = Int64(m.due.timeIntervalSince1970 * 1000)
            while i < timed.count, timed[i].0 <= at { out.append(timed[i].1); i += 1 }
            out.append(miss(m))
        }
        return out + timed[i...].map(\.1)
    }
}
