import Model

/// A mistake in a theme or layout file: the same `file:line:column: message` error as any other file.
public typealias ConfigError = FileError

/// A value loaded from theme or layout files, with the files discovery skipped on the way.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value
    /// Bad user files that discovery passed over (the console starts anyway; print these).
    public var warnings: [ConfigError]
    public init(value: Value, warnings: [ConfigError] = []) { self.value = value; self.warnings = warnings }
}
