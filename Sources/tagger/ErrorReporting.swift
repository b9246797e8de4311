import ArgumentParser
import SlotCommandLine
import SlotTagger

/// Runs a subcommand's work and turns what it throws into one line on
/// standard error and a sysexits status (see `Diagnostics.report(_:)`).
enum ErrorReporting {
    /// Runs `body`, reporting any error it throws.
    ///
    /// - Parameters:
    ///   - suggestsLossy: whether an invalid UTF-8 error mentions `--lossy`.
    ///   - body: the work.
    /// - Throws: `ExitCode` with the error's status.
    static func run(suggestsLossy: Bool, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CorpusError {
            if case .invalidUTF8 = error, suggestsLossy {
                Diagnostics.error("\(error), or pass --lossy to replace invalid bytes with U+FFFD")
                throw ExitCode(Diagnostics.exitCode(for: error))
            }
            throw ExitCode(Diagnostics.report(error))
        } catch {
            throw ExitCode(Diagnostics.report(error))
        }
    }
}
