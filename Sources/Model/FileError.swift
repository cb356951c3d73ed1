/// A mistake in a file a person wrote or a feed sent, reported as `file:line:column: message`.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
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

/// A problem in a CAP file.
public typealias CAPParseError = FileError
