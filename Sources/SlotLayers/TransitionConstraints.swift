/// Which label sequences a tag scheme allows: the labels that may start a
/// sentence, end it, and follow one another.
///
/// Built from BIO label names, the rules are
/// ```
/// I-X may not start a sentence
/// I-X may follow only B-X or I-X
/// ```
/// and every other label (`O`, `B-X`, or a label without a `B-`/`I-` prefix)
/// may start, end and follow anything. Decoders apply the constraints as
/// `-infinity` scores (see ``CRFDecoder``); training keeps the unconstrained
/// likelihood.
package struct TransitionConstraints: Hashable, Sendable {
    /// The number of labels.
    package let labelCount: Int
    /// `allowedStarts[j]` tells whether label `j` may start a sentence.
    package private(set) var allowedStarts: [Bool]
    /// `allowedEnds[j]` tells whether label `j` may end a sentence.
    package private(set) var allowedEnds: [Bool]
    /// Row-major `labelCount × labelCount`: entry `i * labelCount + j` tells
    /// whether label `j` may follow label `i`.
    package private(set) var allowedTransitions: [Bool]
    /// For each label, the labels that continue a chunk ending with it
    /// (`I-X` for `B-X` and `I-X`; none for other labels).
    private var continuations: [[Int]]

    /// Creates constraints that allow every sequence of `labelCount` labels.
    ///
    /// - Parameter labelCount: the number of labels.
    package init(labelCount: Int) {
        precondition(labelCount > 0, "constraints need at least one label")
        self.labelCount = labelCount
        allowedStarts = Array(repeating: true, count: labelCount)
        allowedEnds = Array(repeating: true, count: labelCount)
        allowedTransitions = Array(repeating: true, count: labelCount * labelCount)
        continuations = Array(repeating: [], count: labelCount)
    }

    /// Creates the BIO constraints for a label set.
    ///
    /// - Parameter labels: the label names, indexed as the model indexes them
    ///   (`O`, `B-X`, `I-X`; other names are unconstrained).
    package init(bioLabels labels: [String]) {
        self.init(labelCount: labels.count)
        let parsed = labels.map(BIOLabel.init)
        for (to, label) in parsed.enumerated() {
            guard case .inside(let type) = label else { continue }
            allowedStarts[to] = false
            for (from, previous) in parsed.enumerated() {
                switch previous {
                case .begin(let previousType), .inside(let previousType):
                    allowedTransitions[from * labelCount + to] = previousType == type
                case .other:
                    allowedTransitions[from * labelCount + to] = false
                }
            }
        }
        for (index, label) in parsed.enumerated() {
            switch label {
            case .begin(let type), .inside(let type):
                continuations[index] = parsed.indices.filter { parsed[$0] == .inside(type) }
            case .other:
                break
            }
        }
    }

    /// Whether label `label` may start a sentence.
    package func canStart(_ label: Int) -> Bool {
        allowedStarts[label]
    }

    /// Whether label `label` may end a sentence.
    package func canEnd(_ label: Int) -> Bool {
        allowedEnds[label]
    }

    /// Whether label `to` may directly follow label `from`.
    package func allows(from: Int, to: Int) -> Bool {
        allowedTransitions[from * labelCount + to]
    }

    /// Whether a whole label sequence obeys the constraints (the empty sequence does).
    ///
    /// - Parameter labels: label indices in `0..<labelCount`.
    /// - Returns: `true` when the first label may start, each label may follow
    ///   its predecessor and the last label may end.
    package func isValid(_ labels: [Int]) -> Bool {
        guard let first = labels.first, let last = labels.last else { return true }
        guard canStart(first), canEnd(last) else { return false }
        for index in labels.indices.dropFirst() where !allows(from: labels[index - 1], to: labels[index]) {
            return false
        }
        return true
    }

    /// The labels that would extend a chunk ending with `label`: `I-X` for
    /// `B-X` or `I-X`, nothing for `O` and unprefixed labels. A span's chunk is
    /// complete when the next token carries none of them (see
    /// ``CRFPosterior/spanProbability(start:labels:excludingNext:)``).
    ///
    /// - Parameter label: a label index.
    /// - Returns: the continuing label indices (at most one for BIO).
    package func continuationLabels(of label: Int) -> [Int] {
        continuations[label]
    }

    /// The additive score mask of the constraints: `0` where allowed and
    /// `-infinity` where forbidden, for starts, ends and transitions.
    var masks: (start: [Float], end: [Float], transitions: [Float]) {
        let mask: (Bool) -> Float = { $0 ? 0 : -.infinity }
        return (allowedStarts.map(mask), allowedEnds.map(mask), allowedTransitions.map(mask))
    }
}

/// A BIO label name split into its prefix and chunk type.
private enum BIOLabel: Hashable {
    case begin(String)
    case inside(String)
    case other

    init(_ name: String) {
        if name.hasPrefix("B-") {
            self = .begin(String(name.dropFirst(2)))
        } else if name.hasPrefix("I-") {
            self = .inside(String(name.dropFirst(2)))
        } else {
            self = .other
        }
    }
}
