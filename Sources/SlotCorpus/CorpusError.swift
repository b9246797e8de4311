/// What is wrong with a corpus: a line that breaks the CoNLL or JSONL format,
/// or a sentence that cannot be written.
///
/// Each description is one line: where (`file:line` when a line is to blame),
/// what is wrong, and what to do about it. A file that cannot be opened, read
/// or written, and a line that is not UTF-8, are not corpus errors: the readers
/// and writers pass on the line reader's or writer's `InputOutputError`.
public enum CorpusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A CoNLL token line has a token but no label column.
    case missingLabel(file: String, line: Int)
    /// A CoNLL token line has an empty token column.
    case emptyToken(file: String, line: Int)
    /// A label has a one-letter prefix that the tag scheme does not know, such as `X-foo`.
    case unknownTagPrefix(file: String, line: Int, label: String, scheme: TagScheme?)
    /// A label is a prefix with no type, such as `B-`.
    case emptyLabelType(file: String, line: Int, label: String)
    /// A label's type holds white space, such as `B-to city` in a TAB-separated
    /// column, which JSONL spans and the tagger's output could not carry.
    case labelTypeWithSpaces(file: String, line: Int, label: String)
    /// A `# intent = ` line gives no intent name.
    case emptyIntent(file: String, line: Int)
    /// A `# intent = ` line appears inside a sentence, or a second time before one.
    case misplacedIntent(file: String, line: Int)
    /// A `# intent = ` line is followed by a blank line or the end of the file instead of tokens.
    case intentWithoutTokens(file: String, line: Int)
    /// A JSONL line is not a valid record.
    case invalidJSON(file: String, line: Int, reason: String)
    /// A JSONL span lies outside its text or is empty.
    case spanOutOfRange(file: String, line: Int, start: Int, end: Int, length: Int)
    /// A JSONL span starts or ends inside a token.
    case spanNotOnTokenBoundary(file: String, line: Int, start: Int, end: Int, label: String)
    /// Two JSONL spans overlap.
    case overlappingSpans(file: String, line: Int, first: Range<Int>, second: Range<Int>)
    /// A sentence cannot be written: a token or label is empty or holds a TAB or line break,
    /// or a label is not BIO where spans are needed.
    case unwritable(line: Int, reason: String)

    /// The line's `file:line` prefix, or the file alone.
    private static func place(_ file: String, _ line: Int) -> String {
        line > 0 ? "\(file):\(line)" : file
    }

    /// One line: where, what, and what to do.
    public var description: String {
        switch self {
        case let .missingLabel(file, line):
            "\(Self.place(file, line)): token without a label; write `token<TAB>label`"
        case let .emptyToken(file, line):
            "\(Self.place(file, line)): empty token before the label; remove the leading TAB or space"
        case let .unknownTagPrefix(file, line, label, scheme):
            "\(Self.place(file, line)): label \"\(label)\" has an unknown prefix for "
                + "\(scheme.map { $0.rawValue.uppercased() } ?? "BIO, IOB1 or BIOES") tags; "
                + "use \(scheme == .bio || scheme == .iob1 ? "B- or I-" : "B-, I-, E- or S-") prefixes or O"
        case let .emptyLabelType(file, line, label):
            "\(Self.place(file, line)): label \"\(label)\" has no type after its prefix; write e.g. B-city"
        case let .labelTypeWithSpaces(file, line, label):
            "\(Self.place(file, line)): label \"\(label)\" holds white space in its type; join the words, e.g. B-to_city"
        case let .emptyIntent(file, line):
            "\(Self.place(file, line)): intent line without a name; write `# intent = NAME`"
        case let .misplacedIntent(file, line):
            "\(Self.place(file, line)): intent line inside a sentence or repeated; put one `# intent = NAME` line directly before each sentence"
        case let .intentWithoutTokens(file, line):
            "\(Self.place(file, line)): intent line not followed by tokens; remove it or add the sentence's tokens below it"
        case let .invalidJSON(file, line, reason):
            "\(Self.place(file, line)): invalid JSONL record: \(reason); "
                + "write {\"text\": ..., \"intent\": ..., \"slots\": [{\"start\": ..., \"end\": ..., \"label\": ...}]}"
        case let .spanOutOfRange(file, line, start, end, length):
            "\(Self.place(file, line)): span \(start)..<\(end) is empty or outside the text of \(length) scalars; "
                + "offsets count Unicode scalars, end exclusive"
        case let .spanNotOnTokenBoundary(file, line, start, end, label):
            "\(Self.place(file, line)): span \(start)..<\(end) (\(label)) does not start and end on token boundaries; "
                + "fix the offsets (Unicode scalars, end exclusive) or the tokenizer mode "
                + "(for text without spaces, trainer --tokenizer graphemes makes every character a token)"
        case let .overlappingSpans(file, line, first, second):
            "\(Self.place(file, line)): spans \(first.lowerBound)..<\(first.upperBound) and \(second.lowerBound)..<\(second.upperBound) overlap; "
                + "keep one label per token"
        case let .unwritable(line, reason):
            "cannot write the sentence \(line > 0 ? "from line \(line)" : "without a source line"): \(reason)"
        }
    }
}
