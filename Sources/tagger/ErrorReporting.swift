import ArgumentParser
import SlotCommandLine
import SlotTagger

/// Runs a subcommand's work through `Diagnostics.run`, so what it throws
/// becomes one line on standard error and a sysexits status.
enum ErrorReporting {
    /// Runs `body`, reporting any error it throws.
    ///
    /// - Parameters:
    ///   - suggestsLossy: whether an invalid UTF-8 error mentions `--lossy`.
    ///   - body: the work.
    /// - Throws: `ExitCode` with the error's status.
    static func run(suggestsLossy: Bool, _ body: () throws -> Void) throws {
        var exit: ExitCode?
        let status = Diagnostics.run(hint: { error in
            guard suggestsLossy, case InputOutputError.invalidUTF8 = error else { return nil }
            return ", or pass --lossy to replace invalid bytes with U+FFFD"
        }) {
            do {
                try body()
            } catch let error as ExitCode {
                exit = error
            }
        }
        if let exit { throw exit }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
