import Foundation
import Testing

@Suite("tagger tag: finding the default model")
struct TaggerDefaultModelTests {
    /// A fresh directory holding a copy of the built `tagger` at `relativePath`,
    /// and the test model at each of `models` (relative paths).
    private static func layout(tagger relativePath: String, models: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tagger-layout-\(UUID().uuidString)")
        let executable = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: executable.deletingLastPathComponent(), withIntermediateDirectories: true)
        let built = try CLIRunner.productsDirectory(containing: "tagger").appendingPathComponent("tagger")
        try FileManager.default.copyItem(at: built, to: executable)
        for model in models {
            let destination = root.appendingPathComponent(model)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: try TaggerTestModel.directory()), to: destination)
        }
        return root
    }

    private static let elsewhere = FileManager.default.temporaryDirectory.path

    @Test("A checkout's build finds <checkout>/models/atis-en; an installed copy finds share/slot-tagger/models")
    func lookup() throws {
        for (executable, model) in [
            (".build/x86_64-unknown-linux-gnu/release/tagger", "models/atis-en"),
            ("prefix/bin/tagger", "prefix/share/slot-tagger/models/atis-en"),
        ] {
            let root = try Self.layout(tagger: executable, models: [model])
            defer { try? FileManager.default.removeItem(at: root) }
            let result = try TaggerTestModel.run(
                executable: root.appendingPathComponent(executable).path, ["tag", "--format", "conll"],
                input: "to boston\n", directory: Self.elsewhere, environment: ["SLOT_TAGGER_MODEL": ""])
            #expect(result.status == 0, "\(executable): \(result.stderr)")
            #expect(result.stdout.contains("to\t"))
        }
    }

    @Test("SLOT_TAGGER_MODEL wins over a model beside the executable")
    func environmentFirst() throws {
        let root = try Self.layout(tagger: "bin/tagger", models: ["share/slot-tagger/models/atis-en"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try TaggerTestModel.run(
            executable: root.appendingPathComponent("bin/tagger").path, ["tag"], input: "hi\n",
            directory: Self.elsewhere, environment: ["SLOT_TAGGER_MODEL": "/nonexistent/env-model"])
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("tagger: error: /nonexistent/env-model"))
    }

    @Test("No model anywhere: one line saying where it looked and how to get one, status 66")
    func missing() throws {
        let root = try Self.layout(tagger: "bin/tagger", models: [])
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent("bin").resolvingSymlinksInPath().path
        let result = try TaggerTestModel.run(
            executable: bin + "/tagger", ["tag"], input: "hi\n", directory: Self.elsewhere, environment: ["SLOT_TAGGER_MODEL": ""])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "tagger: error: no model given and no default model found (tried $SLOT_TAGGER_MODEL, "
            + "models/atis-en in and above \(bin), \(bin)/../share/slot-tagger/models/atis-en, ./models/atis-en); "
            + "pass a model directory (tagger's --model DIR), set SLOT_TAGGER_MODEL=DIR, or run from a slot-tagger checkout (it ships models/atis-en) "
            + "or its `make install`\n")
    }
}
