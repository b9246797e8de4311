/// Errors raised while scoring predictions against gold labels.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A predicted sentence has a different number of labels than its gold sentence.
    ///
    /// `sentenceIndex` counts from 0 over all sentences given to the scorer.
    case sentenceLengthMismatch(sentenceIndex: Int, goldCount: Int, predictedCount: Int)
    /// The gold and predicted data (or their intent lists) hold different numbers of sentences.
    ///
    /// `what` names the list that disagrees with the gold sentences, e.g. `predicted sentences`.
    case sentenceCountMismatch(what: String, expected: Int, actual: Int)

    /// One line: what went wrong, where, and what to do about it.
    public var description: String {
        switch self {
        case let .sentenceLengthMismatch(index, gold, predicted):
            return "sentence \(index + 1) (index \(index)) has \(gold) gold labels but \(predicted) predicted labels; "
                + "the prediction must give exactly one label per gold token, sentence by sentence in the same order"
        case let .sentenceCountMismatch(what, expected, actual):
            return "\(actual) \(what) for \(expected) gold sentences; "
                + "give one entry per gold sentence, in the same order"
        }
    }
}
