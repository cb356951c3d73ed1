import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a feed URL answered: a CAP document to import as it is, or an Atom/RSS index whose entries link to CAP
/// messages (as national feeds publish them: NWS, NAAD, MeteoAlarm, the Chinese platform's RSS).
public enum FeedDocument: Sendable, Equatable {
    case cap
    /// The entries' CAP links, in document order, resolved against the index's URL; each with the entry's `updated`
    /// (Atom) or `pubDate` (RSS) text, so a changed entry is fetched again.
    case index([FeedEntry])
}

/// One entry of an Atom or RSS index.
public struct FeedEntry: Sendable, Hashable {
    public var url: URL
    public var updated: String
    public init(url: URL, updated: String) { self.url = url; self.updated = updated }
}

extension FeedDocument {
    /// Reads the root element: `<feed>` (Atom) or `<rss>`/`<rdf:RDF>` (RSS) is an index, anything else is taken for CAP
    /// (whose parser then says what is wrong with it). Bytes are decoded as CAP input is: BOM, declared encoding, no DTD.
    public static func classify(_ data: Data, url: URL) -> FeedDocument {
        guard let bytes = try? CAPInput.utf8(data, file: url.absoluteString) else { return .cap }
        let reader = IndexReader(base: url)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        _ = parser.parse()
        guard reader.isIndex else { return .cap }
        return .index(reader.entries)
    }
}

/// Collects an index's entry links: Atom `<link href>` (a CAP type or `alternate` first), RSS `<link>` text or
/// `<enclosure url>`.
private final class IndexReader: NSObject, XMLParserDelegate {
    let base: URL
    var isIndex = false
    var entries: [FeedEntry] = []
    private var depth = 0
    private var inEntry = false
    private var links: [(href: String, rel: String, type: String)] = []
    private var updated = ""
    private var text = ""

    init(base: URL) { self.base = base }

    private func local(_ name: String) -> String { name.split(separator: ":").last.map(String.init) ?? name }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = local(elementName)
        depth += 1
        text = ""
        if depth == 1 {
            isIndex = ["feed", "rss", "RDF"].contains(name)
            if !isIndex { parser.abortParsing() }
            return
        }
        switch name {
        case "entry", "item":
            inEntry = true; links = []; updated = ""
        case "link" where inEntry:
            if let href = attributes["href"] { links.append((href, attributes["rel"] ?? "alternate", attributes["type"] ?? "")) }
        case "enclosure" where inEntry:
            if let url = attributes["url"] { links.append((url, "enclosure", attributes["type"] ?? "")) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if text.utf8.count < 4096 { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = local(elementName)
        defer { depth -= 1; text = "" }
        guard inEntry else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "link" where !value.isEmpty: links.append((value, "alternate", ""))
        case "updated", "pubDate", "date", "published": if updated.isEmpty || name == "updated" { updated = value }
        case "entry", "item":
            inEntry = false
            // A link typed as CAP wins; then an enclosure or alternate; never `self` or `related`.
            let pick = links.first { $0.type.lowercased().contains("cap") }
                ?? links.first { $0.rel == "enclosure" || $0.rel == "alternate" }
            if let pick, let url = URL(string: pick.href, relativeTo: base)?.absoluteURL,
               ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
                entries.append(FeedEntry(url: url, updated: updated))
            }
        default: break
        }
    }
}
