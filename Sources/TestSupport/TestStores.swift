import Foundation
import Model
import Store

/// A real store in a temporary directory, closed and removed when released.
public final class TestStore: @unchecked Sendable {
    public let directory: TemporaryDirectory
    public let clock: ManualClock
    public let store: Store
    public var path: String { store.path }

    /// Creates a store for `office` (default Taiyuan) with a manual clock.
    public init(office: RegionCode = 140100, officeName: String = "太原市应急管理局", operatorName: String = "测试员",
                clock: ManualClock = ManualClock(), directory: TemporaryDirectory = TemporaryDirectory()) throws {
        self.directory = directory
        self.clock = clock
        self.store = try Store.create(path: directory.file("store-\(office).db"), office: office,
                                      officeName: officeName, operatorName: operatorName, clock: clock)
    }

    deinit { store.close() }

    /// Closes and opens the same file again (as after a restart).
    public func reopen(readOnly: Bool = false) throws -> Store {
        store.close()
        return try Store.open(path: store.path, clock: clock, readOnly: readOnly)
    }
}
