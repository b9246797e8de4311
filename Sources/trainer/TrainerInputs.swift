import ArgumentParser
import Foundation
import SlotCommandLine
import SlotTagger

/// The files a training run reads and writes.
struct TrainerInputs: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The training corpus (CoNLL or JSONL spans).", valueName: "file"))
    var train: String

    @Option(name: .long, help: ArgumentHelp("The dev corpus, used to pick the best epoch and to stop early.", valueName: "file"))
    var dev: String

    @Option(name: .long, help: ArgumentHelp("The model directory to write (replaced atomically when training ends).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("A JSON file of training options; command-line options override it.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The corpus format: conll, jsonl, or auto (by extension and content).", valueName: "format"))
    var format: CorpusFormatOption = .auto

    @Option(name: .long, help: ArgumentHelp("Continue an interrupted run from this checkpoint directory.", valueName: "dir"))
    var resume: String?

    @Option(name: .long, help: ArgumentHelp("Where Ctrl-C saves a checkpoint (default: the output directory followed by .checkpoint).", valueName: "dir"))
    var checkpoint: String?

    @Flag(name: .long, help: "Accept dev labels and intents that the training set lacks (the model cannot predict them; they still count in dev scores).")
    var allowUnseenDevLabels = false

    @Flag(name: .long, help: "Print plain progress lines even when standard error is a terminal.")
    var plainProgress = false

    @Option(name: .long, help: ArgumentHelp(
        "A synonym table stored in the model, giving slots a canonical form: JSON ({\"New York\": [\"NYC\", \"new york city\"]} or {\"NYC\": \"New York\"}) or CSV (variant,canonical lines), by extension.",
        valueName: "file"))
    var synonyms: String?

    /// The synonym table of `--synonyms`, or `nil` without one.
    ///
    /// - Throws: `CLIError` for a missing or unreadable file (66) or a malformed table (65).
    func synonymTable() throws -> SynonymTable? {
        guard let path = synonyms else { return nil }
        guard let format = SynonymTable.Format(path: path) else {
            throw CLIError("\(path): a synonym table must be a .json or .csv file", status: .dataError)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FileManager.default.fileExists(atPath: path)
                ? CLIError("\(path): cannot read the synonym table as UTF-8 text", status: .noInput)
                : CLIError.missingInput(path, role: "synonym")
        }
        do {
            return try SynonymTable(parsing: text, format: format)
        } catch {
            throw CLIError("\(path): \(error)", status: .dataError)
        }
    }
}

/// The corpus formats the trainer reads.
enum CorpusFormatOption: String, ExpressibleByArgument, CaseIterable {
    /// Decide by file extension, then by the first byte.
    case auto
    /// CoNLL columns.
    case conll
    /// JSONL spans.
    case jsonl
}

extension CorpusFormatOption {
    /// The format to force, or `nil` to detect it.
    var corpusFormat: CorpusFormat? {
        switch self {
        case .auto: nil
        case .conll: .conll
        case .jsonl: .jsonl
        }
    }
}
