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
        path.append(name)
        text = ""
        if path.count > maxDepth {
            error = CAPParseError(file: file, line: parser.lineNumber, column: parser.columnNumber, message: "XML nested deeper than \(maxDepth) levels")
            parser.abortParsing()
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

    /// The pair just closed: `<valueName>`/`<value>` children (CAP 1.1, 1.2), else CAP 1.0's "valueName=value" text.
    private func pair() -> (name: String, value: String) {
        guard pairName.isEmpty, pairValue.isEmpty, let eq = text.firstIndex(of: "=") else { return (pairName, pairValue) }
        return (String(text[..<eq]).trimmed, String(text[text.index(after: eq)...]).trimmed)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if text.utf8.count < 1 << 16 { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if text.utf8.count < 1 << 16 { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
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
