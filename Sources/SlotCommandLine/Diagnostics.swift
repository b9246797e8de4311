import SlotTagger

/// The executables' one way to talk on standard error: one-line messages
/// prefixed with the tool's name (`tagger: error: …`), and the sysexits code
/// for every error the library throws.
///
/// Messages are written straight to file descriptor 2 (unbuffered), so they
/// interleave correctly with progress lines and appear even when the process
/// exits right after.
public enum Diagnostics {
    /// The executable's name, used as the prefix of every line.
    public static var tool: String {
        guard let path = CommandLine.arguments.first, let name = path.split(separator: "/").last else {
            return "slot-tagger"
        }
        return String(name)
    }

    /// Writes `tool: error: message` to standard error.
    ///
    /// - Parameter message: one line saying what, where (`file:line`) and what to do.
    public static func error(_ message: String) {
        write("\(tool): error: \(message)\n")
    }

    /// Writes `tool: warning: message` to standard error.
    ///
    /// - Parameter message: one line.
    public static func warning(_ message: String) {
        write("\(tool): warning: \(message)\n")
    }

    /// Writes `tool: message` to standard error.
    ///
    /// - Parameter message: one line.
    public static func note(_ message: String) {
        write("\(tool): \(message)\n")
    }

    /// Writes raw text to standard error, unbuffered; write errors are ignored
    /// (there is nowhere left to report them).
    ///
    /// - Parameter text: the text, with its own line breaks.
    public static func write(_ text: String) {
        let standardError = LineWriter(fileDescriptor: 2, name: "<stderr>")
        try? standardError.write(text)
        try? standardError.flush()
    }

    /// Reports an error as one line and returns the status to exit with.
    ///
    /// Errors of the toolkit (``CLIError``, `CorpusError`, `ModelBundleError`,
    /// `ModelError`, `EvaluationError`) are reported with their own
    /// description; anything else is an internal error (status 70).
    ///
    /// - Parameter error: the error.
    /// - Returns: its sysexits code (see ``exitCode(for:)``).
    public static func report(_ error: any Error) -> Int32 {
        let status = exitCode(for: error)
        if status == 70, !(error is CLIError) {
            self.error("internal error: \(error); please report it")
        } else {
            self.error(String(describing: error))
        }
        return status
    }

    /// The sysexits code for an error: 65 for bad input data or a bad model,
    /// 66 for missing input (a missing file, model directory or model file),
    /// 74 for I/O errors, 70 for anything else.
    ///
    /// - Parameter error: the error.
    /// - Returns: the code.
    public static func exitCode(for error: any Error) -> Int32 {
        if let error = error as? CLIError { return error.exitCode }
        if let error = error as? CorpusError { return error.exitStatus.rawValue }
        if case ModelError.noDefaultModel = error { return 66 }
        if error is ModelError || error is EvaluationError { return 65 }
        if let error = error as? ModelBundleError {
            switch error {
            case .missingDirectory, .notADirectory, .missingFile: return 66
            case .writeFailed, .notABundleDirectory: return 74
            default: return 65
            }
        }
        return 70
    }
}
