/// An error that only an executable can detect (a usage mistake, files that
/// disagree), with the status it exits with.
public struct CLIError: Error, CustomStringConvertible {
    /// The one-line message.
    public let description: String
    /// The sysexits status.
    public let status: ExitStatus

    /// Creates an error with a message and an exit status.
    ///
    /// - Parameters:
    ///   - description: one line saying what, where and what to do.
    ///   - status: the sysexits status.
    public init(_ description: String, status: ExitStatus) {
        self.description = description
        self.status = status
    }

    /// An input file that does not exist (exit 66).
    ///
    /// - Parameters:
    ///   - path: the file's path.
    ///   - role: what the file is for, such as `training`.
    /// - Returns: the error.
    public static func missingInput(_ path: String, role: String) -> CLIError {
        CLIError("\(path): \(role) file not found; check the path", status: .noInput)
    }
}
