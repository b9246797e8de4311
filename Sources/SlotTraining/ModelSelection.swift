import SlotEvaluation

/// Which dev score picks the best epoch (the model that is saved) and drives
/// early stopping.
package enum ModelSelection: String, Hashable, Sendable, Codable, CaseIterable {
    /// Slot F1 alone.
    case slots
    /// The mean of slot F1 and intent accuracy, so that neither task is
    /// sacrificed to the other; slot F1 alone when the corpus has no intents.
    case joint

    /// The selection score of a dev evaluation (a percentage; higher is better).
    ///
    /// - Parameter report: the dev set's scores.
    /// - Returns: slot F1 for ``slots`` (and when there are no intents), otherwise
    ///   `(F1 + intent accuracy) / 2`.
    package func score(_ report: EvaluationReport) -> Double {
        switch self {
        case .slots: report.f1
        case .joint: report.intentAccuracy.map { (report.f1 + $0) / 2 } ?? report.f1
        }
    }
}
