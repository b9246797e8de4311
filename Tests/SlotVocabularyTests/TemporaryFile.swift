import Foundation

/// A file in a fresh temporary directory, removed when the test is done.
struct TemporaryFile: ~Copyable {
    let directory: URL
    let path: String

    init(named name: String = "vectors.txt", contents: String) throws {
        try self.init(named: name, bytes: Array(contents.utf8))
    }

    init(named name: String = "vectors.txt", bytes: [UInt8]) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("SlotVocabularyTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        path = url.path
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
