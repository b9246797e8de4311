import ArgumentParser
import SlotTagger

/// The input every `tagger` subcommand reads: files or standard input, one
/// utterance per line, and what to do with invalid UTF-8.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Files to read, one utterance per line; with none, or '-', standard input is read.", valueName: "file"))
    var files: [String] = []

    @Flag(help: "Replace invalid UTF-8 with U+FFFD and report how many lines were changed, instead of stopping with an error.")
    var lossy = false

    /// What reading the input found besides its lines.
    struct Summary {
        /// How many lines held invalid UTF-8 that was replaced (with `--lossy`).
        var replacedLines = 0
        /// The first such line, as `file:line`.
        var firstReplaced: String?

        /// The note for standard error after a lossy read, or `nil` when nothing was replaced.
        var lossyNote: String? {
            guard replacedLines > 0, let firstReplaced else { return nil }
            let noun = replacedLines == 1 ? "line" : "lines"
            return "replaced invalid UTF-8 with U+FFFD in \(replacedLines) \(noun) (first at \(firstReplaced))"
        }
    }

    /// The files to read, `-` for standard input.
    var paths: [String] { files.isEmpty ? ["-"] : files }

    /// Calls `body` with each input line as text, in order, calling `flush`
    /// whenever the input is about to wait.
    ///
    /// - Parameters:
    ///   - flush: runs before every read, where a streaming tool writes what it has.
    ///   - body: receives each line and its place (`file:line`, `<stdin>:line`).
    /// - Returns: what was replaced with `--lossy`.
    /// - Throws: `InputOutputError` for a missing file, a read error or invalid
    ///   UTF-8 (unless lossy), or whatever `flush` or `body` throws.
    func forEachLine(flush: @escaping () throws -> Void, _ body: (String, _ place: String) throws -> Void) throws -> Summary {
        var summary = Summary()
        for file in paths {
            let reader = try LineReader(contentsOf: file)
            reader.beforeRead = flush
            while let line = try reader.nextLine() {
                if lossy {
                    let (text, replaced) = line.lossyString()
                    if replaced {
                        summary.replacedLines += 1
                        if summary.firstReplaced == nil { summary.firstReplaced = "\(line.file):\(line.number)" }
                    }
                    try body(text, "\(line.file):\(line.number)")
                } else {
                    try body(line.string(), "\(line.file):\(line.number)")
                }
            }
        }
        return summary
    }
}
