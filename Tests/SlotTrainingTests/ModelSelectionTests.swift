import Testing
import SlotEvaluation
import SlotTraining

@Suite("ModelSelection")
struct ModelSelectionTests {
    /// Two sentences: one of the two gold chunks found (F1 2/3 = 66.67) and one of two intents right (50).
    static func report(intents: Bool) throws -> EvaluationReport {
        try ChunkScorer.score(
            gold: [["B-city", "O"], ["B-date"]], predicted: [["B-city", "O"], ["O"]],
            goldIntents: intents ? ["flight", "fare"] : [], predictedIntents: intents ? ["flight", "flight"] : [])
    }

    @Test("slots selects by slot F1, joint by the mean of slot F1 and intent accuracy")
    func scores() throws {
        let report = try Self.report(intents: true)
        #expect(abs(report.f1 - 200.0 / 3) < 1e-9)
        #expect(report.intentAccuracy == 50)
        #expect(ModelSelection.slots.score(report) == report.f1)
        #expect(abs(ModelSelection.joint.score(report) - (200.0 / 3 + 50) / 2) < 1e-9)
    }

    @Test("without intents joint selection is slot F1")
    func noIntents() throws {
        let report = try Self.report(intents: false)
        #expect(report.intentAccuracy == nil)
        #expect(ModelSelection.joint.score(report) == report.f1)
        #expect(ModelSelection.allCases.map(\.rawValue) == ["slots", "joint"])
    }
}
