import Foundation
import Model

/// What a search hit is, and so the pane it opens.
public enum SearchKind: String, Sendable, CaseIterable {
    case alert, unit, depot, item, stockLine, drill, note
}

/// One search hit: what and which, a title line and a second line to tell hits apart.
public struct SearchHit: Sendable, Hashable {
    public var kind: SearchKind
    /// The record's id (an alert's short id, `depot|item` for a stock line, an event id for a note).
    public var id: String
    public var title: String
    public var detail: String
}

/// A search as typed: text words (every one must match) and the state words `low`, `expiring`, `active`.
public struct SearchQuery: Sendable, Hashable {
    public var words: [String] = []
    /// Stock lines below their minimum.
    public var low = false
    /// Stock lines expiring within `expiringDays`.
    public var expiring = false
    /// Active alerts, and units committed to one.
    public var active = false
    public var expiringDays = 30

    /// Splits typed text on white space; `low`/`不足`, `expiring`/`临期`, `active`/`活动` are state words.
    public init(_ text: String) {
        for word in text.split(whereSeparator: \.isWhitespace).map({ $0.lowercased() }) {
            switch word {
            case "low", "不足", "短缺": low = true
            case "expiring", "临期": expiring = true
            case "active", "活动", "进行中": active = true
            default: words.append(word)
            }
        }
    }

    public var isEmpty: Bool { words.isEmpty && !low && !expiring && !active }
}

extension Store {
    /// One search across alerts, units, depots, items, stock lines, drills and duty-log notes. Every text word must
    /// occur (case-folded substring, so Chinese needs no word breaks) in one record's text. State words narrow the
    /// kinds: `low` and `expiring` give stock lines, `active` active alerts and committed units.
    public func search(_ q: SearchQuery, limit: Int = 50) throws -> [SearchHit] {
        guard !q.isEmpty else { return [] }
        let now = nowSeconds
        return try withDatabase { db in
            var hits: [SearchHit] = []
            func add(_ kind: SearchKind, _ sql: String, haystack: String, extra: [any SQLBindable] = [],
                     _ map: (Row) -> SearchHit) throws {
                let words = q.words.map { _ in "instr(\(haystack), ?) > 0" }
                let clause = words.isEmpty ? "" : " AND " + words.joined(separator: " AND ")
                hits += try db.rows(sql.replacingOccurrences(of: "{words}", with: clause) + " LIMIT ?",
                                    extra + q.words.map { $0 as any SQLBindable } + [limit], map: map)
            }
            let stockOnly = q.low || q.expiring
            if !stockOnly {
                try add(.alert, """
                    SELECT a.id, a.level, a.headline, a.area_desc FROM alerts a WHERE a.messages > 0
                    \(q.active ? "AND a.open = 1 AND a.expires_key > ?" : "") {words} ORDER BY a.level, a.sent DESC
                    """, haystack: "a.search", extra: q.active ? [now] : []) { r in
                    let id = CAPMessageID.identifier(ofKey: r.text(0)) ?? r.text(0)
                    return SearchHit(kind: .alert, id: id, title: r.text(2),
                                     detail: (WarningLevel(rawValue: Int(r.int(1)))?.roman ?? "") + " " + r.text(3))
                }
                try add(.unit, """
                    SELECT u.id, u.name, u.status, u.contact FROM units u WHERE u.kind IS NOT NULL AND u.retired = 0
                    \(q.active ? "AND u.status IN ('dispatched', 'enRoute', 'onScene')" : "") {words} ORDER BY u.id
                    """, haystack: "u.search") { r in
                    SearchHit(kind: .unit, id: r.text(0), title: r.text(1), detail: r.text(2) + " " + r.text(3))
                }
            }
            if !q.active && !stockOnly {
                try add(.depot, "SELECT d.id, d.name, d.region FROM depots d WHERE d.retired = 0 {words} ORDER BY d.id",
                        haystack: "lower(d.id || ' ' || d.name)") { r in
                    SearchHit(kind: .depot, id: r.text(0), title: r.text(1), detail: RegionCatalog.shanxi.name(Int(r.int(2)), .zh))
                }
                try add(.item, "SELECT i.id, i.name, i.name_en, i.category FROM items i WHERE i.retired = 0 {words} ORDER BY i.id",
                        haystack: "lower(i.id || ' ' || i.name || ' ' || i.name_en)") { r in
                    SearchHit(kind: .item, id: r.text(0), title: r.text(1), detail: r.text(2) + " · " + r.text(3))
                }
                try add(.drill, "SELECT d.id, d.title, d.start_s, d.status FROM drills d WHERE 1 = 1 {words} ORDER BY d.start_s DESC",
                        haystack: "d.search") { r in
                    SearchHit(kind: .drill, id: r.text(0), title: r.text(1), detail: r.text(3))
                }
                try searchNotes(q, limit: limit, into: &hits, db)
            }
            if stockOnly {
                var conditions = ["l.retired = 0 AND l.depot_retired = 0 AND l.item_retired = 0"]
                if q.low { conditions.append("l.quantity < l.minimum") }
                if q.expiring { conditions.append("l.expires_key <= \(now + Int64(q.expiringDays) * 86_400)") }
                try add(.stockLine, """
                    SELECT l.depot, l.item, d.name, i.name, l.quantity, l.minimum FROM stock_lines l
                    JOIN depots d ON d.id = l.depot JOIN items i ON i.id = l.item
                    WHERE \(conditions.joined(separator: " AND ")) {words} ORDER BY \(q.low ? "l.fill" : "l.expires_key"), l.depot, l.item
                    """, haystack: "lower(l.depot || ' ' || l.item || ' ' || d.name || ' ' || i.name || ' ' || i.name_en)") { r in
                    SearchHit(kind: .stockLine, id: r.text(0) + "|" + r.text(1), title: r.text(3) + " @ " + r.text(2),
                              detail: "\(r.int(4)) / \(r.int(5))")
                }
            }
            return Self.interleave(hits, limit: limit)
        }
    }

    /// Up to `limit` hits taking each kind in turn, so one kind's many matches leave room for the others; each kind
    /// keeps its own order.
    static func interleave(_ hits: [SearchHit], limit: Int) -> [SearchHit] {
        var queues = SearchKind.allCases.map { kind in hits.filter { $0.kind == kind }[...] }
        var picked: [SearchHit] = []
        while picked.count < limit, queues.contains(where: { !$0.isEmpty }) {
            for i in queues.indices where picked.count < limit {
                if let h = queues[i].popFirst() { picked.append(h) }
            }
        }
        // Shown grouped by kind, in the order the kinds are declared.
        return SearchKind.allCases.flatMap { kind in picked.filter { $0.kind == kind } }
    }

    /// Notes of the duty log whose text holds every word, newest first (read through `events_notes`).
    private func searchNotes(_ q: SearchQuery, limit: Int, into hits: inout [SearchHit], _ db: Database) throws {
        guard !q.words.isEmpty else { return }
        var found = 0
        let hasIndex = try db.int("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'events_notes'") != nil
        guard hasIndex else { return }
        // The words are looked for in the stored payload first (its text is UTF-8 in the blob; lower() folds ASCII as
        // the needles are folded), so only candidate notes are decoded, then checked on their text alone.
        let inPayload = q.words.map { _ in " AND instr(lower(CAST(payload AS TEXT)), ?) > 0" }.joined()
        try db.forEach("""
            SELECT device, seq, office, operator, hlc_wall, hlc_counter, hlc_node, payload FROM events INDEXED BY events_notes
            WHERE kind = 'note'\(inPayload) ORDER BY hlc_wall DESC
            """, q.words.map { $0 as any SQLBindable }) { r in
            guard found < limit else { return }
            let e = try Folder.event(r, from: 0)
            guard case .note(let n) = e.payload, n.role == .note else { return }
            let text = n.text.lowercased()
            guard q.words.allSatisfy({ text.contains($0) }) else { return }
            found += 1
            hits.append(SearchHit(kind: .note, id: e.id.description, title: n.text,
                                  detail: e.operator + (n.alertID.map { " · " + (CAPMessageID.identifier(ofKey: $0) ?? $0) } ?? "")))
        }
    }
}
