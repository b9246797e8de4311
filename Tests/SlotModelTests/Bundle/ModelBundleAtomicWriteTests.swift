#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import SlotModel
import SlotIO

@Suite("Model bundle atomic replacement")
struct ModelBundleAtomicWriteTests {
    static let old = BundleFixtures.sampleBundle(hiddenSize: 4)
    static let new = BundleFixtures.sampleBundle(hiddenSize: 8)

    private static func load(_ path: String) throws -> ModelBundle<ToyConfiguration> {
        try ModelBundle<ToyConfiguration>(contentsOf: path)
    }

    @Test func writingOverAGoodBundleLeavesTheNewOne() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            try Self.new.write(to: root + "/toy")
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
            #expect(try Self.load(root + "/toy").modelCard == Self.new.modelCard)
            #expect(try BundleFixtures.listing(root) == ["toy"])
        }
    }

    /// A failure at any step before the new bundle is in place leaves the old one as it was,
    /// and no temporary directory behind.
    @Test(arguments: [
        DirectoryWriteStep.createTemporaryDirectory, .writeFile("config.json"), .writeFile("model.safetensors"),
        .writeFile("README.md"), .moveNewIn,
    ])
    func failureMidwayKeepsTheOldBundle(step: DirectoryWriteStep) throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            let oldBytes = try BundleFixtures.readBytes(root + "/toy/model.safetensors")
            let injected = DirectoryWriteError.failed(path: root + "/toy", reason: "injected failure")
            #expect(throws: ModelBundleError(injected)) {
                try Self.new.write(to: root + "/toy") { current throws(DirectoryWriteError) in
                    if current == step { throw injected }
                }
            }
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 4)
            #expect(try BundleFixtures.readBytes(root + "/toy/model.safetensors") == oldBytes)
            #expect(try BundleFixtures.listing(root) == ["toy"])
        }
    }

    /// A failure while writing a first bundle leaves nothing at all.
    @Test(arguments: [DirectoryWriteStep.writeFile("model.safetensors"), .moveNewIn])
    func failureOnAFirstWriteLeavesNothing(step: DirectoryWriteStep) throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            let injected = DirectoryWriteError.failed(path: root + "/toy", reason: "injected failure")
            #expect(throws: ModelBundleError(injected)) {
                try Self.new.write(to: root + "/toy") { current throws(DirectoryWriteError) in
                    if current == step { throw injected }
                }
            }
            #expect(try BundleFixtures.listing(root).isEmpty)
        }
    }

    /// Whenever the process could die, the target holds the complete old bundle or the complete
    /// new one: the two are exchanged in one step, so there is no moment without a bundle.
    @Test func aCrashAtAnyStepNeverLeavesAHalfWrittenBundle() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            var seen: [DirectoryWriteStep] = []
            var problems: [String] = []
            try Self.new.write(to: root + "/toy") { step throws(DirectoryWriteError) in
                seen.append(step)
                do {
                    switch step {
                    case .createTemporaryDirectory, .writeFile, .moveNewIn:
                        if try Self.load(root + "/toy").configuration.hiddenSize != 4 { problems.append("\(step): target is not the old bundle") }
                    case .removeOld:
                        if try Self.load(root + "/toy").configuration.hiddenSize != 8 { problems.append("\(step): target is not the new bundle") }
                        let aside = try BundleFixtures.listing(root).filter { $0.hasPrefix(".toy.tmp-") }
                        if aside.count != 1 { problems.append("\(step): \(aside.count) old bundles aside") }
                    }
                } catch {
                    problems.append("\(step): \(error)")
                }
            }
            #expect(seen == [.createTemporaryDirectory, .writeFile("config.json"), .writeFile("model.safetensors"),
                             .writeFile("README.md"), .moveNewIn, .removeOld])
            #expect(problems.isEmpty)
            #expect(try BundleFixtures.listing(root) == ["toy"])
        }
    }

    /// Files the writer does not know (a user's notes, test scores) are kept in the new bundle, unchanged.
    @Test func otherFilesOfTheOldBundleAreKept() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            try BundleFixtures.writeBytes(Array("precious".utf8), to: root + "/toy/notes.txt")
            try Self.new.write(to: root + "/toy")
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
            #expect(try BundleFixtures.readBytes(root + "/toy/notes.txt") == Array("precious".utf8))
        }
    }

    /// A bundle holding a subdirectory is not replaced: the subdirectory could not be kept.
    @Test func bundleWithASubdirectoryIsLeftAlone() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            try FileManager.default.createDirectory(atPath: root + "/toy/runs", withIntermediateDirectories: false)
            #expect(throws: ModelBundleError.foreignEntry(path: root + "/toy", name: "runs")) { try Self.new.write(to: root + "/toy") }
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 4)
        }
    }

    /// When the old bundle cannot be deleted, the write still succeeds: the new bundle is in place.
    @Test func failureToDeleteTheOldBundleStillSucceeds() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            try Self.new.write(to: root + "/toy") { step throws(DirectoryWriteError) in
                if step == .removeOld { throw .failed(path: root + "/toy", reason: "injected failure") }
            }
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
            let names = try BundleFixtures.listing(root)
            #expect(names.count == 2)
            #expect(names.first?.hasPrefix(".toy.tmp-") == true)
            #expect(try Self.load(root + "/" + names[0]).configuration.hiddenSize == 4)
        }
    }

    /// Temporary directories of runs that died are cleaned; those of running processes are not.
    @Test func leftoversOfACrashedWriteAreCleaned() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            // Process ids above the kernel's maximum (4194304 at most on Linux) never run.
            try FileManager.default.createDirectory(atPath: root + "/.toy.tmp-99999999-0000000000000000", withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: root + "/.toy.old-99999999-0000000000000001", withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: root + "/.toy.tmp-1-0000000000000002", withIntermediateDirectories: false)
            try Self.new.write(to: root + "/toy")
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
            #expect(try BundleFixtures.listing(root) == [".toy.tmp-1-0000000000000002", "toy"])
        }
    }

    @Test func missingParentDirectory() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            let error = #expect(throws: ModelBundleError.self) { try Self.new.write(to: root + "/absent/toy") }
            #expect(error == .writeFailed(path: root + "/absent/toy", reason: "the parent directory \(root)/absent does not exist"))
            #expect(error?.description == "\(root)/absent/toy: cannot write the model bundle (the parent directory \(root)/absent does not exist); check that the parent directory exists, is writable and has free space.")
        }
    }

    @Test func parentThatIsAFile() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try BundleFixtures.writeBytes([1, 2, 3], to: root + "/file")
            #expect(throws: ModelBundleError.writeFailed(path: root + "/file/toy", reason: "the parent directory \(root)/file does not exist")) {
                try Self.new.write(to: root + "/file/toy")
            }
        }
    }

    @Test func pathWithoutAName() {
        #expect(throws: ModelBundleError.writeFailed(path: "models/..", reason: "the path does not name a directory that can be created")) {
            try Self.new.write(to: "models/..")
        }
    }

    /// A directory of other files is never replaced (and so never deleted).
    @Test func directoryThatIsNotABundleIsLeftAlone() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try FileManager.default.createDirectory(atPath: root + "/documents", withIntermediateDirectories: false)
            try BundleFixtures.writeBytes(Array("precious".utf8), to: root + "/documents/notes.txt")
            try BundleFixtures.writeBytes(Array(#"{"name": "not a bundle"}"#.utf8), to: root + "/documents/config.json")
            let error = #expect(throws: ModelBundleError.self) { try Self.new.write(to: root + "/documents") }
            #expect(error == .notABundleDirectory(path: root + "/documents"))
            #expect(error?.description == "\(root)/documents: exists and is not a model bundle, so it is not replaced; choose another output directory or remove it.")
            #expect(try BundleFixtures.listing(root + "/documents") == ["config.json", "notes.txt"])
            #expect(try BundleFixtures.readBytes(root + "/documents/notes.txt") == Array("precious".utf8))
            #expect(try BundleFixtures.listing(root) == ["documents"])
        }
    }

    @Test func regularFileAtTheTargetIsLeftAlone() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try BundleFixtures.writeBytes([42], to: root + "/toy")
            #expect(throws: ModelBundleError.notABundleDirectory(path: root + "/toy")) { try Self.new.write(to: root + "/toy") }
            #expect(try BundleFixtures.readBytes(root + "/toy") == [42])
        }
    }

    @Test func emptyDirectoryAtTheTargetIsReplaced() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try FileManager.default.createDirectory(atPath: root + "/toy", withIntermediateDirectories: false)
            try Self.new.write(to: root + "/toy")
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
        }
    }

    /// A bundle damaged beyond loading is still recognised as a bundle, so it can be overwritten.
    @Test func damagedBundleIsReplaced() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            try FileManager.default.removeItem(atPath: root + "/toy/model.safetensors")
            try Self.new.write(to: root + "/toy")
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
        }
    }
}
