/// Process exit statuses from BSD's `sysexits.h`, shared by the toolkit's
/// command-line tools.
package enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
    /// Success.
    case success = 0
    /// The command was used incorrectly (`EX_USAGE`).
    case usage = 64
    /// The input data was wrong (`EX_DATAERR`): invalid UTF-8, a malformed corpus line.
    case dataError = 65
    /// An input file did not exist or could not be read (`EX_NOINPUT`).
    case noInput = 66
    /// An internal error (`EX_SOFTWARE`).
    case software = 70
    /// An error while reading or writing (`EX_IOERR`).
    case ioError = 74
}
