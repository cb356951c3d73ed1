import Foundation
import Model

/// Parses command-line words into domain values, with errors that list what is accepted.
enum Parse {
    static func level(_ s: String) throws -> WarningLevel {
        if let l = WarningLevel(roman: s) { return l }
        if let n = Int(s), let l = WarningLevel(rawValue: n) { return l }
        if let l = WarningLevel.allCases.first(where: { $0.names.en.lowercased() == s.lowercased() || $0.names.zh == s }) { return l }
        throw UsageError(.unknownLevel, s)
    }

    static func enumValue<E: CaseIterable & RawRepresentable>(_ s: String, _ what: String) throws -> E where E.RawValue == String {
        let key = s.lowercased().filter { $0.isLetter || $0.isNumber }
        if let v = E.allCases.first(where: { $0.rawValue.lowercased() == key }) { return v }
        if let named = E.allCases.first(where: { ($0 as? any Named)?.names.zh == s || ($0 as? any Named)?.names.en.lowercased() == s.lowercased() }) {
            return named
        }
        throw UsageError(.unknownValue, what, s, E.allCases.map(\.rawValue).joined(separator: ", "))
    }

    static func many<T>(_ values: [String], _ one: (String) throws -> T) throws -> [T] {
        try values.flatMap { $0.split(separator: ",").map(String.init) }.map(one)
    }

    static func region(_ s: String) throws -> RegionCode {
        guard let code = Int(s), code >= 110_000, code < 1_000_000_000 else {
            throw UsageError(.badRegion, s)
        }
        return code
    }

    static func quantity(_ s: String, allowZero: Bool = false) throws -> Int64 {
        guard let q = Int64(s) else { throw UsageError(.qtyNotNumber, s) }
        guard q > 0 || (allowZero && q == 0) else { throw UsageError(allowZero ? .qtyNotNegative : .qtyNotPositive, q) }
        guard q <= 1_000_000_000 else { throw UsageError(.qtyTooLarge, q) }
        return q
    }

    static func day(_ s: String, time: String? = nil) throws -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone.current
        f.dateFormat = "yyyy-MM-dd HH:mm"
        guard let d = f.date(from: s + " " + (time ?? "00:00")) else {
            throw UsageError(time == nil ? .badDate : .badDateTime, s + (time.map { " " + $0 } ?? ""))
        }
        return d
    }
}
