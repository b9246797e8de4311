/// Errors a training run reports before or while it trains.
package enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// An input file does not exist or cannot be read.
    case missingFile(String, role: String)
    /// A configuration file is malformed.
    case badConfiguration(file: String, detail: String)
    /// The training set has no sentences.
    case emptyTrainingSet(file: String)
    /// A checkpoint cannot be resumed.
    case badCheckpoint(directory: String, detail: String)

    /// One line: what, where, and what to do.
    package var description: String {
        switch self {
        case let .missingFile(path, role):
            return "\(path): \(role) file not found or unreadable; check the path"
        case let .badConfiguration(file, detail):
            return "\(file): bad configuration: \(detail)"
        case let .emptyTrainingSet(file):
            return "\(file): the training set has no sentences; give a CoNLL or JSONL file with labelled sentences"
        case let .badCheckpoint(directory, detail):
            return "\(directory): cannot resume: \(detail); start a new run without --resume"
        }
    }
}
