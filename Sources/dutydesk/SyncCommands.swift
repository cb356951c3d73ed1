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
                throw UsageError("sync needs --remote ssh://user@host/path/central.db or a path (remembered after the first sync)")
            }
            let remote = try SyncRemote.parse(text)
            let client = SyncClient(store: store, remote: remote, options: SyncOptions(serverExecutable: selfExecutable()))
            let report = try client.syncOnce()
            try store.setMeta("sync.remote", text)
            print(report.description)
            for r in report.rejected { print("rejected \(r.id): \(clean(r.reason))") }
            if !report.rejected.isEmpty {
                throw CommandError("the centre rejected \(report.rejected.count) event\(report.rejected.count == 1 ? "" : "s"); \(report.undone) undone here (`dutydesk rejections` lists them)")
            }
        case "serve-sync":
            guard let path = try args.option("--store") else { throw UsageError("serve-sync needs --store PATH") }
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
                    throw UsageError("central new-epoch needs --reason TEXT (kept with the epoch for the record)")
                }
                try args.finish()
                let central = try CentralStore.open(path)
                defer { central.close() }
                let epoch = try central.rotateEpoch(reason: "operator: \(reason)")
                print("central store \(central.location): new epoch \(String(epoch, radix: 16)); every office re-reads its scope and re-sends what this store lacks")
                return
            }
            if sub == "prune" {
                let path = try args.positional("central store path")
                let keep = try args.int("--keep", range: 0...Int.max) ?? 10_000
                try args.finish()
                let central = try CentralStore.open(path)
                defer { central.close() }
                let deleted = try central.pruneLog(through: try central.position(keepingLast: keep))
                print("pruned \(deleted) log entries no snapshot needs; horizon \(central.horizon) (offices behind it bootstrap again)")
                return
            }
            guard sub == "init" else { throw UsageError("unknown central subcommand '\(sub)' (init, new-epoch, prune, stats)") }
            let path = try args.positional("central store path")
            let demo = args.flag("--demo")
            let seed = try args.int("--seed", range: 0...Int.max) ?? 2026
            try args.finish()
            try CentralStore.create(path: path, demo: demo, seed: UInt64(seed), now: Date())
            print("created central store \(path)\(demo ? " with the demo province" : "")")
        case "office":
            guard try args.positional("office subcommand (authorize)") == "authorize" else { throw UsageError("unknown office subcommand") }
            let office = try Parse.region(try args.positional("office code"))
            guard let key = try args.option("--key") else { throw UsageError("office authorize needs --key FILE (the office's public key)") }
            guard let storePath = try args.option("--store") else { throw UsageError("office authorize needs --store PATH (the central store)") }
            let exe = try args.option("--command") ?? "dutydesk"
            try args.finish()
            print(try OfficeAuthorization.authorizedKeysLine(office: office, keyFile: key, storePath: storePath, executable: exe))
        default:
            throw UsageError("unknown command '\(command)'")
        }
    }

    /// The running binary's absolute path, used to start a local server as a child process.
    static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
