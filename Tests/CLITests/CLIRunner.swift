import Foundation

/// Runs the package's built executables (`tagger`, `trainer`, `evaluator`)
/// as separate processes, for end-to-end tests.
///
/// `swift test` builds every product next to the test bundle, so the
/// products directory is found by walking up from the test executable
/// (`.build/debug/slot-taggerPackageTests.xctest` on Linux, the same inside a
/// bundle on macOS) to the first directory that holds the product.
struct CLIRunner {
    /// What a run produced.
    struct Result {
        /// Standard output, as bytes.
        var output: Data
        /// Standard error, as bytes.
        var errorOutput: Data
        /// The exit status, or the terminating signal's number when `signalled`.
        var status: Int32
        /// Whether the process ended by a signal.
        var signalled: Bool
        /// Whether the process was killed for running past its time limit.
        var timedOut = false

        /// Standard output as text (invalid UTF-8 replaced).
        var stdout: String { String(decoding: output, as: UTF8.self) }
        /// Standard error as text (invalid UTF-8 replaced).
        var stderr: String { String(decoding: errorOutput, as: UTF8.self) }
    }

    /// Errors of the runner itself (not of the program it runs).
    enum RunnerError: Error, CustomStringConvertible {
        /// The product was not found in any directory above the test executable.
        case productNotFound(String, searchedFrom: String)

        var description: String {
            switch self {
            case let .productNotFound(product, start):
                "built product '\(product)' not found above \(start); run the tests with `swift test`, which builds it"
            }
        }
    }

    /// The directory holding `product`, found above the test executable.
    static func productsDirectory(containing product: String) throws -> URL {
        let start = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var directory = start
        while directory.path != "/" {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent(product).path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        throw RunnerError.productNotFound(product, searchedFrom: start.path)
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs a built product and waits for it.
    ///
    /// Standard input, output and error go through temporary files, so large
    /// inputs and outputs cannot dead-lock on full pipes.
    ///
    /// - Parameters:
    ///   - product: The executable's name, such as `tagger`.
    ///   - arguments: Its arguments.
    ///   - input: The bytes on its standard input (empty by default).
    ///   - directory: Its working directory (the repository root by default).
    ///   - environment: Extra environment variables.
    ///   - outputPath: A file to use as standard output instead of a temporary one (e.g. `/dev/full`).
    ///   - timeLimit: Seconds after which the process is killed and the result marked ``Result/timedOut``.
    /// - Returns: Its output, error output and exit status.
    static func run(
        _ product: String,
        _ arguments: [String],
        input: [UInt8] = [],
        directory: URL = repositoryRoot,
        environment: [String: String] = [:],
        outputPath: String? = nil,
        timeLimit: Double = 300
    ) throws -> Result {
        try run(
            executable: productsDirectory(containing: product).appendingPathComponent(product), arguments,
            input: input, directory: directory, environment: environment, outputPath: outputPath, timeLimit: timeLimit)
    }

    /// Runs any executable and waits for it, as ``run(_:_:input:directory:environment:outputPath:timeLimit:)``
    /// runs a product.
    static func run(
        executable: URL,
        _ arguments: [String],
        input: [UInt8] = [],
        directory: URL = repositoryRoot,
        environment: [String: String] = [:],
        outputPath: String? = nil,
        timeLimit: Double = 300
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputURL = scratch.appendingPathComponent("stdin")
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        try Data(input).write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let standardInput = try FileHandle(forReadingFrom: inputURL)
        let standardOutput = try FileHandle(forWritingTo: outputPath.map { URL(fileURLWithPath: $0) } ?? outputURL)
        let standardError = try FileHandle(forWritingTo: errorURL)
        defer {
            try? standardInput.close()
            try? standardOutput.close()
            try? standardError.close()
        }
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        let deadline = Date().addingTimeInterval(timeLimit)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        return Result(
            output: outputPath == nil ? try Data(contentsOf: outputURL) : Data(),
            errorOutput: try Data(contentsOf: errorURL),
            status: process.terminationStatus,
            signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut
        )
    }

    /// Writes `bytes` to a new temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], name: String = "input.txt") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
