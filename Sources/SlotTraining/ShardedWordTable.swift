import SlotMath
import SlotLayers
import SlotModel

/// The word table while the trainer runs a stretch of batches: its rows and
/// their optimiser moments cut into one shard per worker, so that both cores
/// share the optimiser's step over the table.
///
/// Every row moves every batch (Adam keeps moving rows through their moments),
/// which on a large vocabulary is most of a step's arithmetic. One `Matrix`
/// cannot be written by two threads in safe Swift, but separate shards can,
/// each moved to its worker (``Workers/update(_:_:)``). While the shards hold
/// the table, the network's word table and its moments in the optimiser are
/// empty placeholders; a batch reads its words' rows from the shards. The
/// same holds for the word table of the parameter average, when there is one.
struct ShardedWordTable: Sendable {
    /// A block of consecutive rows with their moments.
    struct Shard: Sendable {
        /// The table rows this shard holds.
        let rows: Range<Int>
        /// The rows' values.
        var parameters: Matrix
        /// The rows' first moments.
        var first: Matrix
        /// The rows' second moments.
        var second: Matrix
        /// The rows of the parameter average's word table, when averaging is on.
        var average: Matrix?
    }

    /// The shards, in row order.
    private(set) var shards: [Shard]
    /// The position of the word table among the network's parameters.
    let index: Int
    /// The number of rows of the whole table.
    let rowCount: Int
    /// The number of columns.
    let columns: Int

    /// Moves the word table and its moments out of `state` into `count` shards.
    init(moving state: inout TrainingState, count: Int) {
        let names = state.network.namedParameters.map(\.name)
        guard let index = names.firstIndex(of: BatchGradient.wordTable) else {
            preconditionFailure("the network has a word table")
        }
        state.optimizer.prepareMoments(for: state.network)
        let table = state.network.words.table
        var first = Matrix(rows: 0, columns: 0), second = first
        state.optimizer.exchangeMoments(at: index, first: &first, second: &second)
        precondition(first.shape == table.shape && second.shape == table.shape, "the word table's moments match the table")
        state.network.words = Embedding(table: Matrix(rows: 0, columns: table.columns))
        let averageTable = state.average?.value.words.table
        state.average?.value.words = Embedding(table: Matrix(rows: 0, columns: table.columns))
        let size = max(1, count)
        shards = (0..<size).map { shard in
            let rows = (shard * table.rows / size) ..< ((shard + 1) * table.rows / size)
            return Shard(
                rows: rows, parameters: table.rowBlock(rows), first: first.rowBlock(rows), second: second.rowBlock(rows),
                average: averageTable?.rowBlock(rows))
        }
        self.index = index
        rowCount = table.rows
        columns = table.columns
    }

    /// The rows `ids` (ascending), as the table a batch reads.
    func rows(_ ids: [Int]) -> Matrix {
        var result = Matrix(rows: ids.count, columns: columns)
        let size = columns
        guard size > 0 else { return result }
        var shard = 0
        result.withUnsafeMutableBufferPointer { target in
            for (position, id) in ids.enumerated() {
                while !shards[shard].rows.contains(id) { shard += 1 }
                let local = id - shards[shard].rows.lowerBound
                shards[shard].parameters.withUnsafeBufferPointer { source in
                    (target.baseAddress! + position * size).update(from: source.baseAddress! + local * size, count: size)
                }
            }
        }
        return result
    }

    /// One optimiser step over the table, the shards in parallel: rows listed
    /// in `gradient` take their gradient, the others a zero gradient, or with
    /// `onlyListed` no update. With `averageRate` (the parameter average's
    /// ``ParameterAverage/nextRate``) the average's rows then move towards the
    /// new rows, as ``ParameterAverage/update(with:)`` moves the other parameters.
    mutating func update(with gradient: SparseRows, kernel: UpdateKernel, onlyListed: Bool, averageRate: Float? = nil) {
        Workers.update(&shards) { _, shard in
            kernel.apply(to: &shard.parameters, rowsFrom: shard.rows.lowerBound, gradient: gradient,
                         onlyListed: onlyListed, first: &shard.first, second: &shard.second)
            if let averageRate, var average = shard.average {
                // What ParameterAverage.update does, on this shard's rows.
                average.scale(by: averageRate)
                average.add(shard.parameters, scaledBy: 1 - averageRate)
                shard.average = average
            }
        }
    }

    /// Puts the whole table and its moments back into `state`.
    func restore(into state: inout TrainingState) {
        var first = Matrix.stacking(shards.map(\.first)), second = Matrix.stacking(shards.map(\.second))
        state.network.words = Embedding(table: Matrix.stacking(shards.map(\.parameters)))
        if state.average != nil {
            state.average?.value.words = Embedding(table: Matrix.stacking(shards.compactMap(\.average)))
        }
        state.optimizer.exchangeMoments(at: index, first: &first, second: &second)
    }
}

extension Matrix {
    /// A new matrix holding the given range of this matrix's rows.
    fileprivate func rowBlock(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns, scalars: Array(scalars[range.lowerBound * columns ..< range.upperBound * columns]))
    }

    /// The rows of `blocks`, one block after the other.
    fileprivate static func stacking(_ blocks: [Matrix]) -> Matrix {
        Matrix(rows: blocks.reduce(0) { $0 + $1.rows }, columns: blocks.first?.columns ?? 0, scalars: blocks.flatMap(\.scalars))
    }
}
