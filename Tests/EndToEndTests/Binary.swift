import Foundation

/// Locates and runs the real `dutydesk` binary (built by `swift build` before the tests).
enum Binary {
    static var path: String {
        if let p = ProcessInfo.processInfo.environment["DUTYDESK_BIN"], FileManager.default.isExecutableFile(atPath: p) { return p }
        // Tests run from the package root; the debug binary sits beside the test bundle.
        let candidates = [".build/debug/dutydesk", ".build/release/dutydesk"]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
            return FileManager.default.currentDirectoryPath + "/" + c
        }
        return ".build/debug/dutydesk"
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary to completion with the given arguments and extra environment.
    @discardableResult
    static func run(_ args: [String], env: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }
}

/// A temporary directory removed when the value is released.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "dutydesk-e2e-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}
