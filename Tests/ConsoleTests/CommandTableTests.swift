import Foundation
import Model
import Screen
import Store
import Testing
@testable import Console

/// Walks the one command table: every key is bound to its entry, every palette word runs it in both languages, and
/// help lists it, so help, palette and key map cannot disagree.
@Suite(.serialized) struct CommandTableTests {
    @Test func everyKeyIsBoundToItsEntry() {
        for e in CommandTable.entries {
            for key in e.keys {
                // A global key is checked in a pane that does not bind the same key for itself.
                let panes = e.pane.map { [$0] } ?? PaneKind.allCases.filter { p in
                    !CommandTable.entries.contains { $0.pane == p && $0.keys.contains(key) }
                }
                #expect(!panes.isEmpty, "\(e.command): key \(key) is shadowed in every pane")
                for p in panes {
                    #expect(CommandTable.command(for: key, pane: p) == e.command, "\(e.command): key \(key) in \(p)")
                }
            }
            #expect(!e.keys.isEmpty || e.words != nil, "\(e.command) can be run neither by a key nor by a word")
        }
        // No two entries share a key in the same place.
        for (i, a) in CommandTable.entries.enumerated() {
            for b in CommandTable.entries.dropFirst(i + 1) where a.pane == b.pane {
                #expect(Set(a.keys.map { "\($0)" }).isDisjoint(with: b.keys.map { "\($0)" }), "\(a.command) and \(b.command)")
            }
        }
    }

    @Test func everyCommandHasExactlyOneEntry() {
        for c in Command.allCases {
            #expect(CommandTable.entries.filter { $0.command == c }.count == 1, "\(c)")
        }
    }

    @Test func aFullWidthColonOpensThePalette() throws {
        let f = try Fixture()
        let app = try f.app(language: .zh, layout: "desk")
        _ = app.handle(.char("："))
        guard case .palette = app.overlay else { Issue.record("： did not open the palette"); return }
    }

    @Test func paletteWordsParseInBothLanguages() {
        var seen = Set<String>()
        for e in CommandTable.paletteEntries {
            let words = e.words!
            #expect(CommandTable.palette(words.en)?.command == e.command, "\(words.en)")
            #expect(CommandTable.palette(words.zh)?.command == e.command, "\(words.zh)")
            #expect(CommandTable.palette(words.en.uppercased())?.command == e.command, "\(words.en) in capitals")
            #expect(words.zh.unicodeScalars.contains { !$0.isASCII }, "\(e.command): the Chinese word is Chinese")
            #expect(seen.insert(words.en).inserted && seen.insert(words.zh).inserted, "\(e.command): a word used twice")
        }
        #expect(CommandTable.palette("nonsense") == nil)
    }

    @Test func helpListsEveryEntryInBothLanguages() throws {
        let f = try Fixture()
        for language in [Language.en, .zh] {
            let app = try f.app(language: language, layout: "desk")
            let help = app.helpLines()
            let t = Catalog(language: language)
            for e in CommandTable.entries {
                if !e.keys.isEmpty, ![.focusUnits, .focusStock, .focusDrills].contains(e.command) {
                    let label = e.command == .focusAlerts ? "1 2 3 4" : e.label
                    #expect(help.contains { $0.0 == label && $0.1.hasPrefix(t(e.help)) }, "\(language) help lacks key \(e.label)")
                }
                if let words = e.words {
                    // The word of the console's language heads the line; the other language's word is named in it.
                    #expect(help.contains { $0.0 == ":" + words[language] && $0.1.contains(words[language == .zh ? .en : .zh]) },
                            "\(language) help lacks :\(words[language])")
                }
            }
        }
    }

    @Test func aChineseWordRunsItsCommandFromThePalette() throws {
        let f = try Fixture()
        let app = try f.app(language: .zh, layout: "desk")
        _ = app.render(width: 120, height: 40)
        _ = app.handle(.char(":"))
        for c in "语言 en" { _ = app.handle(.char(c)) }
        _ = app.handle(.enter)
        #expect(app.language == .en)
        _ = app.handle(.char(":"))
        _ = app.handle(.paste("帮助"))
        _ = app.handle(.enter)
        guard case .help = app.overlay else { Issue.record("帮助 did not open help"); return }
        // Tab completes a Chinese prefix to the Chinese word.
        #expect(app.complete("交") == "交接班 ")
        #expect(app.complete("hand") == "handover ")
    }
}
