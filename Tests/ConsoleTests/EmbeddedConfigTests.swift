import Foundation
import Testing
import TestSupport
@testable import Console

/// The binary carries copies of `Themes/*.theme` and `Layouts/*.layout`; the files are the source.
/// `scripts/record-snapshots` regenerates the Swift copies (and fails the run that changed them, see `RecordMode`).
@Suite struct EmbeddedConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func generate(type: String, dir: String, ext: String) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/" + dir).filter { $0.hasSuffix("." + ext) }.sorted()
        var out = "// Generated from \(dir)/*.\(ext) — edit those files, then run\n"
        out += "// DUTYDESK_RECORD=1 swift test --filter EmbeddedConfigTests to refresh this copy.\n"
        out += "enum \(type) {\n"
        out += "    static let names = [" + files.map { "\"" + ($0 as NSString).deletingPathExtension + "\"" }.joined(separator: ", ") + "]\n"
        out += "    static let texts: [String: String] = [\n"
        for file in files {
            let text = try String(contentsOfFile: root + "/" + dir + "/" + file, encoding: .utf8)
            out += "        \"" + (file as NSString).deletingPathExtension + "\": #\"\"\"\n" + text + "\n\"\"\"#,\n"
        }
        out += "    ]\n}\n"
        return out
    }

    @Test(arguments: [("BuiltinThemes", "Themes", "theme"), ("BuiltinLayouts", "Layouts", "layout")])
    func embeddedCopiesEqualTheFiles(type: String, dir: String, ext: String) throws {
        let path = Self.root + "/Sources/Console/" + dir + "/" + type + ".swift"
        let expected = try Self.generate(type: type, dir: dir, ext: ext)
        if let failure = RecordMode.check(file: path, holds: expected, what: path, hint: "run scripts/record-snapshots") {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test func embeddedTextsMatchFilesByName() throws {
        for name in BuiltinThemes.names {
            let text = try String(contentsOfFile: Self.root + "/Themes/\(name).theme", encoding: .utf8)
            #expect(BuiltinThemes.texts[name] == text)
        }
        for name in BuiltinLayouts.names {
            let text = try String(contentsOfFile: Self.root + "/Layouts/\(name).layout", encoding: .utf8)
            #expect(BuiltinLayouts.texts[name] == text)
        }
        #expect(validateConfigs(themeDirs: [Self.root + "/Themes"], layoutDirs: [Self.root + "/Layouts"]).isEmpty)
    }
}

/// A temp directory removed on release (TestSupport's `TemporaryDirectory` under a short name).
typealias TemporaryDir = TemporaryDirectory
