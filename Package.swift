// swift-tools-version:6.0
import PackageDescription

// DutyDesk depends on Foundation and system C libraries only; see ../shared/DESIGN.md
// for the module graph. Each C module is imported by exactly one Swift module.
let package = Package(
    name: "DutyDesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dutydesk", targets: ["dutydesk"]),
    ],
    targets: [
        // C modules: a modulemap and a shim header each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // Not via pkg-config: it adds -D flags SwiftPM rejects with a warning; the shim defines what is needed.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // Not via pkg-config: the shim includes <postgresql/libpq-fe.h>, where Debian's libpq-dev puts it.
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),

        // Swift modules, bottom up.
        .target(name: "Model"),
        .target(name: "Store", dependencies: ["Model", "CSQLite"]),
        .target(name: "Screen"),
        .target(name: "Curses", dependencies: ["Screen", "CNcursesw"]),
        .target(name: "CentralPostgres", dependencies: ["Store", "Model", "CLibPQ"]),
        .target(name: "Sync", dependencies: ["Store", "CentralPostgres", "Model", "CZlib"]),
        .target(name: "Console", dependencies: ["Screen", "Store", "Sync", "Model"]),
        .executableTarget(name: "dutydesk",
                          dependencies: ["Console", "Curses", "Screen", "Sync", "Store", "Model"]),

        // Shared test helpers: temp stores, manual clock, screen snapshots.
        .target(name: "TestSupport", dependencies: ["Store", "Model", "Screen"], path: "Sources/TestSupport"),

        .testTarget(name: "ModelTests", dependencies: ["Model", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Model", "TestSupport"]),
        .testTarget(name: "ScreenTests", dependencies: ["Screen", "Curses", "TestSupport"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Screen", "Store", "Model", "TestSupport"],
                    resources: [.copy("Snapshots")]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Store", "Model", "TestSupport"]),
        .testTarget(name: "CentralBackendTests",
                    dependencies: ["Sync", "CentralPostgres", "Store", "Model", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Store", "Model", "CentralPostgres"]),
    ],
    swiftLanguageModes: [.v6]
)
