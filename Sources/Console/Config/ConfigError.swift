/// A mistake in a theme or layout file, reported as `file:line:column: message`.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Hashable {
    public let file: String
    /// 1-based; 0 when the problem is the file as a whole (unreadable, missing).
    public let line: Int
    /// 1-based character column.
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A value loaded from theme or layout files, with the files discovery skipped on the way.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value
    /// Bad user files that discovery passed over (the console starts anyway; print these).
    public var warnings: [ConfigError]
    public init(value: Value, warnings: [ConfigError] = []) { self.value = value; self.warnings = warnings }
}
