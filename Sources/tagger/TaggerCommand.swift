import ArgumentParser

/// The `tagger` command: tags utterances with a trained model, or shows how
/// the tokenizer splits them.
@main
struct TaggerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagger",
        abstract: "Find the slots and intent of utterances, or show their tokens.",
        discussion: """
            Reads UTF-8 text, one utterance per line, from files or standard input and \
            writes one record per line to standard output. Errors go to standard error \
            as one line naming the file and line; the exit status follows sysexits \
            (64 usage, 65 bad input data, 66 missing input, 70 internal error, 74 I/O error).
            """,
        subcommands: [TagCommand.self, TokenizeCommand.self, ValuesCommand.self]
    )
}
