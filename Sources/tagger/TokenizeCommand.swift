import ArgumentParser
import SlotCommandLine
import SlotTagger

/// `tagger tokenize`: the tokenizer alone, one record per input line.
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split each input line into tokens with ICU's word or grapheme rules.",
        discussion: """
            Each input line gives one output line, in input order; an empty line gives an \
            empty record. Output appears as soon as a line has been read when the input is \
            a terminal or a pipe that delivers lines one by one, and in large blocks otherwise.

            The text format writes the tokens of a line separated by single spaces (the form of \
            pre-tokenized corpora). The jsonl format writes \
            {"text": ..., "tokens": [{"text": ..., "start": ..., "end": ..., "category": ...}]} \
            with start and end counting Unicode scalars of text, end exclusive, and the ICU \
            category (number, letter, kana, ideographic or other).

            Example:
              $ echo "I'd like to arrive in Beijing on November 2nd." | tagger tokenize
              I'd like to arrive in Beijing on November 2nd .
            """
    )

    @Option(help: "How to split: 'words' for ICU word boundaries or 'graphemes' for one token per user-perceived character.")
    var mode: Tokenizer.Mode = .words

    @Option(help: "The output format: 'text' for tokens separated by spaces or 'jsonl' for one JSON record per line with offsets.")
    var format: TokenizeFormat = .text

    @OptionGroup
    var input: InputOptions

    func run() throws {
        let tokenizer = Tokenizer(mode: mode)
        let output = LineWriter(fileDescriptor: 1, name: "<stdout>")
        try ErrorReporting.run(suggestsLossy: true) {
            defer { try? output.flush() }
            let summary = try input.forEachLine(flush: { try output.flush() }) { text, _ in
                let tokens = tokenizer.tokenize(text)
                switch format {
                case .text:
                    var line = ""
                    for (index, token) in tokens.enumerated() {
                        if index > 0 { line += " " }
                        line += token.text
                    }
                    try output.write(line)
                case .jsonl:
                    try output.write(JSONLWriter.tokenRecord(text: text, tokens: tokens))
                }
                try output.write("\n")
            }
            try output.flush()
            if let note = summary.lossyNote { Diagnostics.note(note) }
        }
    }
}
