#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import SlotModel

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
    @Test(arguments: [BundleWriteStep.createTemporaryDirectory, .writeConfig, .writeWeights, .writeModelCard, .moveOldAside, .moveNewIn])
    func failureMidwayKeepsTheOldBundle(step: BundleWriteStep) throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            let oldBytes = try BundleFixtures.readBytes(root + "/toy/model.safetensors")
            let injected = ModelBundleError.writeFailed(path: root + "/toy", reason: "injected failure")
            #expect(throws: injected) {
                try Self.new.write(to: root + "/toy") { current throws(ModelBundleError) in
                    if current == step { throw injected }
                }
            }
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 4)
            #expect(try BundleFixtures.readBytes(root + "/toy/model.safetensors") == oldBytes)
            #expect(try BundleFixtures.listing(root) == ["toy"])
        }
    }

    /// A failure while writing a first bundle leaves nothing at all.
    @Test(arguments: [BundleWriteStep.writeWeights, .moveNewIn])
    func failureOnAFirstWriteLeavesNothing(step: BundleWriteStep) throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            let injected = ModelBundleError.writeFailed(path: root + "/toy", reason: "injected failure")
            #expect(throws: injected) {
                try Self.new.write(to: root + "/toy") { current throws(ModelBundleError) in
                    if current == step { throw injected }
                }
            }
            #expect(try BundleFixtures.listing(root).isEmpty)
        }
    }

    /// Whenever the process could die, the target holds the complete old bundle, the complete new
    /// one, or — only between the two renames — nothing, with the old bundle whole beside it.
    @Test func aCrashAtAnyStepNeverLeavesAHalfWrittenBundle() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            var seen: [BundleWriteStep] = []
            var problems: [String] = []
            try Self.new.write(to: root + "/toy") { step throws(ModelBundleError) in
                seen.append(step)
                do {
                    switch step {
                    case .createTemporaryDirectory, .writeConfig, .writeWeights, .writeModelCard, .moveOldAside:
                        if try Self.load(root + "/toy").configuration.hiddenSize != 4 { problems.append("\(step): target is not the old bundle") }
                    case .moveNewIn:
                        if BundleFileSystem.kind(of: root + "/toy") != .missing { problems.append("\(step): target still present") }
                        let aside = try BundleFixtures.listing(root).filter { $0.hasPrefix(".toy.old-") }
                        if aside.count != 1 { problems.append("\(step): \(aside.count) old bundles aside") }
                        if try Self.load(root + "/" + (aside.first ?? "")).configuration.hiddenSize != 4 { problems.append("\(step): old bundle aside damaged") }
                    case .removeOld:
                        if try Self.load(root + "/toy").configuration.hiddenSize != 8 { problems.append("\(step): target is not the new bundle") }
                    }
                } catch {
                    problems.append("\(step): \(error)")
                }
            }
            #expect(seen == BundleWriteStep.allCases)
            #expect(problems.isEmpty)
            #expect(try BundleFixtures.listing(root) == ["toy"])
        }
    }

    /// When the old bundle cannot be deleted, the write still succeeds: the new bundle is in place.
    @Test func failureToDeleteTheOldBundleStillSucceeds() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try Self.old.write(to: root + "/toy")
            try Self.new.write(to: root + "/toy") { step throws(ModelBundleError) in
                if step == .removeOld { throw .writeFailed(path: root + "/toy", reason: "injected failure") }
            }
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
            let names = try BundleFixtures.listing(root)
            #expect(names.count == 2)
            #expect(names.first?.hasPrefix(".toy.old-") == true)
            #expect(try Self.load(root + "/" + names[0]).configuration.hiddenSize == 4)
        }
    }

    @Test func leftoversOfACrashedWriteDoNotGetInTheWay() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try FileManager.default.createDirectory(atPath: root + "/.toy.tmp-0000000000000000", withIntermediateDirectories: false)
            try Self.new.write(to: root + "/toy")
            #expect(try Self.load(root + "/toy").configuration.hiddenSize == 8)
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
