import Foundation
import Model
import Store
import Sync

/// Hidden `_crash-writer --db PATH [--remote R --sync-interval S] [--pace-ms N]`: records operator actions
/// forever, printing each committed device sequence on its own line (flushed), so a test can SIGKILL it at any
/// moment and compare. With a remote it is console-shaped: a second connection to the same file syncs in the
/// background while the first writes. The actions pass the store's write policy like any operator's:
/// acknowledgments, and stock counts at a depot of the store's own office that the writer creates the first time.
enum CrashWriter {
    static func run(_ args: inout Arguments) throws {
        let remote = try args.option("--remote")
        let interval = try args.int("--sync-interval", range: 1...3600) ?? 1
        let pace = try args.int("--pace-ms", range: 0...10_000) ?? 0
        let store = try StoreLocation.open(&args)
        var background: BackgroundSync?
        if let remote {
            let syncStore = try Store.open(path: store.path)
            background = BackgroundSync(client: SyncClient(store: syncStore, remote: try SyncRemote.parse(remote),
                                                           options: SyncOptions(serverExecutable: SyncCommands.selfExecutable())),
                                        interval: Double(interval))
            background?.start()
        }
        let depot = "crash-depot-\(store.identity.office)"
        if try store.depots().contains(where: { $0.id == depot }) == false {
            let e = try store.record(.fields(RecordRef(.depot, depot), Depot(id: depot, name: "crash writer depot", level: .county,
                                                                              region: store.identity.office,
                                                                              owner: store.identity.office).fields))
            FileHandle.standardOutput.write(Data("\(e.id.seq)\n".utf8))
        }
        var n = 0
        while true {
            n += 1
            let payload: EventPayload = n % 2 == 0
                ? .acknowledge(alertID: "crash-\(n)-\(store.identity.device)")
                : .stock(StockMovement(depot: depot, item: "crash-item", delta: Int64(n % 7) - 3, kind: .countAdjust))
            let e = try store.record(payload)
            // Unbuffered, so every line the parent reads was printed after its commit.
            FileHandle.standardOutput.write(Data("\(e.id.seq)\n".utf8))
            if pace > 0 { usleep(UInt32(pace) * 1000) }
        }
    }
}
