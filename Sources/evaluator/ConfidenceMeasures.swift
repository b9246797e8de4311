import Foundation
import SlotCommandLine
import SlotTagger

/// The confidence measures of `evaluator --model`: what the calibration and
/// out-of-domain reports are computed from.
enum ConfidenceMeasures {
    /// The reliability of the intent and chunk confidences of `results` against `gold`.
    ///
    /// An intent prediction is right when it names the gold intent; a predicted
    /// slot is right when a gold chunk has exactly its tokens and type
    /// (conlleval's notion of a correct chunk).
    ///
    /// - Parameters:
    ///   - gold: the labelled sentences, in the order of `results`.
    ///   - results: the tagger's results for their tokens.
    ///   - hasIntents: whether to measure intents (the model and the data have them).
    /// - Returns: the calibration report.
    static func calibration(gold: [AnnotatedSentence], results: [TaggingResult], hasIntents: Bool) -> CalibrationReport {
        var intentConfidences: [Double] = [], intentsRight: [Bool] = []
        var chunkConfidences: [Double] = [], chunksRight: [Bool] = []
        for (sentence, result) in zip(gold, results) {
            if hasIntents, let goldIntent = sentence.intent, let intent = result.intent {
                intentConfidences.append(Double(intent.confidence))
                intentsRight.append(intent.label == goldIntent)
            }
            let goldChunks = Set(SlotAssembler.chunks(sentence.labels).map { "\($0.type) \($0.tokens)" })
            for slot in result.slots {
                chunkConfidences.append(Double(slot.confidence))
                chunksRight.append(goldChunks.contains("\(slot.label) \(slot.tokenIndices)"))
            }
        }
        return CalibrationReport(
            intents: hasIntents ? Reliability(confidences: intentConfidences, correct: intentsRight) : nil,
            chunks: Reliability(confidences: chunkConfidences, correct: chunksRight))
    }

    /// The probability of each result's best intent (the first of its ranking,
    /// whatever a fallback made of it); results without intents are skipped.
    static func topIntentConfidences(_ results: [TaggingResult]) -> [Double] {
        results.compactMap { $0.intentRanking.first.map { Double($0.confidence) } }
    }

    /// Writes `text` to `path`, replacing the file atomically.
    ///
    /// - Throws: ``CLIError`` with exit status 74 when the file cannot be written.
    static func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError("\(path): cannot write the plot (\(error.localizedDescription)); check the directory exists and is writable", status: .ioError)
        }
    }
}
