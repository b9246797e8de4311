/// A file or stream that cannot be opened, read or written, or a line read
/// from one that is not UTF-8.
///
/// The line readers and writers throw it, and the corpus readers and writers
/// pass it on unchanged (what is wrong with a corpus's content is a
/// `CorpusError`). Each description is one line: the file (`file:line` when a
/// line is to blame), what went wrong, and what to do about it.
public enum InputOutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file could not be opened (it does not exist, is a directory or is not readable).
    case cannotOpen(file: String, reason: String)
    /// Reading from an open file or stream failed.
    case readFailed(file: String, reason: String)
    /// Writing to a file or stream failed (a full disk, a closed pipe), or a file could not be created.
    case writeFailed(file: String, reason: String)
    /// A line is not valid UTF-8.
    case invalidUTF8(file: String, line: Int)

    /// One line: where, what, and what to do.
    public var description: String {
        switch self {
        case let .cannotOpen(file, reason):
            "\(file): cannot open: \(reason); check the path and its permissions"
        case let .readFailed(file, reason):
            "\(file): read failed: \(reason); check the device or the pipe feeding it"
        case let .writeFailed(file, reason):
            "\(file): write failed: \(reason); check free space and permissions"
        case let .invalidUTF8(file, line):
            "\(line > 0 ? "\(file):\(line)" : file): invalid UTF-8; convert the file to UTF-8 (e.g. with iconv)"
        }
    }
}
