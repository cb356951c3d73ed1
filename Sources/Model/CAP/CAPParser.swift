import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads CAP 1.2 XML (one `<alert>`, or any document holding several, such as a feed) into `Alert`s.
///
/// Chinese feeds put the warning colour in `<severity>` (Red/Orange/Yellow/Blue) or a `<parameter>`;
/// standard CAP severities map to levels (Extreme→I … Minor→IV). Areas come from `<geocode>` GB/T 2260
/// codes, else from `<areaDesc>` matched against the region catalog.
public enum CAPParser {
    /// Files larger than this are refused before parsing. A feed is kilobytes, but a national batch with many
    /// `<info>` and `<area>` blocks is legal at tens of megabytes: the bytes are checked in place and streamed to the
    /// parser, and each message is built as its end tag is read (`forEachMessage`), so memory holds the document
    /// once, not four times over.
    public static let maxBytes = 64 << 20

    /// Every `<alert>` of a document, each built or refused on its own; throws only when the document as a whole
    /// cannot be read (not XML, a DTD, a bad encoding, no `<alert>` at all).
    public static func parseMessages(_ data: Data, file: String, catalog: RegionCatalog = .shanxi,
                                     languages: [String] = defaultLanguages) throws -> [CAPMessageResult] {
        var out: [CAPMessageResult] = []
        try forEachMessage(data, file: file, catalog: catalog, languages: languages) { out.append($0) }
        return out
    }

    /// Calls `body` with each `<alert>` of a document as soon as its end tag is read, built or refused on its own:
    /// only one message's elements are held at a time. Throws when the document as a whole cannot be read, after
    /// delivering the messages before the fault, so a caller that must not keep them rolls back; an error `body`
    /// throws stops the parse and is rethrown.
    public static func forEachMessage(_ data: Data, file: String, catalog: RegionCatalog = .shanxi,
                                      languages: [String] = defaultLanguages,
                                      _ body: (CAPMessageResult) throws -> Void) throws {
        guard data.count <= maxBytes else {
            throw CAPParseError(file: file, line: 1, column: 1, message: "file is \(data.count) bytes; CAP files over \(maxBytes) are refused")
        }
        let document = try CAPInput.utf8(data, file: file)
        var delivered = 0
        var failure: (any Error)?
        try withoutActuallyEscaping({ (raw: RawAlert, parser: XMLParser) in
            do {
                try body(message(raw, file: file, catalog: catalog, languages: languages))
                delivered += 1
            } catch {
                failure = error
                parser.abortParsing()
            }
        }) { onAlert in
            let delegate = CAPDelegate(file: file, onAlert: onAlert)
            // A stream, not `XMLParser(data:)`: that copies the document and hands libxml2 all of it at once (two
            // more copies); a stream feeds it in chunks it releases as it goes.
            let parser = XMLParser(stream: CAPByteStream(document))
            parser.shouldResolveExternalEntities = false
            parser.shouldProcessNamespaces = false
            parser.delegate = delegate
            let ok = parser.parse()
            if let failure { throw failure }
            if let error = delegate.error { throw error }
            guard ok, delegate.isComplete else {
                let code = (parser.parserError as NSError?)?.code
                let atEnd = document.withUnsafeBytes { CAPInput.isAtEnd(line: parser.lineNumber, column: parser.columnNumber, of: $0) }
                throw CAPParseError(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                                    message: "not well-formed XML: " + xmlProblem(code, complete: delegate.isComplete, atEnd: atEnd,
                                                                                 empty: document.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }))
            }
        }
        guard delivered > 0 else {
            throw CAPParseError(file: file, line: 1, column: 1, message: "no CAP <alert> element found")
        }
    }

    /// One raw `<alert>` built, or refused with the reason at its position.
    static func message(_ raw: RawAlert, file: String, catalog: RegionCatalog, languages: [String]) -> CAPMessageResult {
        let identifier = raw.fields["identifier"]?.trimmed
        do {
            if let name = raw.tooLong {
                throw CAPParseError(file: file, line: raw.line, column: raw.column,
                                    message: "<\(name)> holds more than \(CAPDelegate.maxText) bytes of text; refused rather than cut")
            }
            return CAPMessageResult(line: raw.line, column: raw.column, identifier: identifier,
                                    result: .success(try build(raw, file: file, catalog: catalog, languages: languages)))
        } catch let error as CAPParseError {
            return CAPMessageResult(line: raw.line, column: raw.column, identifier: identifier, result: .failure(error))
        } catch {
            return CAPMessageResult(line: raw.line, column: raw.column, identifier: identifier,
                                    result: .failure(CAPParseError(file: file, line: raw.line, column: raw.column, message: "\(error)")))
        }
    }

    /// Every message of a document, or the first refusal.
    public static func parse(_ data: Data, file: String, catalog: RegionCatalog = .shanxi) throws -> [Alert] {
        try parseMessages(data, file: file, catalog: catalog).map { try $0.result.get() }
    }

    /// The display language order when the operator names none: Simplified Chinese, any Chinese, English.
    public static let defaultLanguages = ["zh-CN", "zh", "en"]

    /// The item to show: the first whose language is the operator's, trying each preference exactly, then by its
    /// primary subtag; else the first. CAP's default language is en-US.
    public static func preferred<T>(_ items: [T], languages: [String], language: (T) -> String) -> T? {
        // "zh_CN" (a POSIX locale, as some Chinese feeds write it) is the tag zh-CN.
        func lang(_ i: T) -> String {
            let l = language(i).trimmed
            return l.isEmpty ? "en-us" : l.lowercased().replacingOccurrences(of: "_", with: "-")
        }
        for want in languages.map({ $0.lowercased() }) {
            if let exact = items.first(where: { lang($0) == want }) { return exact }
            let primary = want.split(separator: "-").first.map(String.init) ?? want
            if let close = items.first(where: { lang($0) == primary || lang($0).hasPrefix(primary + "-") }) { return close }
        }
        return items.first
    }

    /// The index of the `<info>` block shown: the reader's language first.
    static func preferredInfo(_ infos: [RawInfo], languages: [String]) -> Int? {
        preferred(Array(infos.indices), languages: languages) { infos[$0].fields["language"] ?? "" }
    }

    static func build(_ raw: RawAlert, file: String, catalog: RegionCatalog, languages: [String] = defaultLanguages) throws -> Alert {
        func fail(_ message: String) -> CAPParseError {
            CAPParseError(file: file, line: raw.line, column: raw.column, message: message)
        }
        guard let identifier = raw.fields["identifier"]?.trimmed, !identifier.isEmpty else { throw fail("<alert> has no <identifier>") }
        // The national platform (GB/T 35965.1) writes Beijing time without an offset; elsewhere a time without one is
        // refused, never guessed.
        let national = isNationalIdentifier(identifier)
        func date(_ text: String?) -> Date? { text.flatMap { parseDate(national ? withBeijingOffset($0) : $0) } }
        guard let sentText = raw.fields["sent"], let sent = date(sentText) else {
            throw fail("<alert> \(identifier): <sent> is missing or not a CAP date-time")
        }
        let statusText = raw.fields["status"]?.trimmed ?? "Actual"
        guard let status: CAPStatus = caseless(statusText) else {
            throw fail("<alert> \(identifier): unknown status '\(statusText)' (Actual, Exercise, System, Test or Draft)")
        }
        guard let msgType: CAPMessageType = caseless(raw.fields["msgType"]?.trimmed ?? "Alert") else {
            throw fail("<alert> \(identifier): unknown msgType '\(raw.fields["msgType"] ?? "")'")
        }
        // CAP references are space-separated "sender,identifier,sent" triples: kept whole (the triplet is the
        // message's identity), the time rewritten in one form so equal instants compare equal.
        let references = referenceParts(raw.fields["references"] ?? "")
            .map { part -> String in
                var text = String(part)
                if national, let comma = text.lastIndex(of: ",") {
                    text = String(text[...comma]) + withBeijingOffset(String(text[text.index(after: comma)...]))
                }
                return CAPMessageID(reference: text)?.reference ?? text
            }
        if msgType != .alert && references.isEmpty {
            throw fail("<alert> \(identifier): a \(msgType.rawValue) must reference the message(s) it answers in <references>")
        }
        // Every polygon and circle is read once, into the whole message; the shown block's first shapes come from it.
        let whole = content(raw, date: date)
        guard let shown = preferredInfo(raw.infos, languages: languages) else {
            // CAP 1.2 lets a Cancel, Ack or Error carry no <info>: it changes the chain's state, not what it shows.
            guard msgType != .alert && msgType != .update else { throw fail("<alert> \(identifier) has no <info> block") }
            return Alert(identifier: identifier, sender: raw.fields["sender"]?.trimmed ?? "", sent: sent, status: status,
                         msgType: msgType, references: references, category: .other, event: "", urgency: .unknown,
                         severity: .unknown, certainty: .unknown, headline: "",
                         description: raw.fields["note"]?.trimmed ?? "", areas: [], level: nil, hazard: .other,
                         content: whole)
        }
        let info = raw.infos[shown]
        let f = info.fields
        let severityText = f["severity"]?.trimmed ?? "Unknown"
        // A level a parameter states wins, green ("no warning") included; then the severity, then the headline. No
        // colour, no level word and a severity of Unknown: the message states no level, and none is invented.
        let level: WarningLevel? = switch CAPLevelParameter.stated(info.parameters) {
        case .some(let stated): stated
        case nil: levelFrom(severityText) ?? levelInHeadline(f["headline"])
        }
        let severity = caseless(severityText) ?? level?.capSeverity ?? CAPSeverity.unknown
        // MeteoAlarm names the hazard in a parameter ("awareness_type" "10; rain"): read as an event code.
        let awarenessTypes = info.parameters.filter { $0.name.trimmed.lowercased() == "awareness_type" }.map(\.value)
        let hazard = HazardClassifier.classify(eventCodes: info.eventCodes.map(\.value) + awarenessTypes,
                                               texts: [f["event"] ?? "", f["headline"] ?? ""])
        var areas: [RegionCode] = []
        var areaDescs: [String] = []
        // The first polygon with a shape wins; an empty or broken one never replaces it (`content` keeps only shapes).
        let shapes = whole.infos[shown].areas
        let polygon = shapes.lazy.flatMap(\.polygons).first ?? []
        let circle = shapes.lazy.flatMap(\.circles).first
        for area in info.areas {
            if let d = area.desc?.trimmed, !d.isEmpty { areaDescs.append(d) }
            for code in area.geocodes {
                if let region = gbt2260(name: code.name, value: code.value, catalog: catalog), !areas.contains(region) {
                    areas.append(region)
                }
            }
        }
        if areas.isEmpty {
            // Match names down to county level that only one region has, longest first so 太原市 is not taken for a
            // county containing 太原 (township names repeat across counties: 城关镇 is everywhere).
            let text = areaDescs.joined(separator: " ") + " " + (f["headline"] ?? "")
            // The most precise name the text holds: "山西忻州市繁峙县" is 繁峙县, not the city it also names.
            // Only the regions inside the first match are searched again (a city's counties), so a text costs one
            // scan of the names as before.
            let names = catalog.matchableNames
            if var r = names.first(where: { text.contains($0.name) })?.code {
                while let inner = names.first(where: { $0.code != r && Region.isWithin($0.code, r) && text.contains($0.name) })?.code {
                    r = inner
                }
                areas = [r]
            }
        }
        return Alert(identifier: identifier, sender: raw.fields["sender"]?.trimmed ?? "", sent: sent, status: status,
                     msgType: msgType, references: references, category: caseless(f["category"]?.trimmed ?? "") ?? hazard.capCategory,
                     event: nonEmpty(f["event"]) ?? hazard.names.en, responseType: f["responseType"].flatMap { caseless($0.trimmed) },
                     urgency: caseless(f["urgency"]?.trimmed ?? "") ?? .unknown, severity: severity,
                     certainty: caseless(f["certainty"]?.trimmed ?? "") ?? .unknown,
                     headline: nonEmpty(f["headline"]) ?? nonEmpty(f["event"]) ?? identifier,
                     description: f["description"]?.trimmed ?? "", instruction: f["instruction"]?.trimmed ?? "",
                     onset: date(f["onset"]) ?? date(f["effective"]), expires: date(f["expires"]),
                     areaDesc: areaDescs.joined(separator: "; "), areas: areas, polygon: polygon, circle: circle,
                     level: level, hazard: hazard, content: whole)
    }

    /// The message whole: its envelope and every `<info>` in document order, each area with every polygon and circle
    /// that has a shape (an empty or broken one is left out, so it never stands in for a good one).
    static func content(_ raw: RawAlert, date: (String?) -> Date?) -> CAPContent {
        let f = raw.fields
        func text(_ name: String) -> String { f[name]?.trimmed ?? "" }
        let infos = raw.infos.map { i -> CAPInfo in
            func t(_ name: String) -> String { i.fields[name]?.trimmed ?? "" }
            let areas = i.areas.map { a in
                CAPArea(desc: a.desc?.trimmed ?? "",
                        polygons: a.polygons.map(parsePoints).filter { $0.count >= 3 },
                        circles: a.circles.compactMap(parseCircle),
                        geocodes: a.geocodes.map { CAPValue($0.name, $0.value) }, altitude: a.altitude, ceiling: a.ceiling)
            }
            // CAP's default language is en-US: a block without one (NWS CAP 1.1) says so rather than nothing.
            return CAPInfo(language: t("language").isEmpty ? "en-US" : t("language"), categories: i.repeated["category"] ?? [], event: t("event"),
                           responseTypes: i.repeated["responseType"] ?? [], urgency: t("urgency"), severity: t("severity"),
                           certainty: t("certainty"), audience: t("audience"),
                           eventCodes: i.eventCodes.map { CAPValue($0.name, $0.value) },
                           effective: date(i.fields["effective"]), onset: date(i.fields["onset"]), expires: date(i.fields["expires"]),
                           senderName: t("senderName"), headline: t("headline"), description: t("description"),
                           instruction: t("instruction"), web: t("web"), contact: t("contact"),
                           parameters: i.parameters.map { CAPValue($0.name, $0.value) }, areas: areas)
        }
        return CAPContent(scope: text("scope"), restriction: text("restriction"), addresses: text("addresses"),
                          source: text("source"), note: text("note"), codes: raw.repeated["code"] ?? [],
                          incidents: text("incidents"), signed: raw.signed, infos: infos)
    }

    /// `<references>` split into triplets at blanks; a time written with a space ("…,2026-07-12 11:00:00", as
    /// national-platform relays write Beijing time) is joined back to its triplet rather than made two references.
    static func referenceParts(_ text: String) -> [String] {
        var parts: [String] = []
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            if let last = parts.last, !word.contains(","), word.first?.isNumber == true,
               let comma = last.lastIndex(of: ","), last[last.index(after: comma)...].utf8.count == 10 {
                parts[parts.count - 1] = last + "T" + word
            } else {
                parts.append(word)
            }
        }
        return parts
    }

    /// A CAP code value matched without regard to case ("actual", "SEVERE"): the standard spells them capitalised, but
    /// hand-written and some national feeds do not, and the value's meaning is the same. The exact spelling first.
    static func caseless<T: RawRepresentable & CaseIterable>(_ text: String) -> T? where T.RawValue == String {
        T(rawValue: text) ?? T.allCases.first { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }
    }

    /// The text without surrounding blanks, or nil when nothing is left: an empty `<headline/>` is no headline, so
    /// the list shows the event (then the identifier) rather than a blank line.
    static func nonEmpty(_ text: String?) -> String? {
        guard let t = text?.trimmed, !t.isEmpty else { return nil }
        return t
    }

    /// A GB/T 35965.1 style identifier: 31 digits, a 14-digit issuer code, the Beijing time of issue
    /// (yyyyMMddHHmmss) and a 3-digit sequence.
    /// Some provincial senders separate the parts ("14010041600000_20260712083000_001"); the digits decide.
    public static func isNationalIdentifier(_ id: String) -> Bool {
        if id.utf8.count == 31 && id.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return true }
        let parts = id.split(whereSeparator: { $0 == "_" || $0 == "-" })
        guard parts.count == 2 || parts.count == 3, parts[0].utf8.count == 14, parts[1].utf8.count == 14,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return false }
        // The second part is the Beijing time of issue: a plausible yyyyMMdd, so an unrelated pair of numbers is not one.
        let time = Array(parts[1].utf8).map { Int($0) - 48 }
        let year = time[0] * 1000 + time[1] * 100 + time[2] * 10 + time[3], month = time[4] * 10 + time[5]
        return (2000...2099).contains(year) && (1...12).contains(month)
    }

    /// "2026-07-12T08:30:00" (or with a space) as Beijing time, "+08:00" added; a time with an offset is left alone.
    /// Fractional seconds ("2026-07-12T08:30:00.000") are kept; an offset after the time means the text is left alone.
    static func withBeijingOffset(_ text: String) -> String {
        var t = text.trimmed
        guard t.utf8.count >= 19 else { return t }
        let time = t.utf8.dropFirst(19)
        guard time.allSatisfy({ $0 != 0x2B && $0 != 0x2D && $0 != 0x5A && $0 != 0x7A }) else { return t }
        if t.utf8[t.utf8.index(t.utf8.startIndex, offsetBy: 10)] == 0x20 { t = t.replacingOccurrences(of: " ", with: "T") }
        return t + "+08:00"
    }

    static let levelParameterNames: Set<String> = ["level", "warninglevel", "预警级别", "alertlevel", "color", "colour", "预警颜色"]

    /// A geocode as a GB/T 2260 region, only when its valueName says it is one (or it has none and the catalog knows
    /// the code): US FIPS, Canadian CGNDB/SGC and German AGS/warncell codes are digits too, and stay foreign.
    static func gbt2260(name: String, value: String, catalog: RegionCatalog) -> RegionCode? {
        let digits = value.trimmed
        guard digits.count >= 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let normalized = name.lowercased().filter { !" /_-.:".contains($0) }
        let code: RegionCode = digits.count >= 9 ? Int(digits.prefix(9))! : Int(digits.prefix(6))!
        let six = Int(digits.prefix(6))!
        // Labels name the table in many ways: "GB/T 2260", "GB/T 2260-2007", "GB2260", 行政区划代码/编码, AMap's "adcode".
        if ["行政区划代码", "行政区域代码", "区划代码", "行政区划", "行政区划编码", "行政区域编码", "区划编码", "行政区代码", "adcode"].contains(normalized)
            || normalized.hasPrefix("gb2260") || normalized.hasPrefix("gbt2260") {
            // Province prefixes run 11–82; anything else is not a GB/T 2260 code whatever the label says.
            return (11...82).contains(six / 10_000) ? code : nil
        }
        if normalized.isEmpty, catalog[six] != nil { return code }
        return nil
    }
    /// libxml2's error numbers as words, for the ones a hand-edited or truncated file produces.
    static func xmlProblem(_ code: Int?, complete: Bool, atEnd: Bool = true, empty: Bool = true) -> String {
        switch code {
        case nil: return complete ? "the document is malformed" : "unexpected end of file (an element is not closed)"
        // libxml2 says "empty" for any document with no root element, such as plain text.
        case 4: return empty ? "the document is empty" : "no XML element where the document should start (not a CAP file?)"
        // libxml2 reports a cut-off file, trailing content and a mismatched tag alike; where it stopped tells them apart.
        case 5 where !complete && atEnd: return "unexpected end of file (the file is cut off inside an element)"
        case 5 where complete: return "text or markup after the end of the document"
        case 5: return "a tag that is not closed or does not match the element it closes"
        case 9: return "a character XML does not allow (e.g. a control character)"
        case 23: return "an entity reference without its closing ';'"
        case 26: return "an undefined entity"
        case 64: return "an XML declaration (<?xml … ?>) that is not at the very start"
        case 68: return "a '<' or '&' that starts no tag or reference (write &lt; or &amp;)"
        case 73: return "a tag is not closed with '>'"
        case 76: return "a closing tag does not match the element it closes"
        case let c?:
            // The remaining libxml2 codes are rarer; the position says where, and the number helps a developer.
            return complete ? "the markup is malformed here (libxml2 error \(c))" : "the markup is malformed here (libxml2 error \(c)); an element is not closed"
        }
    }

    /// A whole value naming a level: Red/Orange/Yellow/Blue, 红色/红/红色预警…, I–IV, 1–4, or a CAP severity.
    /// Never a substring: "covered" is not red.
    static func levelFrom(_ text: String?) -> WarningLevel? {
        guard let t = text?.trimmed, !t.isEmpty else { return nil }
        let lower = t.lowercased()
        for (level, words) in levelWords where words.contains(lower) { return level }
        if let l = WarningLevel(roman: t) { return l }
        if let n = Int(t), let l = WarningLevel(rawValue: n) { return l }
        switch caseless(t) as CAPSeverity? {
        case .extreme: return .red
        case .severe: return .orange
        case .moderate: return .yellow
        case .minor: return .blue
        default: return nil
        }
    }

    /// Whole values naming a level, lowercased: colours (Simplified and Traditional, "…预警信号" as the national
    /// platform writes them), Roman grades, and the grades of the Emergency Response Law (特别重大 I … 一般 IV).
    static let levelWords: [(WarningLevel, Set<String>)] = [
        (.red, ["red", "红", "红色", "红色预警", "红色预警信号", "紅", "紅色", "紅色預警", "i级", "ⅰ级", "i級", "ⅰ級", "特别重大", "特別重大"]),
        (.orange, ["orange", "amber", "橙", "橙色", "橙色预警", "橙色预警信号", "橙色預警", "ii级", "ⅱ级", "ii級", "ⅱ級", "重大"]),
        (.yellow, ["yellow", "黄", "黄色", "黄色预警", "黄色预警信号", "黃", "黃色", "黃色預警", "iii级", "ⅲ级", "iii級", "ⅲ級", "较大", "較大"]),
        (.blue, ["blue", "蓝", "蓝色", "蓝色预警", "蓝色预警信号", "藍", "藍色", "藍色預警", "iv级", "ⅳ级", "iv級", "ⅳ級", "一般"]),
    ]

    /// A level a headline states as a phrase: "暴雨红色预警", "Red warning"/"red alert" (tokens, not letters).
    static func levelInHeadline(_ text: String?) -> WarningLevel? {
        guard let t = text?.lowercased(), !t.isEmpty else { return nil }
        // Simplified and Traditional (Hong Kong, Macao and Taiwan feeds write 紅色預警).
        for (level, zh) in [(WarningLevel.red, "红色预警"), (.orange, "橙色预警"), (.yellow, "黄色预警"), (.blue, "蓝色预警"),
                            (.red, "紅色預警"), (.orange, "橙色預警"), (.yellow, "黃色預警"), (.blue, "藍色預警")] where t.contains(zh) {
            return level
        }
        let tokens = HazardClassifier.tokens(t)
        for (i, word) in tokens.enumerated().dropLast() {
            let next = tokens[i + 1]
            // "Code orange" / KNMI's "code oranje": the colour follows the word.
            if word == "code", let level = headlineColour(next) { return level }
            // An "AMBER Alert" is a child-abduction alert (America's Missing: Broadcast Emergency Response), not a
            // colour; the UK's amber is a warning.
            guard ["warning", "alert", "level", "warnung"].contains(next), !(word == "amber" && next == "alert") else { continue }
            if let level = headlineColour(word) { return level }
        }
        return nil
    }

    /// A colour word of a headline, in the languages of the feeds that put one there.
    static func headlineColour(_ word: String) -> WarningLevel? {
        switch word {
        case "red", "rot", "rouge", "rood": .red
        case "orange", "amber", "oranje": .orange
        case "yellow", "gelb", "jaune", "geel": .yellow
        case "blue", "bleu": .blue
        default: nil
        }
    }

    /// CAP date-times: `2026-07-12T08:30:00+08:00` (also tolerates `Z` and fractional seconds).
    static func parseDate(_ text: String) -> Date? {
        let t = text.trimmed
        // The canonical form by hand (a formatter per call costs more than the rest of a message).
        if t.utf8.count == 20 || t.utf8.count == 25, let d = CAPMessageID.parseCanonical(Substring(t)) { return d }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: t) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: t) { return d }
        return lenientTime(t).flatMap { CAPMessageID.parseCanonical(Substring($0)) }
    }

    /// Forms CAP does not allow but feeds send, rewritten canonically: no seconds ("2026-07-12T08:30+08:00") and an
    /// offset without its colon ("+0800"). Nil for anything else.
    static func lenientTime(_ t: String) -> String? {
        var b = Array(t.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < b.count && (48...57).contains(b[$0]) } }
        guard b.count >= 17, digits(0..<4), b[4] == 45, digits(5..<7), b[7] == 45, digits(8..<10),
              b[10] == 84 || b[10] == 32, digits(11..<13), b[13] == 58, digits(14..<16) else { return nil }
        b[10] = 84
        if b[16] != 58 { b.insert(contentsOf: Array(":00".utf8), at: 16) }
        guard b.count >= 20, b[16] == 58, digits(17..<19) else { return nil }
        let zone = Array(b[19...])
        switch zone.count {
        case 1 where zone[0] == 90: break
        case 6 where (zone[0] == 43 || zone[0] == 45) && zone[3] == 58: break
        case 5 where zone[0] == 43 || zone[0] == 45: b.insert(58, at: 22)
        default: return nil
        }
        guard digits(20..<22) || b.count == 20 else { return nil }
        return String(decoding: b, as: UTF8.self)
    }

    /// "lat,lon lat,lon …" pairs; blanks around a comma ("39.1, 112.5", written by hand-made and some national feeds)
    /// are joined first, so such a polygon keeps its points instead of losing every one.
    static func parsePoints(_ text: String) -> [GeoPoint] {
        // Split by bytes when the text is ASCII, as feeds send it: splitting Characters (grapheme breaking and a
        // property lookup each) cost an import more than reading the XML. Same pieces, since the only ASCII white
        // space is tab to carriage return and the space.
        let text = joinedPairs(text)
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return points(text.split(whereSeparator: \.isWhitespace).map { $0.split(separator: ",") })
        }
        return points(text.utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) }).map {
            $0.split(separator: 0x2C).map(Substring.init)
        })
    }

    /// Each "lat,lon" pair, already split at its comma, read as a point; anything else is left out.
    private static func points(_ pairs: [[Substring]]) -> [GeoPoint] {
        pairs.compactMap { p in
            guard p.count == 2, let lat = Double(p[0]), let lon = Double(p[1]),
                  (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
            return GeoPoint(lat: lat, lon: lon)
        }
    }

    /// The text with the blanks next to each comma removed.
    static func joinedPairs(_ text: String) -> String {
        // Almost every polygon has no blank beside a comma: found by one pass over the bytes, it is returned as is.
        var previous: UInt8 = 0
        var spaced = false
        for byte in text.utf8 {
            let blank = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if (byte == 0x2C && (previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x0D)) || (blank && previous == 0x2C) {
                spaced = true
                break
            }
            previous = byte
        }
        guard spaced else { return text }
        var out = ""
        var pendingBlank = false
        for ch in text {
            if ch.isWhitespace {
                pendingBlank = true
            } else {
                if pendingBlank && ch != "," && out.last != "," && !out.isEmpty { out.append(" ") }
                out.append(ch)
                pendingBlank = false
            }
        }
        return out
    }

    static func parseCircle(_ text: String) -> GeoCircle? {
        let parts = joinedPairs(text).split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let center = parsePoints(String(parts[0])).first, let r = Double(parts[1]), r >= 0 else { return nil }
        return GeoCircle(center: center, radiusKm: r)
    }
}

/// One `<alert>` of a document: built, or refused with the reason, at the element's position.
public struct CAPMessageResult: Sendable {
    public var line: Int
    public var column: Int
    /// The message's `<identifier>`, when it has one (so a refusal can name it).
    public var identifier: String?
    public var result: Result<Alert, CAPParseError>
}

extension String {
    /// Without leading and trailing `CharacterSet.whitespacesAndNewlines`, by scalars: Foundation's trimming bridges to
    /// NSString, and the CAP parser trims every field of every message (a quarter of its time went there).
    var trimmed: String {
        let scalars = unicodeScalars
        let blank = String.blank
        guard let first = scalars.first, let last = scalars.last, blank.contains(first) || blank.contains(last) else {
            return self
        }
        guard let start = scalars.firstIndex(where: { !blank.contains($0) }),
              let end = scalars.lastIndex(where: { !blank.contains($0) }) else { return "" }
        return String(scalars[start...end])
    }

    private static let blank = CharacterSet.whitespacesAndNewlines
}
