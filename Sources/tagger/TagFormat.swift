import ArgumentParser

/// The output formats of `tagger tag`.
enum TagFormat: String, CaseIterable, ExpressibleByArgument {
    /// One JSON record per input line: text, tokens, slots, intent.
    case jsonl
    /// `token<TAB>label` lines after a `# intent = NAME` line, a blank line after each utterance.
    case conll
    /// The text with slots in brackets and the intent, for people.
    case inline
}

/// The input formats of `tagger tag`.
enum TagInputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Raw text, one utterance per line.
    case text
    /// A CoNLL file: the tokens of each sentence in its first column.
    case conll
}
