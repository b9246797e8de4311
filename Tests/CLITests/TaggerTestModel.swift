import Foundation

/// A tiny model for the `tagger tag` tests, trained once per test run by the
/// built `trainer` on the first 200 ATIS training sentences (4 epochs, sizes
/// 16/16/8/8): seconds to train, good enough to find cities after "from" and "to".
enum TaggerTestModel {
    /// The model's directory, or why training failed.
    private static let trained: Result<String, any Error> = Result { try train() }

    /// The model's directory.
    static func directory() throws -> String { try trained.get() }

    /// Errors of the fixture itself.
    struct FixtureError: Error, CustomStringConvertible {
        /// What went wrong.
        var description: String
    }

    private static func train() throws -> String {
        let corpus = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("corpora/atis/train.conll"), encoding: .utf8)
        let sentences = corpus.components(separatedBy: "\n\n").prefix(200).joined(separator: "\n\n") + "\n\n"
        let train = try CLIRunner.temporaryFile(Array(sentences.utf8), name: "train.conll")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tagger-model-\(UUID().uuidString)").path
        let result = try CLIRunner.run("trainer", [
            "--train", train, "--dev", train, "--output", output, "--max-epochs", "4", "--learning-rate", "0.02",
            "--hidden-size", "16", "--word-dimension", "16", "--char-dimension", "8", "--char-hidden-size", "8", "--seed", "1",
        ])
        guard result.status == 0 else { throw FixtureError(description: "training the test model failed: \(result.stderr)") }
        return output
    }

    /// Runs an executable given by path (not a built product), for the default-model tests.
    ///
    /// - Parameters:
    ///   - executable: the executable's path.
    ///   - arguments: its arguments.
    ///   - input: its standard input.
    ///   - directory: its working directory.
    ///   - environment: variables to set or (with an empty value) to blank.
    /// - Returns: its output, error output and status.
    static func run(
        executable: String, _ arguments: [String], input: String = "", directory: String, environment: [String: String]
    ) throws -> (stdout: String, stderr: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let standardInput = Pipe(), standardOutput = Pipe(), standardError = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let errorOutput = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), String(decoding: errorOutput, as: UTF8.self), process.terminationStatus)
    }
}
