import SlotMath

extension CRFScores {
    /// The highest-scoring label sequence over `length` rows of `emissions`
    /// (Viterbi), ties going to the lower label index.
    ///
    /// ```
    /// delta_0(j) = start[j] + E[0, j]
    /// delta_t(j) = E[t, j] + max_i (delta_{t−1}(i) + A[i, j])
    /// best       = argmax_j (delta_{T−1}(j) + end[j]), then follow the back pointers
    /// ```
    /// When no sequence has a finite score every label is 0.
    func viterbi(_ emissions: UnsafePointer<Float>, length: Int) -> [Int] {
        guard length > 0 else { return [] }
        let count = labelCount
        var labels = [Int](repeating: 0, count: length)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: length * count) { backPointers in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * count) { buffer in
                var delta = buffer.baseAddress!, next = buffer.baseAddress! + count
                incomingTransitions.withUnsafeBufferPointer { incoming in
                incomingRuns.withUnsafeBufferPointer { runs in
                transitions.withUnsafeBufferPointer { outgoing in
                    for j in 0..<count { delta[j] = start[j] + emissions[j] }
                    for t in 1..<length {
                        Kernels.viterbiStep(
                            count: count, delta: delta, incoming: incoming.baseAddress!,
                            runBounds: runs.baseAddress! + count + 1, runOffsets: runs.baseAddress!,
                            outgoing: outgoing.baseAddress!, emissions: emissions + t * count, next: next, pointers: backPointers.baseAddress! + t * count)
                        swap(&delta, &next)
                    }
                }}}
                var best = 0
                var bestScore = -Float.infinity
                for j in 0..<count where delta[j] + end[j] > bestScore {
                    best = j
                    bestScore = delta[j] + end[j]
                }
                labels[length - 1] = best
                for t in stride(from: length - 1, to: 0, by: -1) {
                    labels[t - 1] = Int(backPointers[t * count + labels[t]])
                }
            }
        }
        return labels
    }

    /// The largest `k` ``nBest(_:length:k:)`` honours; larger requests get this many.
    static let maximumNBest = 1000
    /// The most table entries (`length · labels · k`) an n-best search may use (16 bytes each: 256 MB);
    /// a larger search returns nothing.
    static let maximumNBestCells = 1 << 24

    /// The `k` highest-scoring label sequences with a finite score, best
    /// first, by list Viterbi: every label at every token keeps its `k` best
    /// partial paths, so the result is exact. Fewer than `k` sequences come
    /// back when fewer have a finite score. Equal scores keep the order in
    /// which they were found (lower previous label first).
    func nBest(_ emissions: UnsafePointer<Float>, length: Int, k requested: Int) -> [(labels: [Int], score: Double)] {
        // The tables hold `length · labels · k` entries: k is capped, and the
        // product checked, so that no request can overflow or exhaust memory.
        let k = min(requested, Self.maximumNBest)
        guard length > 0, k > 0 else { return [] }
        let count = labelCount
        let (width, wide) = count.multipliedReportingOverflow(by: k)
        let (cells, many) = length.multipliedReportingOverflow(by: width)
        guard !wide, !many, cells <= Self.maximumNBestCells else { return [] }
        // Partial paths of token t and label j at [t * width + j * k + rank].
        var scores = [Double](repeating: -.infinity, count: length * width)
        var fromLabel = [Int32](repeating: 0, count: length * width)
        var fromRank = [Int32](repeating: 0, count: length * width)
        var sizes = [Int](repeating: 0, count: length * count)
        var list = TopList(capacity: k)
        for j in 0..<count {
            let value = Double(start[j]) + Double(emissions[j])
            if value > -.infinity {
                scores[j * k] = value
                sizes[j] = 1
            }
        }
        for t in 1..<length {
            for j in 0..<count {
                list.removeAll()
                let emission = Double(emissions[t * count + j])
                for i in 0..<count {
                    let step = Double(transitions[i * count + j]) + emission
                    if step == -.infinity { continue }
                    let previous = (t - 1) * width + i * k
                    for rank in 0..<sizes[(t - 1) * count + i] {
                        // Each list is sorted, so once one entry misses the rest do.
                        if !list.insert(scores[previous + rank] + step, label: i, rank: rank) { break }
                    }
                }
                let target = t * width + j * k
                for (index, entry) in list.entries.enumerated() {
                    scores[target + index] = entry.score
                    fromLabel[target + index] = Int32(entry.label)
                    fromRank[target + index] = Int32(entry.rank)
                }
                sizes[t * count + j] = list.entries.count
            }
        }
        list.removeAll()
        let lastRow = (length - 1) * width
        for j in 0..<count {
            let step = Double(end[j])
            if step == -.infinity { continue }
            for rank in 0..<sizes[(length - 1) * count + j] {
                if !list.insert(scores[lastRow + j * k + rank] + step, label: j, rank: rank) { break }
            }
        }
        return list.entries.map { entry in
            var labels = [Int](repeating: 0, count: length)
            var label = entry.label, rank = entry.rank
            labels[length - 1] = label
            for t in stride(from: length - 1, to: 0, by: -1) {
                let index = t * width + label * k + rank
                label = Int(fromLabel[index])
                rank = Int(fromRank[index])
                labels[t - 1] = label
            }
            return (labels, entry.score)
        }
    }
}

/// The `capacity` best scored entries seen so far, sorted best first.
private struct TopList {
    struct Entry {
        var score: Double
        var label: Int
        var rank: Int
    }

    let capacity: Int
    private(set) var entries: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
    }

    /// Inserts an entry after those scoring at least as much; returns `false`
    /// (and keeps the list) when the list is full and the entry scores no more
    /// than its last one, or when the score is `-infinity`.
    mutating func insert(_ score: Double, label: Int, rank: Int) -> Bool {
        guard score > -.infinity else { return false }
        if entries.count == capacity {
            guard score > entries[capacity - 1].score else { return false }
            entries.removeLast()
        }
        var position = entries.count
        while position > 0 && entries[position - 1].score < score { position -= 1 }
        entries.insert(Entry(score: score, label: label, rank: rank), at: position)
        return true
    }
}
