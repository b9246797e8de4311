import Testing
import SlotCommandLine
import SlotTagger
import SlotTraining

@Suite("ExitStatus(for:): the one map from the toolkit's errors to sysexits codes")
struct ExitStatusTests {
    @Test("the statuses are BSD's sysexits values")
    func rawValues() {
        #expect(SlotCommandLine.ExitStatus.allCases.map(\.rawValue) == [0, 64, 65, 66, 70, 74])
        #expect(SlotCommandLine.ExitStatus.interrupted(by: 2) == 130 && SlotCommandLine.ExitStatus.interrupted(by: 15) == 143)
    }

    @Test("missing input is 66, bad data 65, usage 64, reads and writes 74, anything else 70")
    func mapping() {
        let cases: [(any Error, SlotCommandLine.ExitStatus)] = [
            (CLIError("x", status: .usage), .usage),
            (InputOutputError.cannotOpen(file: "f", reason: "r"), .noInput),
            (InputOutputError.readFailed(file: "f", reason: "r"), .ioError),
            (InputOutputError.writeFailed(file: "f", reason: "r"), .ioError),
            (InputOutputError.invalidUTF8(file: "f", line: 1), .dataError),
            (CorpusError.missingLabel(file: "f", line: 1), .dataError),
            (ModelBundleError.missingDirectory(path: "m"), .noInput),
            (ModelBundleError.unreadableFile(path: "m", reason: "r"), .noInput),
            (ModelBundleError.checksumMismatch(path: "m", expected: "a", actual: "b"), .dataError),
            (ModelBundleError.writeFailed(path: "m", reason: "r"), .ioError),
            (ModelBundleError.notABundleDirectory(path: "m"), .ioError),
            (ModelError.nonFiniteWeights("w"), .dataError),
            (TrainingError.missingFile("f", role: "training"), .noInput),
            (TrainingError.invalidOption(option: "--x", detail: "d"), .usage),
            (TrainingError.badConfiguration(file: "f", detail: "d"), .dataError),
            (TrainingError.unwritableOutput(path: "o", role: "output", reason: "r"), .ioError),
            (TrainingError.diverged(epoch: 1, batch: 2, quantity: "loss"), .dataError),
            (VocabularyError.unreadable(file: "v", reason: "r"), .noInput),
            (VocabularyError.emptyFile(file: "v"), .dataError),
            (EvaluationError.sentenceCountMismatch(what: "w", expected: 1, actual: 2), .dataError),
            (CancellationError(), .software),
        ]
        for (error, status) in cases {
            #expect(SlotCommandLine.ExitStatus(for: error) == status, "\(error)")
        }
    }
}
