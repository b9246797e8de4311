import SlotMath

/// How a batch of variable-length sequences is laid out for the recurrent layers.
///
/// Sequences are stored one after another in token order: sequence `s`
/// occupies rows `offsets[s] ..< offsets[s] + lengths[s]` of an input matrix.
/// The recurrent loop instead walks time steps over the sequences sorted by
/// length, longest first (`order`), so that the sequences still running at
/// step `t` are always a prefix of that order: `activeCounts[t]` of them. Their
/// states at step `t` are stored contiguously at packed positions
/// `stepStarts[t] ..< stepStarts[t] + activeCounts[t]`, which lets one matrix
/// product advance the whole batch by one step (as PyTorch's packed sequences do).
package struct SequenceLayout: Hashable, Sendable {
    /// The length of each sequence, in batch order.
    package let lengths: [Int]
    /// The first row of each sequence in token order.
    package let offsets: [Int]
    /// Sequence indices sorted by decreasing length (ties keep batch order).
    package let order: [Int]
    /// The number of sequences still running at each time step.
    package let activeCounts: [Int]
    /// The packed position of each time step's first state.
    package let stepStarts: [Int]
    /// The total number of tokens (rows).
    package let tokenCount: Int

    /// Creates the layout of sequences with the given lengths (each at least 1).
    package init(lengths: [Int]) {
        precondition(lengths.allSatisfy { $0 > 0 }, "every sequence needs at least one element")
        self.lengths = lengths
        var offsets: [Int] = []
        offsets.reserveCapacity(lengths.count)
        var total = 0
        for length in lengths {
            offsets.append(total)
            total += length
        }
        self.offsets = offsets
        self.tokenCount = total
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        self.order = order
        let steps = lengths.max() ?? 0
        var activeCounts = [Int](repeating: 0, count: steps)
        var stepStarts = [Int](repeating: 0, count: steps)
        var running = order.count
        var position = 0
        for step in 0..<steps {
            while running > 0 && lengths[order[running - 1]] <= step { running -= 1 }
            activeCounts[step] = running
            stepStarts[step] = position
            position += running
        }
        self.activeCounts = activeCounts
        self.stepStarts = stepStarts
    }

    /// The number of sequences.
    package var sequenceCount: Int { lengths.count }

    /// The number of time steps (the longest sequence's length).
    package var stepCount: Int { activeCounts.count }

    /// The token-order row read at time `step` by the sequence of sorting rank
    /// `rank`, walking left to right, or right to left when `reversed`.
    @inlinable
    package func row(step: Int, rank: Int, reversed: Bool) -> Int {
        let sequence = order[rank]
        return offsets[sequence] + (reversed ? lengths[sequence] - 1 - step : step)
    }

    /// For every packed position, the token-order row it reads (see ``row(step:rank:reversed:)``).
    package func packedRows(reversed: Bool) -> [Int] {
        var rows = [Int](repeating: 0, count: tokenCount)
        for step in 0..<stepCount {
            for rank in 0..<activeCounts[step] {
                rows[stepStarts[step] + rank] = row(step: step, rank: rank, reversed: reversed)
            }
        }
        return rows
    }

    /// The state after each sequence's last step, in batch order (`S × H`),
    /// read from states stored in packed order (`N × H`), as a recurrent
    /// layer's cache keeps them.
    package func finalStates(of packed: Matrix) -> Matrix {
        precondition(packed.rows == tokenCount, "packed states need one row per token")
        let size = packed.columns
        var result = Matrix(rows: sequenceCount, columns: size)
        for rank in 0..<sequenceCount {
            let sequence = order[rank]
            let position = stepStarts[lengths[sequence] - 1] + rank
            for column in 0..<size { result[sequence, column] = packed[position, column] }
        }
        return result
    }
}
