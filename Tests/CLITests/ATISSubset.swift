import Foundation

/// A few hundred ATIS training sentences and dev sentences whose labels and
/// intents all occur in them, written to a fresh temporary directory, for
/// quick end-to-end training runs.
struct ATISSubset {
    /// The directory holding `train.conll` and `dev.conll`.
    let directory: String
    /// The training file.
    var train: String { directory + "/train.conll" }
    /// The dev file.
    var dev: String { directory + "/dev.conll" }
    /// The number of dev sentences written.
    let devCount: Int

    /// The sentence blocks of a CoNLL file (text between blank lines).
    static func blocks(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
    }

    /// The intent and labels of a block.
    static func vocabulary(of block: String) -> (intents: Set<String>, labels: Set<String>) {
        var intents = Set<String>(), labels = Set<String>()
        for line in block.split(separator: "\n") {
            if line.hasPrefix("# intent = ") {
                intents.insert(String(line.dropFirst("# intent = ".count)))
            } else if let tab = line.firstIndex(of: "\t") {
                labels.insert(String(line[line.index(after: tab)...]))
            }
        }
        return (intents, labels)
    }

    /// Writes the first `trainCount` training sentences and up to `devCount` compatible dev sentences.
    init(trainCount: Int = 300, devCount: Int = 60) throws {
        let corpora = CLIRunner.repositoryRoot.appendingPathComponent("corpora/atis").path
        let train = Array(try Self.blocks(corpora + "/train.conll").prefix(trainCount))
        var intents = Set<String>(), labels = Set<String>()
        for block in train {
            let seen = Self.vocabulary(of: block)
            intents.formUnion(seen.intents)
            labels.formUnion(seen.labels)
        }
        let dev = try Self.blocks(corpora + "/dev.conll").filter { block in
            let seen = Self.vocabulary(of: block)
            return seen.intents.isSubset(of: intents) && seen.labels.isSubset(of: labels)
        }.prefix(devCount)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("atis-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try (train.joined(separator: "\n\n") + "\n").write(toFile: directory + "/train.conll", atomically: true, encoding: .utf8)
        try (dev.joined(separator: "\n\n") + "\n").write(toFile: directory + "/dev.conll", atomically: true, encoding: .utf8)
        self.devCount = dev.count
    }

    /// Writes `text` to a file in the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Removes the directory.
    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The small network sizes of the end-to-end runs.
    static let smallSizes = ["--hidden-size", "16", "--word-dimension", "16", "--char-dimension", "8", "--char-hidden-size", "8"]
}
