import ArgumentParser
import SlotTagger

/// One-line messages on standard error and sysexits statuses.
enum Diagnostics {
    /// Writes `tagger: message` and a line break to standard error.
    static func report(_ message: String) {
        let standardError = LineWriter(fileDescriptor: 2, name: "<stderr>")
        try? standardError.write("tagger: \(message)\n")
        try? standardError.flush()
    }

    /// Runs `body`; a thrown `CorpusError` is reported and turned into its
    /// sysexits status, any other error (except argument parsing's own exit
    /// codes) into status 70.
    static func runReportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CorpusError {
            if case .invalidUTF8 = error {
                report("\(error), or pass --lossy to replace invalid bytes with U+FFFD")
            } else {
                report(error.description)
            }
            throw ExitCode(error.exitStatus.rawValue)
        } catch let error as ExitCode {
            throw error
        } catch {
            report("internal error: \(error); please report it")
            throw ExitCode(ExitStatus.software.rawValue)
        }
    }
}
