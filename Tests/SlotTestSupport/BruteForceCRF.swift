#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlotLayers
import SlotMath

/// The test oracle for the CRF: enumerates every label sequence of a short
/// sentence (`L^T` of them) and computes everything in `Double` from the
/// definitions, without dynamic programming.
///
/// ```
/// score(y) = start[y₀] + Σ_t E[t, y_t] + Σ_{t≥1} A[y_{t−1}, y_t] + end[y_{T−1}]
/// log Z    = log Σ_{allowed y} exp(score(y))
/// ```
/// An optional predicate restricts the distribution to allowed sequences
/// (e.g. valid BIO, see ``isValidBIO(_:names:)``).
package struct BruteForceCRF: Sendable {
    /// A label sequence with its score.
    package struct Sequence: Hashable, Sendable {
        /// One label index per token.
        package var labels: [Int]
        /// The sequence's score.
        package var score: Double
    }

    /// The number of labels.
    package let labelCount: Int
    /// The number of tokens.
    package let length: Int
    /// Every allowed sequence, by decreasing score (ties: lexicographic labels).
    package let sequences: [Sequence]
    /// `log Z` over the allowed sequences.
    package let logPartition: Double
    private let start: [Double]
    private let end: [Double]
    private let transitions: [[Double]]
    private let emissions: [[Double]]

    /// Enumerates the sequences of a sentence.
    ///
    /// - Parameters:
    ///   - crf: the CRF's scores.
    ///   - emissions: the sentence's emissions, `T × L` (`T ≤ 8` keeps this quick).
    ///   - isAllowed: which sequences count; all by default.
    package init(crf: CRF, emissions: Matrix, isAllowed: ([Int]) -> Bool = { _ in true }) {
        let labelCount = crf.labelCount
        precondition(emissions.columns == labelCount, "emissions have \(emissions.columns) columns for \(labelCount) labels")
        self.labelCount = labelCount
        length = emissions.rows
        start = crf.start.scalars.map(Double.init)
        end = crf.end.scalars.map(Double.init)
        transitions = (0..<labelCount).map { crf.transitions.row($0).map(Double.init) }
        self.emissions = (0..<emissions.rows).map { emissions.row($0).map(Double.init) }
        var sequences: [Sequence] = []
        var labels = [Int](repeating: 0, count: emissions.rows)
        while true {
            if isAllowed(labels) {
                sequences.append(Sequence(labels: labels, score: Self.score(
                    labels, start: start, end: end, transitions: transitions, emissions: self.emissions)))
            }
            // Count in base L, last position fastest.
            var position = labels.count - 1
            while position >= 0 && labels[position] == labelCount - 1 {
                labels[position] = 0
                position -= 1
            }
            if position < 0 { break }
            labels[position] += 1
        }
        self.sequences = sequences.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.labels.lexicographicallyPrecedes($1.labels)
        }
        let maximum = self.sequences.first?.score ?? -.infinity
        logPartition = maximum == -.infinity
            ? -.infinity
            : maximum + log(self.sequences.reduce(0) { $0 + exp($1.score - maximum) })
    }

    /// The score of `labels`, from the definition.
    package func score(_ labels: [Int]) -> Double {
        Self.score(labels, start: start, end: end, transitions: transitions, emissions: emissions)
    }

    private static func score(
        _ labels: [Int], start: [Double], end: [Double], transitions: [[Double]], emissions: [[Double]]
    ) -> Double {
        guard let first = labels.first, let last = labels.last else { return 0 }
        var total = start[first] + end[last]
        for (t, label) in labels.enumerated() {
            total += emissions[t][label]
            if t > 0 { total += transitions[labels[t - 1]][label] }
        }
        return total
    }

    /// The highest-scoring allowed sequence.
    package var best: Sequence? { sequences.first }

    /// `p(labels)`: `exp(score − log Z)`, or 0 when `labels` is not allowed.
    package func probability(_ labels: [Int]) -> Double {
        sequences.contains { $0.labels == labels } ? exp(score(labels) - logPartition) : 0
    }

    /// `p(y_t = j)` for every token and label, `T` rows of `L`.
    package var marginals: [[Double]] {
        var result = [[Double]](repeating: [Double](repeating: 0, count: labelCount), count: length)
        for sequence in sequences {
            let probability = exp(sequence.score - logPartition)
            for (t, label) in sequence.labels.enumerated() { result[t][label] += probability }
        }
        return result
    }

    /// The probability that tokens `start ..< start + labels.count` carry
    /// `labels` and the next token (if any) carries none of `excludingNext`.
    package func spanProbability(start: Int, labels: [Int], excludingNext: [Int] = []) -> Double {
        let end = start + labels.count
        return sequences.reduce(0) { sum, sequence in
            guard Array(sequence.labels[start..<end]) == labels else { return sum }
            if end < length && excludingNext.contains(sequence.labels[end]) { return sum }
            return sum + exp(sequence.score - logPartition)
        }
    }

    /// The gradient of `log Z − score(gold)`: expected minus gold counts.
    ///
    /// - Parameter gold: the gold labels.
    /// - Returns: the gradients of start, end, transitions and emissions.
    package func gradient(gold: [Int]) -> (start: [Double], end: [Double], transitions: [[Double]], emissions: [[Double]]) {
        var start = [Double](repeating: 0, count: labelCount)
        var end = start
        var transitions = [[Double]](repeating: start, count: labelCount)
        var emissions = [[Double]](repeating: start, count: length)
        func add(_ labels: [Int], _ weight: Double) {
            start[labels[0]] += weight
            end[labels[length - 1]] += weight
            for (t, label) in labels.enumerated() {
                emissions[t][label] += weight
                if t > 0 { transitions[labels[t - 1]][label] += weight }
            }
        }
        for sequence in sequences { add(sequence.labels, exp(sequence.score - logPartition)) }
        add(gold, -1)
        return (start, end, transitions, emissions)
    }

    /// Whether `labels` is a valid BIO sequence for label `names`: no `I-X`
    /// at the start, and `I-X` only after `B-X` or `I-X`. Written separately
    /// from ``TransitionConstraints`` so that it can check it.
    package static func isValidBIO(_ labels: [Int], names: [String]) -> Bool {
        var previous: String? = nil
        for label in labels {
            let name = names[label]
            if name.hasPrefix("I-") {
                let type = name.dropFirst(2)
                guard let previous, previous == "B-" + type || previous == "I-" + type else { return false }
            }
            previous = name
        }
        return true
    }
}
