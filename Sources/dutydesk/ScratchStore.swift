import Foundation
import Model
import Store

/// A throwaway store for a benchmark: created in `directory`, closed and removed with its WAL and shared memory by
/// `discard()` (call it in a `defer`).
struct ScratchStore {
    let store: Store
    let path: String

    init(_ name: String, in directory: String, office: RegionCode = 140000, officeName: String = "山西省应急管理厅",
         operatorName: String = "bench") throws {
        path = (directory as NSString).appendingPathComponent("dutydesk-\(name)-\(getpid()).db")
        store = try Store.create(path: path, office: office, officeName: officeName, operatorName: operatorName)
    }

    func discard() {
        store.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
