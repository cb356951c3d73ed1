import Foundation
import Model
import Store

/// `dutydesk search WORDS… [--limit N] [--json]`: one search across alerts, units, depots, items, drills, notes and,
/// with `low` or `expiring`, stock lines.
enum SearchCommand {
    static func run(_ args: inout Arguments) throws {
        let (limit, json) = try ListOutput.options(&args)
        let store = try StoreLocation.open(&args, readOnly: true, finishing: false)
        defer { store.close() }
        var words: [String] = []
        while let w = args.optionalPositional() { words.append(w) }
        try args.finish()
        let query = SearchQuery(words.joined(separator: " "))
        guard !query.isEmpty else { throw UsageError(.searchNeedsWords) }
        let hits = try store.search(query, limit: limit)
        if json {
            for h in hits {
                var j = JSONLine()
                j.add("kind", h.kind.rawValue); j.add("id", h.id); j.add("title", h.title); j.add("detail", h.detail)
                print(j.text)
            }
            return
        }
        var t = TextTable([Msg.colKind, .colID, .colWhat, .colDetail])
        t.maxWidths = [1: 40, 2: 50, 3: 30]
        for h in hits { t.add([h.kind.rawValue, h.id, h.title, h.detail]) }
        print(hits.isEmpty ? say(.nothingFound) : t.render())
    }
}
