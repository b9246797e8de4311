import ArgumentParser

/// The output formats of `tagger tokenize`.
enum TokenizeFormat: String, CaseIterable, ExpressibleByArgument {
    /// Tokens separated by single spaces, one line per input line.
    case text
    /// One `{"text": ..., "tokens": [...]}` record per input line.
    case jsonl
}
