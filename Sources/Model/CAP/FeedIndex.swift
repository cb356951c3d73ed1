import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a feed URL answered: a CAP document to import as it is, an Atom/RSS index whose entries link to (or embed)
/// CAP messages (as national feeds publish them: NWS, NAAD, MeteoAlarm, the Chinese platform's RSS) or a web server's
/// folder listing of CAP files (Environment Canada's Datamart), or a body
/// that is neither (an HTML error page, JSON, nothing): a failure of the feed, not a message to quarantine.
public enum FeedDocument: Sendable, Equatable {
    case cap
    /// The entries, in document order, each once; links resolved against `xml:base` and the index's URL.
    case index([FeedEntry])
    /// Not a feed at all, in words ("an HTML page, not CAP, Atom or RSS").
    case notFeed(String)
}

/// One entry of an Atom or RSS index: where its CAP message is (`url`, then `alternatives` to try if that answers
/// something that is not CAP), or the message itself when the entry embeds it, and its `updated`/`pubDate` text, so
/// a changed entry is fetched again.
public struct FeedEntry: Sendable, Hashable {
    public var url: URL
    public var updated: String
    public var alternatives: [URL]
    /// The CAP `<alert>` the entry carries in its `<content>` (inline XML, escaped text or CDATA), as a document.
    public var inline: Data?
    public init(url: URL, updated: String, alternatives: [URL] = [], inline: Data? = nil) {
        self.url = url; self.updated = updated; self.alternatives = alternatives; self.inline = inline
    }

    /// What the store remembers an entry by once it is imported: its first link and its `updated` text.
    public var memoryKey: String { url.absoluteString + "|" + updated }
}

extension FeedDocument {
    /// Reads the root element: `<feed>` (Atom) or `<rss>`/`<rdf:RDF>` (RSS) is an index, `<html>` or JSON or an empty
    /// body is not a feed, anything else is taken for CAP (whose parser then says what is wrong with it). Bytes are
    /// decoded as CAP input is: BOM, declared encoding (GB18030/GBK too), no DTD.
    public static func classify(_ data: Data, url: URL) -> FeedDocument {
        let head = data.prefix(512).drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        guard let first = head.first else { return .notFeed("an empty body, not CAP, Atom or RSS") }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .notFeed("JSON, not CAP, Atom or RSS") }
        let lower = String(decoding: head, as: UTF8.self).lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") {
            return directoryListing(data, url: url).map { .index($0) } ?? .notFeed("an HTML page, not CAP, Atom or RSS")
        }
        guard let bytes = try? CAPInput.utf8(data, file: url.absoluteString) else { return .cap }
        let reader = IndexReader(base: url)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        _ = parser.parse()
        if reader.root == "html" { return .notFeed("an HTML page, not CAP, Atom or RSS") }
        guard reader.isIndex else { return .cap }
        if reader.entries.isEmpty && reader.unlinked > 0 {
            // A feed for people (EC's and many agencies' Atom): the officer should know it brings no messages.
            return .notFeed("an index of \(reader.unlinked) entr\(reader.unlinked == 1 ? "y" : "ies") linking only to web pages, none to a CAP message")
        }
        return .index(reader.entries)
    }
}

extension FeedDocument {
    /// A web server's listing of a folder ("Index of /alerts/cap/…", as Environment Canada's Datamart and DWD's open
    /// data publish CAP files): its links to `.cap` and `.xml` files, in page order. Nil for any other HTML page.
    static func directoryListing(_ data: Data, url: URL) -> [FeedEntry]? {
        let page = String(decoding: data.prefix(CAPParser.maxBytes), as: UTF8.self)
        guard page.range(of: "<title>index of", options: .caseInsensitive) != nil else { return nil }
        var entries: [FeedEntry] = []
        var seen: Set<URL> = []
        for match in page.matches(of: /(?i)href\s*=\s*["']([^"'?#]+\.(?:cap|xml))["']/) {
            guard let link = IndexReader.resolve(String(match.output.1), against: url),
                  ["http", "https"].contains(link.scheme?.lowercased() ?? ""), seen.insert(link).inserted else { continue }
            entries.append(FeedEntry(url: link, updated: ""))
        }
        return entries
    }
}

/// Collects an index's entries: Atom `<link href>` (a CAP type first, then `alternate`/`enclosure`/untyped; never
/// `self`, an untyped `related`, or an HTML page), RSS `<link>` text or `<enclosure url>`, then an `<id>`/`<guid>`
/// that is itself an http(s) URL (NWS's is the CAP URL); a `<content>` holding the `<alert>` itself is used as it is.
final class IndexReader: NSObject, XMLParserDelegate {
    var root = ""
    var isIndex = false
    var entries: [FeedEntry] = []
    /// Entries with no link that could be a CAP message (only web pages, or none).
    var unlinked = 0
    /// The `xml:base` in force at each open element (the index URL outside any).
    private var bases: [URL]
    private var inEntry = false
    private var links: [(url: URL, rel: String, type: String)] = []
    private var ids: [URL] = []
    private var updated = ""
    private var text = ""
    /// Text is kept up to this much; inside `<content>`/`<description>`/`<summary>` (which may carry a CAP message as
    /// escaped text or CDATA) up to CAP's own limit.
    private var textLimit = 4096
    private var inline: InlineAlert?
    private var inlineData: Data?
    private var seen: Set<String> = []

    init(base: URL) { bases = [base] }

    private static let contentElements: Set<String> = ["content", "encoded", "description", "summary"]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let base = bases.last!
        bases.append((attributes["xml:base"] ?? attributes["base"]).flatMap { Self.resolve($0, against: base) } ?? base)
        text = ""
        if let inline {
            inline.open(name, namespace: namespaceURI.flatMap { $0.isEmpty ? nil : $0 })
            return
        }
        if bases.count == 2 {
            root = name.lowercased()
            isIndex = ["feed", "rss", "rdf"].contains(root)
            if !isIndex { parser.abortParsing() }
            return
        }
        textLimit = inEntry && Self.contentElements.contains(name) ? CAPParser.maxBytes : 4096
        switch name {
        case "entry", "item":
            inEntry = true; links = []; ids = []; updated = ""; inlineData = nil
        case "alert" where inEntry && ((namespaceURI ?? "").isEmpty || (namespaceURI ?? "").contains("emergency:cap")):
            let box = InlineAlert()
            box.open(name, namespace: namespaceURI.flatMap { $0.isEmpty ? nil : $0 })
            inline = box
        case "link" where inEntry:
            if let href = attributes["href"], let url = Self.resolve(href, against: bases.last!) {
                links.append((url, attributes["rel"] ?? "alternate", attributes["type"] ?? ""))
            }
        case "enclosure" where inEntry:
            if let href = attributes["url"], let url = Self.resolve(href, against: bases.last!) {
                links.append((url, "enclosure", attributes["type"] ?? ""))
            }
        case "content" where inEntry:
            // Atom's out-of-line content: `<content src="…" type="application/cap+xml"/>`.
            if let href = attributes["src"], let url = Self.resolve(href, against: bases.last!) {
                links.append((url, "enclosure", attributes["type"] ?? ""))
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let inline { inline.text(string); return }
        if text.utf8.count < textLimit { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let base = bases.removeLast()
        defer { text = "" }
        if let inline {
            if inline.close(name) { inlineData = inline.document; self.inline = nil }
            return
        }
        guard inEntry else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "link" where !value.isEmpty:
            if let url = Self.resolve(value, against: base) { links.append((url, "alternate", "")) }
        case "id", "guid":
            if let url = Self.resolve(value, against: base), value.contains("://") { ids.append(url) }
        case "updated", "pubDate", "date", "published", "modified":
            if updated.isEmpty || name == "updated" { updated = value }
        case _ where Self.contentElements.contains(name) && inlineData == nil && value.contains("<alert") && value.contains("</alert>"):
            // A CAP message carried as escaped text or CDATA; now UTF-8 whatever its own declaration said, so that goes.
            var body = Substring(value)
            if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = body[end.upperBound...] }
            inlineData = Data(body.utf8)
        case "entry", "item":
            inEntry = false
            finishEntry()
        default: break
        }
    }

    private func finishEntry() {
        let isHTML = { (type: String) in type.lowercased().contains("html") }
        let web = { (url: URL) in ["http", "https"].contains(url.scheme?.lowercased() ?? "") }
        let typed = links.filter { $0.type.lowercased().contains("cap") && $0.rel != "self" }.map(\.url)
        let plain = links.filter { ["alternate", "enclosure", ""].contains($0.rel) && !isHTML($0.type) && !$0.type.lowercased().contains("cap") }
            .map(\.url)
        var candidates: [URL] = []
        for url in typed + plain + ids where web(url) && !candidates.contains(url) { candidates.append(url) }
        if let inlineData {
            // The entry's own message: remembered by its link (or id) when it has one, else by its bytes.
            let name = candidates.first ?? links.first?.url ?? ids.first
                ?? URL(string: "\(bases[0].absoluteString)#entry-\(entries.count + 1)")!
            guard seen.insert(name.absoluteString + "|" + updated).inserted else { return }
            entries.append(FeedEntry(url: name, updated: updated, inline: inlineData))
            return
        }
        guard let first = candidates.first else { unlinked += 1; return }
        guard seen.insert(first.absoluteString).inserted else { return }
        entries.append(FeedEntry(url: first, updated: updated, alternatives: Array(candidates.dropFirst())))
    }

    /// A link as publishers write it — relative, with spaces or non-ASCII characters — as an absolute URL.
    static func resolve(_ raw: String, against base: URL) -> URL? {
        let href = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !href.isEmpty else { return nil }
        if let url = URL(string: href, relativeTo: base)?.absoluteURL { return url }
        guard let escaped = href.addingPercentEncoding(withAllowedCharacters: Self.urlCharacters) else { return nil }
        return URL(string: escaped, relativeTo: base)?.absoluteURL
    }

    /// Characters left as they are when a link must be escaped (`%` too: an escape already there stays one).
    private static let urlCharacters = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
}

/// An `<alert>` embedded in an index entry, written back out as a CAP document of its own (element names with their
/// namespaces, text escaped), so it is imported exactly as if it had been fetched from a link.
private final class InlineAlert {
    private var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var namespaces: [String?] = []

    func open(_ name: String, namespace: String?) {
        let declare = namespace != nil && namespace != namespaces.last ?? nil
        out += "<\(name)" + (declare ? " xmlns=\"\(CAPWriter.escape(namespace!))\"" : "") + ">"
        namespaces.append(namespace ?? namespaces.last ?? nil)
    }

    func text(_ s: String) { out += CAPWriter.escape(s) }

    /// Closes an element; true when it was the `<alert>` itself.
    func close(_ name: String) -> Bool {
        out += "</\(name)>"
        namespaces.removeLast()
        return namespaces.isEmpty
    }

    var document: Data { Data(out.utf8) }
}
