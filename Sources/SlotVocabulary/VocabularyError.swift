/// Errors from building vocabularies and reading pretrained vectors.
public enum VocabularyError: Error, CustomStringConvertible, Equatable {
    /// A vocabulary lists an entry twice (or lists a special entry).
    case duplicateEntry(String)
    /// A vectors file cannot be opened.
    case cannotOpen(file: String)
    /// A vectors file line is malformed.
    case malformedVector(file: String, line: Int, detail: String)
    /// A vectors file has no vectors.
    case emptyVectors(file: String)
    /// The vectors' size differs from the model's word dimension.
    case dimensionMismatch(file: String, expected: Int, actual: Int)

    /// One line: what, where, and what to do.
    public var description: String {
        switch self {
        case let .duplicateEntry(entry):
            return "vocabulary lists '\(entry)' twice; the model configuration is damaged: re-train the model"
        case let .cannotOpen(file):
            return "\(file): cannot open the vectors file; check the path"
        case let .malformedVector(file, line, detail):
            return "\(file):\(line): \(detail); expected 'word v1 v2 …' (GloVe) or a word2vec text file"
        case let .emptyVectors(file):
            return "\(file): no vectors found; give a word2vec or GloVe text file"
        case let .dimensionMismatch(file, expected, actual):
            return "\(file): vectors have \(actual) dimensions but the model uses \(expected); pass --word-dimension \(actual)"
        }
    }
}
