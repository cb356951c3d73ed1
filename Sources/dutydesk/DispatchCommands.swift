import Foundation
import Model
import Store

/// `dutydesk units dispatch ALERT U1 U2… [--confirm]` and `dutydesk units release ALERT [--list] [--confirm]`.
enum DispatchCommands {
    static func dispatch(_ args: inout Arguments) throws {
        let confirm = args.flag("--confirm")
        let store = try StoreLocation.open(&args, finishing: false)
        defer { store.close() }
        let alert = try args.positional("alert id")
        var units: [String] = []
        while let u = args.optionalPositional() { units.append(u) }
        try args.finish()
        guard !units.isEmpty else { throw UsageError(.dispatchNeedsUnits) }
        let events = try store.dispatch(units: units, toAlert: alert, confirmed: confirm)
        for e in events {
            if case .unitStatus(let u, _, _) = e.payload { print(say(.unitDispatched, clean(u), clean(alert), e.id)) }
        }
    }

    static func release(_ args: inout Arguments) throws {
        let list = args.flag("--list"), confirm = args.flag("--confirm")
        let store = try StoreLocation.open(&args, readOnly: list, finishing: false)
        defer { store.close() }
        let alert = try args.positional("alert id")
        try args.finish()
        if list {
            var t = TextTable([Msg.colUnit, .colNow, .colBackTo, .colOwn])
            for r in try store.releasable(alert: alert) {
                t.add([r.unit, r.current.names.en, r.back.names.en + (r.backAlert.map { " (\($0))" } ?? ""), say(r.ours ? .yes : .no)])
            }
            print(t.render())
            return
        }
        for e in try store.release(alert: alert, evenIfActive: confirm) {
            if case .unitStatus(let u, let s, let a) = e.payload {
                print(say(a == nil ? .unitReleased : .unitReleasedFor, clean(u), s.name(Msg.language), e.id, clean(a ?? "")))
            }
        }
    }
}
