/// Errors a training run reports before or while it trains.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// An input file does not exist or cannot be read.
    case missingFile(String, role: String)
    /// A configuration file is malformed or holds a value out of range.
    case badConfiguration(file: String, detail: String)
    /// A command-line option has a value out of range or of the wrong type (`option` with its dashes).
    case invalidOption(option: String, detail: String)
    /// The training set has no sentences.
    case emptyTrainingSet(file: String)
    /// A sentence has no tokens (a JSONL record whose text is empty or only spaces).
    case emptySentence(file: String, line: Int)
    /// The dev set has no sentences.
    case emptyDevSet(file: String)
    /// A checkpoint cannot be resumed.
    case badCheckpoint(directory: String, detail: String)
    /// The output or checkpoint directory cannot be written; found before training starts.
    case unwritableOutput(path: String, role: String, reason: String)
    /// Writing the checkpoint failed; what was at its path is left as it was.
    case writeFailed(path: String, reason: String)
    /// The loss or the gradient norm became NaN or infinite.
    case diverged(epoch: Int, batch: Int, quantity: String)

    /// One line: what, where, and what to do.
    public var description: String {
        switch self {
        case let .missingFile(path, role):
            return "\(path): \(role) file not found or unreadable; check the path"
        case let .badConfiguration(file, detail):
            return "\(file): bad configuration: \(detail)"
        case let .invalidOption(option, detail):
            return "\(option): \(detail); see trainer --help"
        case let .emptyTrainingSet(file):
            return "\(file): the training set has no sentences; give a CoNLL or JSONL file with labelled sentences"
        case let .emptySentence(file, line):
            return "\(file):\(line): the record's text has no tokens; remove the record or give it text"
        case let .emptyDevSet(file):
            return "\(file): the dev set has no sentences; give a CoNLL or JSONL file with labelled sentences"
        case let .badCheckpoint(directory, detail):
            return "\(directory): cannot resume: \(detail); start a new run without --resume"
        case let .unwritableOutput(path, role, reason):
            return "\(path): cannot be used as the \(role) directory: \(reason); nothing was trained"
        case let .writeFailed(path, reason):
            return "\(path): cannot write the checkpoint (\(reason)); check free space and permissions"
        case let .diverged(epoch, batch, quantity):
            return "training diverged at epoch \(epoch), batch \(batch): the \(quantity) is not finite; "
                + "nothing was written; lower --learning-rate, or check --intent-weight and the pretrained vectors"
        }
    }
}
