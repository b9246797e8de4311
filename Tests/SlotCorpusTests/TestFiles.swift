import Foundation
import SlotCorpus
import SlotIO

/// Files of the repository and scratch files for tests.
enum TestFiles {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.conll` file under `corpora/`, sorted.
    static func corpusFiles() -> [String] {
        let corpora = root.appendingPathComponent("corpora")
        guard let walker = FileManager.default.enumerator(atPath: corpora.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".conll") }.sorted()
            .map { corpora.appendingPathComponent($0).path }
    }

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func temporary(_ bytes: [UInt8], name: String = "input.conll") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slotcorpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Reads CoNLL text given as a string.
    static func conll(_ text: String, scheme: TagScheme? = nil, name: String = "t.conll") throws -> Corpus {
        try CoNLLReader(scheme: scheme).read(from: LineReader(bytes: Array(text.utf8), name: name))
    }

    /// The description of the error `body` throws, or `nil` when it throws none.
    static func errorDescription(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
