import Foundation
import SlotTestSupport
import Testing

/// Builds a client package that depends on the library the way the README
/// says, as a backend would: it must compile and run every Swift snippet of
/// the README and of the DocC catalog against the shipped model, and it must
/// not see the toolkit's internals.
@Suite("A client package sees the product and only the product", .tags(.slow), .skippedWhenFast)
struct ClientPackageTests {
    /// Names that are shared between the package's targets but are not the
    /// product: a client that uses them must not compile.
    static let internalNames = [
        "Matrix", "GEMM", "Workers", "SplitMix64", "LSTM", "GRU", "CRF", "CRFDecoder", "Featurizer",
        "TaggingNetwork", "ModelConfiguration", "Architecture", "JSONEscaping", "JSONLineEncoder", "LineReader",
        "SHA256Hasher", "SafeTensors", "Trainer", "TrainingOptions", "ExitStatus",
    ]

    @Test("The README's manifest builds a client; every documented snippet compiles and runs; internals stay hidden")
    func clientPackage() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("client-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let client = root.appendingPathComponent("MyBot")
        let sources = client.appendingPathComponent("Sources/MyBot")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        // The README tells users to keep the clone in a folder named slot-tagger beside their package.
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("slot-tagger"), withDestinationURL: CLIRunner.repositoryRoot)

        let readme = try Snippets(file: "README.md")
        let manifest = try #require(readme.blocks.first { $0.hasPrefix("// swift-tools-version") })
        try manifest.write(to: client.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)

        let documents = try ["README.md"] + FileManager.default
            .contentsOfDirectory(atPath: CLIRunner.repositoryRoot.appendingPathComponent(Snippets.catalog).path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "\(Snippets.catalog)/\($0)" }
        var program = "import Foundation\nimport SlotTagger\n\n"
        var calls: [String] = []
        for (index, document) in documents.enumerated() {
            let code = try Snippets(file: document).blocks.filter { !$0.hasPrefix("// swift-tools-version") }
            guard !code.isEmpty else { continue }
            let body = code.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("import ") }.map { "    " + $0 }.joined(separator: "\n")
            program += "/// The snippets of \(document), in order.\nfunc snippets\(index)() throws {\n\(body)\n}\n\n"
            calls.append("try snippets\(index)()\nprint(\"ran the snippets of \(document)\")")
        }
        try (program + calls.joined(separator: "\n") + "\n")
            .write(to: sources.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)

        // Internals: one build with a file that names each of them must fail on every name.
        let hidden = sources.appendingPathComponent("Hidden.swift")
        try ("import SlotTagger\n\nfunc internals() {\n"
            + Self.internalNames.map { "    _ = \($0).self" }.joined(separator: "\n") + "\n}\n")
            .write(to: hidden, atomically: true, encoding: .utf8)
        let refused = try Self.swift(["build", "--product", "MyBot"], in: client)
        #expect(refused.status != 0)
        for name in Self.internalNames {
            #expect(refused.stdout.contains("cannot find '\(name)' in scope"), "a client can use \(name)")
        }
        try FileManager.default.removeItem(at: hidden)

        let built = try Self.swift(["build", "--product", "MyBot"], in: client)
        try #require(built.status == 0, "the client does not build:\n\(built.stdout)\(built.stderr)")
        // SwiftPM resolves the whole manifest's dependencies, but the client compiles only the
        // library's modules: no ArgumentParser, no HTTP stack, no command-line or server target.
        let modules = try FileManager.default.contentsOfDirectory(atPath: client.appendingPathComponent(".build/debug/Modules").path)
            .filter { $0.hasSuffix(".swiftmodule") }.map { String($0.dropLast(".swiftmodule".count)) }
        #expect(modules.contains("SlotTagger"))
        let foreign = modules.filter {
            !($0.hasPrefix("Slot") || $0 == "MyBot") || ["SlotCommandLine", "SlotServer"].contains($0)
        }
        #expect(foreign.isEmpty, "the client compiled modules the library does not need: \(foreign)")

        let binary = client.appendingPathComponent(".build/debug/MyBot")
        let ran = try CLIRunner.run(executable: binary, [])
        #expect(ran.status == 0, "the snippets failed: \(ran.stderr)")
        for document in documents where try !Snippets(file: document).blocks.filter({ !$0.hasPrefix("// swift-tools-version") }).isEmpty {
            #expect(ran.stdout.contains("ran the snippets of \(document)"))
        }
    }

    /// Runs `swift ARGUMENTS` in `directory`.
    static func swift(_ arguments: [String], in directory: URL) throws -> CLIRunner.Result {
        // A first build of the whole library: minutes on a busy machine.
        try CLIRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["swift"] + arguments, directory: directory, timeLimit: 1800)
    }
}

/// The fenced ```swift blocks of a Markdown file of the repository.
struct Snippets {
    /// The DocC catalog's folder.
    static let catalog = "Sources/SlotTagger/SlotTagger.docc"

    /// Each block's code, in order.
    let blocks: [String]

    /// Reads the blocks of `file`, a path relative to the repository root.
    init(file: String) throws {
        let text = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        var blocks: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" {
                current = []
            } else if let lines = current, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(lines.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        self.blocks = blocks
    }
}
