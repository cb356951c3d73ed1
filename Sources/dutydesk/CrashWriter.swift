import Foundation
import Model
import Store

/// Hidden `_crash-writer --db PATH`: records operator actions forever, printing each committed
/// device sequence on its own line (flushed), so a test can SIGKILL it at any moment and compare.
enum CrashWriter {
    static func run(_ args: inout Arguments) throws {
        let store = try StoreLocation.open(&args)
        var n = 0
        while true {
            n += 1
            let payload: EventPayload = n % 2 == 0
                ? .acknowledge(alertID: "crash-\(n)")
                : .stock(StockMovement(depot: "crash-depot", item: "crash-item", delta: Int64(n % 7) - 3, kind: .countAdjust))
            let e = try store.record(payload)
            // Unbuffered, so every line the parent reads was printed after its commit.
            FileHandle.standardOutput.write(Data("\(e.id.seq)\n".utf8))
        }
    }
}
