import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One `<alert>` as read from XML, before validation.
struct RawAlert {
    var line: Int
    var column: Int
    var fields: [String: String] = [:]
    /// Every value of the elements CAP lets repeat (`code`), in order.
    var repeated: [String: [String]] = [:]
    var signed = false
    var infos: [RawInfo] = []
    /// An element whose text was longer than the reader keeps: the message is refused, never silently cut.
    var tooLong: String?
}

/// One `<info>` block.
struct RawInfo {
    var fields: [String: String] = [:]
    /// Every value of the elements CAP lets repeat (`category`, `responseType`), in order.
    var repeated: [String: [String]] = [:]
    var eventCodes: [(name: String, value: String)] = []
    var parameters: [(name: String, value: String)] = []
    var areas: [RawArea] = []
}

/// One `<area>` block.
struct RawArea {
    var desc: String?
    var polygons: [String] = []
    var circles: [String] = []
    var geocodes: [(name: String, value: String)] = []
    var altitude = ""
    var ceiling = ""
}

/// SAX-style collection of CAP elements; namespace prefixes are ignored so `cap:alert` and `alert` both work.
final class CAPDelegate: NSObject, XMLParserDelegate {
    let file: String
    /// Called with each `<alert>` as its end tag is read; nothing keeps it afterwards.
    let onAlert: (RawAlert, XMLParser) -> Void
    var error: CAPParseError?
    private var alert: RawAlert?
    private var info: RawInfo?
    private var area: RawArea?
    private var path: [String] = []
    private var text = ""
    private var pairName = ""
    private var pairValue = ""
    /// Nested documents beyond this depth are refused (hostile input).
    private let maxDepth = 64
    /// The longest text one element may have: a national batch's description is kilobytes; beyond this is hostile.
    static let maxText = 1 << 20
    /// Elements inside a text field (`<description>Line one<br/>Line two</description>`): markup some publishers
    /// leave unescaped, read as part of the text rather than as CAP structure.
    private var markupDepth = 0
    /// The elements that hold other CAP elements; any other element inside a message holds text.
    private static let containers: Set<String> = ["alert", "info", "area", "resource", "eventCode", "parameter", "geocode",
                                                  "Signature", "EncryptedData"]
    /// Elements whose text nothing keeps.
    private static let unread: Set<String> = ["resource", "Signature", "EncryptedData"]
    /// Markup that breaks a line where it stands in a text.
    private static let lineBreaks: Set<String> = ["br", "p", "div", "li", "tr"]

    init(file: String, onAlert: @escaping (RawAlert, XMLParser) -> Void) {
        self.file = file
        self.onAlert = onAlert
    }

    /// False when the input ended inside an element (a truncated file).
    var isComplete: Bool { path.isEmpty }

    /// The name's last non-empty colon-separated part (`cap:alert` → `alert`); most names have no colon, and this
    /// runs for every tag.
    static func local(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: ":")) else { return name }
        return name.split(separator: ":").last.map(String.init) ?? name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = Self.local(elementName)
        if markupDepth > 0 || isTextField {
            markupDepth += 1
            if Self.lineBreaks.contains(name.lowercased()), let last = text.unicodeScalars.last,
               !CharacterSet.whitespacesAndNewlines.contains(last) {
                text += "\n"
            }
            if markupDepth + path.count > maxDepth { refuseDepth(parser) }
            return
        }
        path.append(name)
        text = ""
        if path.count > maxDepth {
            refuseDepth(parser)
            return
        }
        switch name {
        case "alert": alert = RawAlert(line: parser.lineNumber, column: parser.columnNumber)
        // An XML signature (or encryption) of the message: recorded as present; its inside is not CAP.
        case "Signature", "EncryptedData":
            if path.count >= 2 && path[path.count - 2] == "alert" { alert?.signed = true }
        case "info" where alert != nil: info = RawInfo()
        case "area" where info != nil: area = RawArea()
        case "eventCode", "parameter", "geocode": pairName = ""; pairValue = ""
        default: break
        }
    }

    /// Whether the innermost open element is a text field of a message (its parent a CAP container, itself not one).
    private var isTextField: Bool {
        guard alert != nil, path.count >= 2, !Self.containers.contains(path[path.count - 1]) else { return false }
        switch path[path.count - 2] {
        case "alert", "info", "area", "resource": return true
        default: return false
        }
    }

    private func refuseDepth(_ parser: XMLParser) {
        error = CAPParseError(file: file, line: parser.lineNumber, column: parser.columnNumber, message: "XML nested deeper than \(maxDepth) levels")
        parser.abortParsing()
    }

    /// The pair just closed: `<valueName>`/`<value>` children (CAP 1.1, 1.2), else CAP 1.0's "valueName=value" text,
    /// else a bare value with no name (`<geocode>140100</geocode>`), kept rather than lost.
    private func pair() -> (name: String, value: String) {
        guard pairName.isEmpty, pairValue.isEmpty else { return (pairName, pairValue) }
        guard let eq = text.firstIndex(of: "=") else { return ("", text.trimmed) }
        return (String(text[..<eq]).trimmed, String(text[text.index(after: eq)...]).trimmed)
    }

    /// Adds read text to the open element's, up to `maxText`; past it the message is marked refused. Text inside a
    /// `<resource>` (a `<derefUri>` can carry megabytes of base64 audio) or a signature is not kept, so not read.
    private func append(_ more: String) {
        if path.contains(where: Self.unread.contains) { return }
        guard text.utf8.count + more.utf8.count <= Self.maxText else {
            if alert?.tooLong == nil { alert?.tooLong = path.last ?? "?" }
            return
        }
        text += more
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        append(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        append(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if markupDepth > 0 {
            markupDepth -= 1
            return
        }
        let name = Self.local(elementName)
        defer { path.removeLast(); text = "" }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch name {
        case "alert":
            if let a = alert { onAlert(a, parser) }
            alert = nil
        case "info":
            if let i = info { alert?.infos.append(i) }
            info = nil
        case "area":
            if let a = area { info?.areas.append(a) }
            area = nil
        case "valueName": pairName = text.trimmed
        case "value": pairValue = text.trimmed
        case "eventCode": info?.eventCodes.append(pair())
        case "parameter": info?.parameters.append(pair())
        case "geocode": area?.geocodes.append(pair())
        case "areaDesc": area?.desc = text
        case "polygon": area?.polygons.append(text)
        case "circle": area?.circles.append(text)
        case "altitude" where parent == "area": area?.altitude = text.trimmed
        case "ceiling" where parent == "area": area?.ceiling = text.trimmed
        default:
            if parent == "info" {
                info?.fields[name] = text
                info?.repeated[name, default: []].append(text.trimmed)
            } else if parent == "alert" {
                alert?.fields[name] = text
                alert?.repeated[name, default: []].append(text.trimmed)
            }
        }
    }
}
