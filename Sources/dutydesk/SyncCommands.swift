import Foundation
import Model
import Store
import Sync

/// `dutydesk sync`, `serve-sync`, `central init`, `office authorize`.
enum SyncCommands {
    static func run(_ command: String, _ args: inout Arguments) throws {
        switch command {
        case "sync":
            let remoteText = try args.option("--remote")
            let store = try StoreLocation.open(&args)
            defer { store.close() }
            guard let text = try remoteText ?? store.meta("sync.remote") else {
                throw UsageError(.syncNeedsRemote)
            }
            let remote = try SyncRemote.parse(text)
            let client = SyncClient(store: store, remote: remote, options: SyncOptions(serverExecutable: selfExecutable()))
            let report = try client.syncOnce()
            try store.setMeta("sync.remote", text)
            print(Msg.language == .zh ? say(.syncReport, report.pushed, report.pulled, report.rejected.count) : report.description)
            for r in report.rejected { print(say(.syncRejected, r.id, clean(r.reason))) }
            if !report.rejected.isEmpty {
                throw CommandError(.syncCentreRejected, report.rejected.count, plural(report.rejected.count), report.undone)
            }
        case "serve-sync":
            guard let path = try args.option("--store") else { throw UsageError(.serveNeedsStore) }
            let office = try args.option("--office").map(Parse.region)
            try args.finish()
            guard let office else {
                let message = "serve-sync needs --office CODE (in production, pinned by the authorized_keys forced command)"
                // The client reads this as a protocol error frame, whatever version it speaks.
                SyncServer.refuse(message, output: .standardOutput)
                throw UsageError(message)
            }
            try SyncServer.serve(storePath: path, office: office, input: .standardInput, output: .standardOutput)
        case "central":
            let sub = try args.positional("central subcommand (init, new-epoch, prune, stats)")
            if sub == "stats" {
                let path = try args.positional("central store path or postgres:// URL")
                try args.finish()
                let central = try CentralStore.open(path)
                defer { central.close() }
                for line in try central.stats().lines { print(clean(line)) }
                return
            }
            if sub == "new-epoch" {
                let path = try args.positional("central store path")
                guard let reason = try args.option("--reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw UsageError(.epochNeedsReason)
                }
                try args.finish()
                let central = try CentralStore.open(path)
                defer { central.close() }
                let epoch = try central.rotateEpoch(reason: "operator: \(reason)")
                print(say(.newEpoch, central.location, String(epoch, radix: 16)))
                return
            }
            if sub == "prune" {
                let path = try args.positional("central store path")
                let keep = try args.int("--keep", range: 0...Int.max) ?? 10_000
                try args.finish()
                let central = try CentralStore.open(path)
                defer { central.close() }
                let deleted = try central.pruneLog(through: try central.position(keepingLast: keep))
                print(say(.pruned, deleted, central.horizon))
                return
            }
            guard sub == "init" else { throw UsageError(.unknownSubcommand, "central", sub) }
            let path = try args.positional("central store path")
            let demo = args.flag("--demo")
            let seed = try args.int("--seed", range: 0...Int.max) ?? 2026
            try args.finish()
            try CentralStore.create(path: path, demo: demo, seed: UInt64(seed), now: Date())
            print(say(demo ? .centralCreatedDemo : .centralCreated, path))
        case "office":
            guard try args.positional("office subcommand (authorize)") == "authorize" else { throw UsageError(.unknownSubcommand, "office", "") }
            let office = try Parse.region(try args.positional("office code"))
            guard let key = try args.option("--key") else { throw UsageError(.authorizeNeedsKey) }
            guard let storePath = try args.option("--store") else { throw UsageError(.authorizeNeedsStore) }
            let exe = try args.option("--command") ?? "dutydesk"
            try args.finish()
            print(try OfficeAuthorization.authorizedKeysLine(office: office, keyFile: key, storePath: storePath, executable: exe))
        default:
            throw UsageError(.unknownCommand, command)
        }
    }

    /// The running binary's absolute path, used to start a local server as a child process.
    static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
