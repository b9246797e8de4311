/// An error an executable reports with its exit code.
public struct CLIError: Error, CustomStringConvertible {
    /// The one-line message.
    public let description: String
    /// The sysexits code.
    public let exitCode: Int32

    /// Creates an error with a message and an exit code.
    ///
    /// - Parameters:
    ///   - description: one line saying what, where and what to do.
    ///   - exitCode: the sysexits code.
    public init(_ description: String, exitCode: Int32) {
        self.description = description
        self.exitCode = exitCode
    }

    /// An input file that does not exist (exit 66).
    ///
    /// - Parameters:
    ///   - path: the file's path.
    ///   - role: what the file is for, such as `training`.
    /// - Returns: the error.
    public static func missingInput(_ path: String, role: String) -> CLIError {
        CLIError("\(path): \(role) file not found; check the path", exitCode: 66)
    }
}
