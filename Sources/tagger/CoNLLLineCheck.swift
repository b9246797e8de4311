import SlotCommandLine
import SlotTagger

/// Recognises a line of an annotated CoNLL file given to `tagger tag` as raw
/// text, where tagging it as an utterance would give one meaningless record
/// per token.
///
/// A line looks like CoNLL when it is `token<TAB>…<TAB>label` with a token
/// without spaces and a last column that is a tag: `O`, or `B-`, `I-`, `E-`,
/// `S-`, `L-` or `U-` followed by a type without spaces. Utterances do not
/// contain tabs, so nothing a user types is mistaken for it.
enum CoNLLLineCheck {
    /// Whether `line` looks like an annotated CoNLL token line.
    static func looksLikeCoNLL(_ line: String) -> Bool {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard columns.count >= 2, let token = columns.first, let tag = columns.last,
              !token.isEmpty, !token.contains(" ") else { return false }
        if tag == "O" { return true }
        let prefixes = ["B-", "I-", "E-", "S-", "L-", "U-"]
        return prefixes.contains { tag.hasPrefix($0) } && tag.count > 2 && !tag.contains(" ")
    }

    /// The error for a CoNLL line met in text input (exit status 65, bad input data).
    ///
    /// - Parameter place: the line as `file:line`.
    /// - Returns: the error, naming the line and the option that reads such files.
    static func error(at place: String) -> CLIError {
        CLIError(
            "\(place): this looks like an annotated CoNLL file (token<TAB>label lines), "
                + "not one utterance per line; tag it with --input-format conll", status: .dataError)
    }
}
