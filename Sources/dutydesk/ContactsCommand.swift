import Foundation
import Model
import Store

/// `dutydesk contacts list [--kind office|depot|unit] [--text T] [--json]` and
/// `dutydesk contacts set office|depot|unit ID PHONE [--leader]`: duty phones (record fields).
enum ContactsCommand {
    static func run(_ args: inout Arguments) throws {
        switch try args.positional("contacts subcommand (list, set)") {
        case "list":
            let kinds = Set(try Parse.many(try args.options("--kind")) { try kind($0) })
            let text = try args.option("--text")
            let (limit, json) = try ListOutput.options(&args)
            let store = try StoreLocation.open(&args, readOnly: true)
            defer { store.close() }
            let rows = try store.contacts(kinds: kinds, text: text, limit: limit)
            if json {
                for c in rows {
                    var j = JSONLine()
                    j.add("kind", c.ref.kind.rawValue); j.add("id", c.ref.id); j.add("name", c.name); j.add("phone", c.phone)
                    if c.ref.kind == .office { j.add("leader", c.leader); j.add("leader_phone", c.leaderPhone) }
                    print(j.text)
                }
                return
            }
            var t = TextTable([Msg.colKind, .colID, .colName, .colPhone, .colLeader, .colLeaderPhone])
            t.maxWidths = [2: 30]
            for c in rows {
                t.add([c.ref.kind.rawValue, c.ref.id, c.name, c.phone.isEmpty ? "-" : c.phone, c.leader ?? "-", c.leaderPhone ?? "-"])
            }
            print(t.render())
        case "set":
            let leader = args.flag("--leader")
            let store = try StoreLocation.open(&args, finishing: false)
            defer { store.close() }
            let k = try kind(try args.positional("kind (office, depot, unit)"))
            let id = try args.positional("id"), phone = try args.positional("phone")
            try args.finish()
            let e = try store.setContact(RecordRef(k, id), leader ? .leaderPhone : .phone, to: phone)
            print(say(leader ? .leaderPhoneSet : .phoneSet, k.rawValue, clean(id), clean(phone), e.id))
        case let other: throw UsageError(.unknownSubcommand, "contacts", other)
        }
    }

    static func kind(_ word: String) throws -> RecordKind {
        guard let k = RecordKind(rawValue: word.lowercased()), [.office, .depot, .unit].contains(k) else {
            throw UsageError(.unknownContactKind, word)
        }
        return k
    }
}
