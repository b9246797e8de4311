import Foundation
import SlotTagger

/// Writes diagnostics to standard error in the executables' one-line form
/// (`tool: message`) and maps errors to sysexits codes.
public enum Diagnostics {
    /// The executable's name, used as the prefix of every line.
    public static var tool: String {
        (CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent }) ?? "slot-tagger"
    }

    /// Writes `tool: error: message` to standard error.
    public static func error(_ message: String) {
        write("\(tool): error: \(message)\n")
    }

    /// Writes `tool: warning: message` to standard error.
    public static func warning(_ message: String) {
        write("\(tool): warning: \(message)\n")
    }

    /// Writes `tool: message` to standard error.
    public static func note(_ message: String) {
        write("\(tool): \(message)\n")
    }

    /// Writes raw text to standard error, unbuffered.
    public static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The sysexits code for an error: 65 for bad input data, 66 for missing
    /// input, 74 for I/O errors, 70 for anything else.
    public static func exitCode(for error: any Error) -> Int32 {
        if let error = error as? CLIError { return error.exitCode }
        if let error = error as? CorpusError { return error.exitStatus.rawValue }
        if error is ModelError || error is EvaluationError { return 65 }
        if let error = error as? ModelBundleError {
            switch error {
            case .missingDirectory: return 66
            case .writeFailed, .notABundleDirectory: return 74
            default: return 65
            }
        }
        return 70
    }
}

/// An error an executable reports with its exit code.
public struct CLIError: Error, CustomStringConvertible {
    /// The one-line message.
    public let description: String
    /// The sysexits code.
    public let exitCode: Int32

    /// Creates an error with a message and an exit code.
    public init(_ description: String, exitCode: Int32) {
        self.description = description
        self.exitCode = exitCode
    }

    /// An input file that does not exist (exit 66).
    public static func missingInput(_ path: String, role: String) -> CLIError {
        CLIError("\(path): \(role) file not found; check the path", exitCode: 66)
    }
}
