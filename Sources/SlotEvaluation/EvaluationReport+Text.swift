extension EvaluationReport {
    /// The report for people, in the form of conlleval.pl's output.
    ///
    /// ```
    /// processed 6 tokens with 2 phrases; found: 3 phrases; correct: 1.
    /// accuracy:  83.33%; precision:  33.33%; recall:  50.00%; FB1:  40.00
    /// in-vocabulary chunks: 1 gold, 2 found, 1 correct; precision:  50.00%; recall: 100.00%; FB1:  66.67
    /// out-of-vocabulary chunks: 1 gold, 1 found, 0 correct; precision:   0.00%; recall:   0.00%; FB1:   0.00
    /// fromloc.city_name: precision:  50.00%; recall: 100.00%; FB1:  66.67  2 found, 1 gold
    ///   toloc.city_name: precision:   0.00%; recall:   0.00%; FB1:   0.00  1 found, 1 gold
    /// intent accuracy:  50.00%; 1 of 2 sentences
    /// chunk errors by type (missed of gold; spurious of found):
    ///   toloc.city_name: missed 1 of 1; spurious 1 of 1
    /// fromloc.city_name: missed 0 of 1; spurious 1 of 2
    /// most frequent token errors (count: gold -> predicted):
    ///       1: I-toloc.city_name -> I-fromloc.city_name
    /// most frequent intent errors (count: gold -> predicted):
    ///       1: atis_airfare -> atis_flight
    /// ```
    /// The first two lines are conlleval's, number for number (the accuracy
    /// line is left out when there are no tokens, as conlleval does). When the
    /// report has a ``vocabularySplit``, its two classes follow. The per
    /// type lines follow conlleval's layout (type right-aligned to 17
    /// characters) but are sorted by gold count, largest first, and name both
    /// the found and gold chunk counts. The intent line appears only when the
    /// data has intents, and each error section only when it has entries.
    /// When measured, the calibration lines (expected calibration error of
    /// the intent and chunk confidences, 10 bins) and the out-of-domain line
    /// (AUROC, fallback rates at the threshold, the best threshold on these
    /// data) close the report.
    ///
    /// - Parameter maximumErrors: The most lines printed in each error section.
    /// - Returns: The text, ending with a newline.
    public func text(maximumErrors: Int = 10) -> String {
        func percent(_ value: Double) -> String { FixedPoint.format(value, fractionDigits: 2, width: 6) }
        func padded(_ text: String, to width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = ["processed \(tokens) tokens with \(goldChunks) phrases; found: \(foundChunks) phrases; correct: \(correctChunks)."]
        if tokens > 0 {
            lines.append("accuracy: \(percent(tokenAccuracy))%; precision: \(percent(precision))%; "
                + "recall: \(percent(recall))%; FB1: \(percent(f1))")
        }
        if let vocabularySplit {
            for score in [vocabularySplit.inVocabulary, vocabularySplit.outOfVocabulary] {
                lines.append("\(score.label) chunks: \(score.support) gold, \(score.found) found, \(score.correct) correct; "
                    + "precision: \(percent(score.precision))%; recall: \(percent(score.recall))%; FB1: \(percent(score.f1))")
            }
        }
        for score in labels {
            lines.append("\(padded(score.label, to: 17)): precision: \(percent(score.precision))%; "
                + "recall: \(percent(score.recall))%; FB1: \(percent(score.f1))  \(score.found) found, \(score.support) gold")
        }
        if let intentAccuracy {
            lines.append("intent accuracy: \(percent(intentAccuracy))%; \(correctIntents) of \(intentSentences) sentences")
        }
        let chunkErrors = labels.filter { $0.missed + $0.spurious > 0 }.sorted { lhs, rhs in
            let (left, right) = (lhs.missed + lhs.spurious, rhs.missed + rhs.spurious)
            return left != right ? left > right : lhs.label < rhs.label
        }
        if !chunkErrors.isEmpty {
            lines.append("chunk errors by type (missed of gold; spurious of found):")
            for score in chunkErrors.prefix(maximumErrors) {
                lines.append("\(padded(score.label, to: 17)): missed \(score.missed) of \(score.support); "
                    + "spurious \(score.spurious) of \(score.found)")
            }
        }
        for (title, cells) in [("token", confusions), ("intent", intentConfusions)] where !cells.isEmpty {
            lines.append("most frequent \(title) errors (count: gold -> predicted):")
            for cell in cells.prefix(maximumErrors) {
                lines.append("\(padded(String(cell.count), to: 7)): \(cell.gold) -> \(cell.predicted)")
            }
        }
        if let calibration {
            if let intents = calibration.intents { lines.append(Self.reliabilityLine("intent", intents, of: "sentences")) }
            lines.append(Self.reliabilityLine("chunk", calibration.chunks, of: "predicted chunks"))
        }
        if let outOfDomain {
            lines.append("out of domain: AUROC \(FixedPoint.format(outOfDomain.areaUnderROC, fractionDigits: 4)) "
                + "(\(outOfDomain.inDomainCount) in domain, \(outOfDomain.outOfDomainCount) out); fallback below "
                + "\(FixedPoint.format(outOfDomain.threshold, fractionDigits: 2)): "
                + "\(percent(outOfDomain.inDomainFallbackRate))% in domain, "
                + "\(percent(outOfDomain.outOfDomainFallbackRate))% out of domain; best threshold on these data "
                + "\(FixedPoint.format(outOfDomain.bestThreshold, fractionDigits: 4)) "
                + "(balanced accuracy \(percent(outOfDomain.bestBalancedAccuracy))%)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `intent confidence: ECE   1.23% over 893 sentences; mean confidence  97.10%, accuracy  96.42%`.
    private static func reliabilityLine(_ name: String, _ reliability: Reliability, of unit: String) -> String {
        func percent(_ value: Double) -> String { FixedPoint.format(value, fractionDigits: 2, width: 6) }
        return "\(name) confidence: ECE \(percent(reliability.expectedCalibrationError))% over \(reliability.count) "
            + "\(unit); mean confidence \(percent(100 * reliability.meanConfidence))%, "
            + "accuracy \(percent(100 * reliability.accuracy))%"
    }
}
