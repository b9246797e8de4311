/// How well a confidence score tells utterances of the model's own domain
/// from utterances of another domain, and what a fallback threshold does on
/// each side.
///
/// An utterance falls back when its confidence is below the threshold. With
/// `s_in` the in-domain scores and `s_out` the out-of-domain scores:
/// ```
/// AUROC = P(s_in > s_out) + ½ P(s_in = s_out)        (Mann–Whitney, over every pair)
/// in-domain fallback rate     = 100 × #{s_in  < threshold} / #s_in
/// out-of-domain fallback rate = 100 × #{s_out < threshold} / #s_out
/// balanced accuracy(t)        = ½ (100 − in-domain rate(t) + out-of-domain rate(t))
/// ```
/// ``bestThreshold`` maximises the balanced accuracy over the midpoints
/// between consecutive distinct scores (the lower one on ties); choose a
/// default with it on dev data, never on test data.
public struct OutOfDomainSeparation: Hashable, Sendable, Codable {
    /// The number of in-domain utterances.
    public let inDomainCount: Int
    /// The number of out-of-domain utterances.
    public let outOfDomainCount: Int
    /// The area under the ROC curve, from 0 to 1 (0.5 is chance, 1 perfect separation).
    public let areaUnderROC: Double
    /// The threshold the rates below are measured at.
    public let threshold: Double
    /// The percentage of in-domain utterances that fall back at ``threshold`` (lost answers).
    public let inDomainFallbackRate: Double
    /// The percentage of out-of-domain utterances that fall back at ``threshold`` (caught).
    public let outOfDomainFallbackRate: Double
    /// The threshold with the highest balanced accuracy on these scores.
    public let bestThreshold: Double
    /// That highest balanced accuracy, as a percentage.
    public let bestBalancedAccuracy: Double

    /// Measures the separation of two sets of scores.
    ///
    /// - Parameters:
    ///   - inDomain: the confidences on utterances of the model's domain (at least one).
    ///   - outOfDomain: the confidences on utterances of another domain (at least one).
    ///   - threshold: the fallback threshold to report rates at.
    public init(inDomain: [Double], outOfDomain: [Double], threshold: Double) {
        precondition(!inDomain.isEmpty && !outOfDomain.isEmpty, "both sides need at least one score")
        inDomainCount = inDomain.count
        outOfDomainCount = outOfDomain.count
        areaUnderROC = Self.areaUnderROC(positives: inDomain, negatives: outOfDomain)
        self.threshold = threshold
        inDomainFallbackRate = Self.rate(below: threshold, in: inDomain)
        outOfDomainFallbackRate = Self.rate(below: threshold, in: outOfDomain)
        let scores = Array(Set(inDomain + outOfDomain)).sorted()
        var candidates = [scores[0]]
        for index in scores.indices.dropFirst() { candidates.append((scores[index - 1] + scores[index]) / 2) }
        candidates.append(scores[scores.count - 1].nextUp)
        var best = (threshold: candidates[0], accuracy: -1.0)
        for candidate in candidates {
            let accuracy = (100 - Self.rate(below: candidate, in: inDomain) + Self.rate(below: candidate, in: outOfDomain)) / 2
            if accuracy > best.accuracy { best = (candidate, accuracy) }
        }
        bestThreshold = best.threshold
        bestBalancedAccuracy = best.accuracy
    }

    /// The percentage of `scores` below `threshold`.
    static func rate(below threshold: Double, in scores: [Double]) -> Double {
        100 * Double(scores.count { $0 < threshold }) / Double(scores.count)
    }

    /// `P(positive > negative) + ½ P(positive = negative)` over every pair,
    /// from the ranks of the pooled scores (ties get their mean rank).
    static func areaUnderROC(positives: [Double], negatives: [Double]) -> Double {
        let pooled = (positives.map { ($0, true) } + negatives.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var positiveRankSum = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end < pooled.count && pooled[end].0 == pooled[start].0 { end += 1 }
            let meanRank = Double(start + 1 + end) / 2
            for index in start..<end where pooled[index].1 { positiveRankSum += meanRank }
            start = end
        }
        let p = Double(positives.count), n = Double(negatives.count)
        return (positiveRankSum - p * (p + 1) / 2) / (p * n)
    }
}
