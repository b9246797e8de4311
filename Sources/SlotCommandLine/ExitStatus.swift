import SlotTagger
import SlotTraining

/// Process exit statuses from BSD's `sysexits.h`, and the one place where the
/// toolkit's errors are mapped to them: every executable reports errors through
/// ``init(for:)`` (by way of ``Diagnostics/report(_:)``).
public enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
    /// Success.
    case success = 0
    /// The command was used incorrectly (`EX_USAGE`).
    case usage = 64
    /// The input data was wrong (`EX_DATAERR`): invalid UTF-8, a malformed corpus line, a damaged model.
    case dataError = 65
    /// An input file did not exist or could not be read (`EX_NOINPUT`).
    case noInput = 66
    /// An internal error (`EX_SOFTWARE`).
    case software = 70
    /// An error while reading or writing (`EX_IOERR`).
    case ioError = 74

    /// The status for an error thrown by the toolkit: missing input is 66, bad
    /// input data or a bad model 65, failed reads and writes 74, bad option
    /// values 64; anything the toolkit does not know is an internal error (70).
    ///
    /// - Parameter error: the error.
    public init(for error: any Error) {
        switch error {
        case let error as CLIError: self = error.status
        case let error as InputOutputError:
            switch error {
            case .cannotOpen: self = .noInput
            case .readFailed, .writeFailed: self = .ioError
            case .invalidUTF8: self = .dataError
            }
        case is CorpusError: self = .dataError
        case let error as ModelBundleError:
            switch error {
            case .missingDirectory, .notADirectory, .missingFile, .unreadableFile: self = .noInput
            case .writeFailed, .notABundleDirectory: self = .ioError
            default: self = .dataError
            }
        case let error as TrainingError:
            switch error {
            case .missingFile: self = .noInput
            case .invalidOption: self = .usage
            case .unwritableOutput, .writeFailed: self = .ioError
            default: self = .dataError
            }
        case let error as VocabularyError:
            if case .unreadable = error { self = .noInput } else { self = .dataError }
        case ModelError.noDefaultModel: self = .noInput
        case is ModelError, is EvaluationError: self = .dataError
        default: self = .software
        }
    }

    /// The status after stopping on a signal and saving a checkpoint: 128 plus
    /// the signal's number, as shells report it (130 for SIGINT, 143 for SIGTERM).
    ///
    /// - Parameter signal: the signal's number.
    /// - Returns: the raw status.
    public static func interrupted(by signal: Int32) -> Int32 { 128 + signal }
}
