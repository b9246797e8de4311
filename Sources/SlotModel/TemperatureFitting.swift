#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotCorpus
import SlotMath
import SlotLayers

/// Fits a model's ``Calibration`` on a labelled corpus (a dev split, never
/// the test split), by one-dimensional minimisation of a log loss over the
/// temperature:
/// ```
/// T_intent = argmin_T  Σ_sentences −log softmax(z / T)[gold intent]
/// T_slot   = argmin_T  Σ_predicted chunks −[c log p_T + (1 − c) log(1 − p_T)]
/// ```
/// where `p_T` is a predicted chunk's confidence under the slot temperature
/// `T` (the probability that exactly that chunk is in the utterance) and
/// `c` is 1 when a gold chunk has exactly its tokens and type. The chunk loss
/// targets what ``Slot/confidence`` promises; predicted labels and intents do
/// not depend on `T`, so they are decoded once. Each loss is minimised by
/// golden-section search over `log T` in `[log 0.05, log 20]`.
package enum TemperatureFitting {
    /// The range of temperatures searched: those a ``Calibration`` may hold.
    static let range = Double(Calibration.temperatureRange.lowerBound)...Double(Calibration.temperatureRange.upperBound)

    /// Fits both temperatures of `tagger`'s model on `sentences`.
    ///
    /// Sentences with a label the model does not know are left out of the slot
    /// fit, those without an intent the model knows out of the intent fit; a
    /// temperature with nothing to fit on stays 1.
    ///
    /// - Parameters:
    ///   - tagger: the model (its own calibration, if any, is ignored).
    ///   - sentences: labelled sentences, with intents for the intent fit.
    /// - Returns: the fitted calibration.
    package static func fit(_ tagger: Tagger, sentences: [AnnotatedSentence]) -> Calibration {
        let featurizer = tagger.configuration.featurizer
        let usable = sentences.filter { !$0.tokens.isEmpty }
        let encoded = usable.map { featurizer.encode(tokens: $0.tokens) }
        let network = tagger.network, table = tagger.characterTable
        let passes = stride(from: 0, to: encoded.count, by: 64).map { start in
            forward(network, Array(encoded[start ..< min(start + 64, encoded.count)]), characterTable: table)
        }
        var intentRows: [(logits: [Float], gold: Int)] = []
        var slotSentences: [SlotSentence] = []
        var offset = 0
        for pass in passes {
            for (index, rows) in pass.sentences.enumerated() {
                let sentence = usable[offset + index]
                if let logits = pass.intentLogits, let gold = sentence.intent.flatMap(featurizer.intentId) {
                    intentRows.append((logits.row(index), gold))
                }
                let goldIds = sentence.labels.compactMap(featurizer.labelId)
                if goldIds.count == sentence.labels.count {
                    slotSentences.append(slotSentence(
                        tagger, emissions: pass.emissions, rows: rows, gold: sentence.labels))
                }
            }
            offset += pass.sentences.count
        }
        let intentTemperature = intentRows.isEmpty ? 1 : minimise { intentLoss(intentRows, temperature: $0) }
        let slotTemperature = slotSentences.allSatisfy(\.chunks.isEmpty)
            ? 1 : minimise { slotLoss(tagger, slotSentences, temperature: $0) }
        return Calibration(intentTemperature: Float(intentTemperature), slotTemperature: Float(slotTemperature))
    }

    /// One forward pass's outputs.
    private struct Pass {
        var emissions: Matrix
        var intentLogits: Matrix?
        var sentences: [Range<Int>]
    }

    /// A sentence's emissions, its predicted labels and chunks, and which chunks are right.
    private struct SlotSentence {
        var emissions: Matrix
        var labelIds: [Int]
        var chunks: [(tokens: Range<Int>, correct: Bool)]
    }

    private static func forward(_ network: TaggingNetwork, _ batch: [EncodedSentence], characterTable: CharacterFeatureTable?) -> Pass {
        var generator = SplitMix64(seed: 0)
        let pass = network.forward(batch, dropout: 0, using: &generator, characterTable: characterTable)
        let sentences = batch.indices.map { pass.layout.offsets[$0] ..< pass.layout.offsets[$0] + batch[$0].count }
        return Pass(
            emissions: pass.emissions, intentLogits: network.intentLogits(pass.features, sentences: sentences, batch: batch),
            sentences: sentences)
    }

    private static func slotSentence(_ tagger: Tagger, emissions: Matrix, rows: Range<Int>, gold: [String]) -> SlotSentence {
        var own = Matrix(rows: rows.count, columns: emissions.columns)
        for (target, source) in rows.enumerated() {
            let values = emissions.row(source)
            own.withUnsafeMutableBufferPointer { buffer in
                for column in values.indices { buffer[target * values.count + column] = values[column] }
            }
        }
        let labelIds: [Int]
        if let decoder = tagger.decoder {
            labelIds = decoder.bestLabels(emissions: own)
        } else {
            labelIds = SoftmaxOutput(labelCount: own.columns, constraints: tagger.constraints).decode(logits: own).labels
        }
        let goldChunks = Set(SlotAssembler.chunks(gold).map { "\($0.type) \($0.tokens)" })
        let chunks = SlotAssembler.chunks(labelIds.map { tagger.labels[$0] }).map {
            (tokens: $0.tokens, correct: goldChunks.contains("\($0.type) \($0.tokens)"))
        }
        return SlotSentence(emissions: own, labelIds: labelIds, chunks: chunks)
    }

    /// `Σ −log softmax(z / T)[gold]`.
    private static func intentLoss(_ rows: [(logits: [Float], gold: Int)], temperature: Double) -> Double {
        var loss = 0.0
        for row in rows {
            let scaled = row.logits.map { Double($0) / temperature }
            let largest = scaled.max() ?? 0
            let normaliser = largest + log(scaled.reduce(0) { $0 + exp($1 - largest) })
            loss += normaliser - scaled[row.gold]
        }
        return loss
    }

    /// The binary log loss of the predicted chunks' confidences at slot temperature `T`.
    private static func slotLoss(_ tagger: Tagger, _ sentences: [SlotSentence], temperature: Double) -> Double {
        let scale = Float(1 / temperature)
        let decoder = tagger.network.crf.map { CRFDecoder($0.scaled(by: scale), constraints: tagger.constraints) }
        let softmax = SoftmaxOutput(labelCount: tagger.labels.count, constraints: tagger.constraints)
        var loss = 0.0
        for sentence in sentences where !sentence.chunks.isEmpty {
            var emissions = sentence.emissions
            emissions.scale(by: scale)
            let posterior = decoder?.posterior(emissions: emissions) ?? softmax.posterior(logits: emissions)
            for chunk in sentence.chunks {
                let p = Double(tagger.chunkConfidence(chunk.tokens, labelIds: sentence.labelIds, posterior: posterior))
                let clipped = min(max(p, 1e-7), 1 - 1e-7)
                loss -= chunk.correct ? log(clipped) : log(1 - clipped)
            }
        }
        return loss
    }

    /// The temperature in ``range`` that minimises `loss`, by golden-section
    /// search over `log T` (40 steps: the bracket shrinks to `10⁻⁸` of its width).
    package static func minimise(_ loss: (Double) -> Double) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var low = log(range.lowerBound), high = log(range.upperBound)
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var lossA = loss(exp(a)), lossB = loss(exp(b))
        for _ in 0..<40 {
            if lossA <= lossB {
                high = b
                b = a
                lossB = lossA
                a = high - ratio * (high - low)
                lossA = loss(exp(a))
            } else {
                low = a
                a = b
                lossA = lossB
                b = low + ratio * (high - low)
                lossB = loss(exp(b))
            }
        }
        return exp((low + high) / 2)
    }
}
