import Testing
@testable import SlotEvaluation

/// Scores a table in the notation of the shared conlleval reference cases:
/// `word gold predicted` rows separated by ` / `, `(blank)` for a sentence break.
func scoreTable(_ table: String, rules: ChunkScorer.TagRules = .conlleval) throws -> EvaluationReport {
    var gold: [[String]] = [[]]
    var predicted: [[String]] = [[]]
    for row in table.split(separator: " / ") {
        if row == "(blank)" {
            gold.append([])
            predicted.append([])
            continue
        }
        let columns = row.split(separator: " ").map(String.init)
        precondition(columns.count == 3, "row \(row) needs word, gold and predicted label")
        gold[gold.count - 1].append(columns[1])
        predicted[predicted.count - 1].append(columns[2])
    }
    return try ChunkScorer.score(gold: gold, predicted: predicted, rules: rules)
}

/// The reference results of conlleval.pl (2004-01-26) listed in the shared conlleval-cases.md.
@Suite("conlleval reference cases")
struct ConllevalCaseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var table: String
        var gold: Int
        var found: Int
        var correct: Int
        var precision: String
        var recall: String
        var f1: String
        var accuracy: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "I after O in the prediction starts a chunk", table: "a O O / b O I-LOC / c O I-LOC",
             gold: 0, found: 1, correct: 0, precision: "0.00", recall: "0.00", f1: "0.00", accuracy: "33.33"),
        Case(name: "I-only chunks (IOB1 style)", table: "a O O / b I-LOC I-LOC / c I-LOC I-LOC",
             gold: 1, found: 1, correct: 1, precision: "100.00", recall: "100.00", f1: "100.00", accuracy: "100.00"),
        Case(name: "type switch inside a chunk", table: "a B-LOC B-LOC / b I-LOC I-PER",
             gold: 1, found: 2, correct: 0, precision: "0.00", recall: "0.00", f1: "0.00", accuracy: "50.00"),
        Case(name: "chunk split by B", table: "a B-LOC B-LOC / b I-LOC B-LOC",
             gold: 1, found: 2, correct: 0, precision: "0.00", recall: "0.00", f1: "0.00", accuracy: "50.00"),
        Case(name: "I at the start of a new sentence", table: "a B-LOC B-LOC / (blank) / b I-LOC I-LOC",
             gold: 2, found: 2, correct: 2, precision: "100.00", recall: "100.00", f1: "100.00", accuracy: "100.00"),
        Case(name: "ATIS-style types with dots",
             table: "from O O / boston B-fromloc.city_name B-fromloc.city_name / to O O / "
                 + "new B-toloc.city_name B-toloc.city_name / york I-toloc.city_name I-fromloc.city_name",
             gold: 2, found: 3, correct: 1, precision: "33.33", recall: "50.00", f1: "40.00", accuracy: "80.00"),
        Case(name: "no final blank line", table: "a B-LOC B-LOC / b I-LOC I-LOC",
             gold: 1, found: 1, correct: 1, precision: "100.00", recall: "100.00", f1: "100.00", accuracy: "100.00"),
        Case(name: "all O", table: "a O O",
             gold: 0, found: 0, correct: 0, precision: "0.00", recall: "0.00", f1: "0.00", accuracy: "100.00"),
    ]

    @Test("Counts and scores match conlleval.pl", arguments: cases)
    func reference(_ example: Case) throws {
        let report = try scoreTable(example.table)
        #expect(report.goldChunks == example.gold)
        #expect(report.foundChunks == example.found)
        #expect(report.correctChunks == example.correct)
        #expect(FixedPoint.format(report.precision, fractionDigits: 2) == example.precision)
        #expect(FixedPoint.format(report.recall, fractionDigits: 2) == example.recall)
        #expect(FixedPoint.format(report.f1, fractionDigits: 2) == example.f1)
        #expect(FixedPoint.format(report.tokenAccuracy, fractionDigits: 2) == example.accuracy)
    }

    @Test("The ATIS case prints conlleval's two summary lines")
    func atisSummaryLines() throws {
        let report = try scoreTable(Self.cases[5].table)
        let lines = report.text().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "processed 5 tokens with 2 phrases; found: 3 phrases; correct: 1.")
        #expect(lines[1] == "accuracy:  80.00%; precision:  33.33%; recall:  50.00%; FB1:  40.00")
    }
}
