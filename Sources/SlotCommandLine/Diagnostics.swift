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
    /// Errors of the toolkit are reported with their own description and the
    /// status ``ExitStatus/init(for:)`` gives them; anything else is an
    /// internal error (status 70) reported as such.
    ///
    /// - Parameter error: the error.
    /// - Returns: its sysexits status.
    public static func report(_ error: any Error) -> ExitStatus {
        let status = ExitStatus(for: error)
        if status == .software, !(error is CLIError) {
            self.error("internal error: \(error); please report it")
        } else {
            self.error(String(describing: error))
        }
        return status
    }
}

extension Diagnostics {
    /// Runs an executable's work and reports what it throws: the one way the
    /// executables turn errors into a line and an exit status.
    ///
    /// - Parameters:
    ///   - hint: text appended to the message of an error it returns non-`nil` for
    ///     (e.g. `, or pass --lossy …` after an invalid UTF-8 error).
    ///   - body: the work.
    /// - Returns: ``ExitStatus/success``, or the status of the error reported.
    public static func run(hint: (any Error) -> String? = { _ in nil }, _ body: () throws -> Void) -> ExitStatus {
        do {
            try body()
            return .success
        } catch {
            if let hint = hint(error) {
                let status = ExitStatus(for: error)
                self.error("\(error)\(hint)")
                return status
            }
            return report(error)
        }
    }
}
