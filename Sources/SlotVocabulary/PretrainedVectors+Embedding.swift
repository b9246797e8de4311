import SlotMath

extension PretrainedVectors {
    /// The initial word-embedding matrix for `vocabulary`: pretrained rows where
    /// the vectors know the word, random rows elsewhere.
    ///
    /// Each vector's word is normalised with `normalise` (the tokenizer's
    /// normaliser) and the first vector with a given normalised form wins. A
    /// vocabulary entry is matched exactly, then through lower-casing (entry
    /// lower-cased against the lower-cased normalised vector words), so that
    /// "Beijing" finds GloVe's "beijing". The padding row is zero; the unknown
    /// row and every unmatched row are drawn uniformly from `[-scale, scale)`,
    /// in id order.
    /// - Parameters:
    ///   - vocabulary: the word vocabulary; the matrix has one row per id.
    ///   - normalise: the normaliser applied to the vectors' words.
    ///   - generator: the seeded source of the random rows.
    ///   - scale: the bound of the random rows.
    /// - Returns: the `vocabulary.count × dimension` matrix, how many entries
    ///   (special entries excluded) were matched, and how many there are.
    package func embeddingMatrix(
        for vocabulary: Vocabulary, normalise: (String) -> String,
        using generator: inout SplitMix64, scale: Float
    ) -> (matrix: Matrix, matched: Int, total: Int) {
        let (exact, lowered) = lookUpTables(normalise: normalise)
        var matrix = Matrix(rows: vocabulary.count, columns: dimension)
        var matched = 0
        let size = dimension
        vectors.withUnsafeBufferPointer { source in
            matrix.withUnsafeMutableBufferPointer { target in
                for id in 1..<vocabulary.count {
                    let row = target.baseAddress! + id * size
                    let entry = vocabulary.entry(at: id)
                    let found = id == Vocabulary.unknownID ? nil : exact[entry] ?? lowered[entry.lowercased()]
                    if let found {
                        row.update(from: source.baseAddress! + found * size, count: size)
                        matched += 1
                    } else {
                        for column in 0..<size { row[column] = generator.nextFloat(bound: scale) }
                    }
                }
            }
        }
        return (matrix, matched, max(vocabulary.count - 2, 0))
    }

    /// `vocabulary` with the normalised form of every pretrained word it lacks
    /// appended, in file order, with count 0: at test time the model then has a
    /// pretrained row for words that training never saw.
    /// - Parameters:
    ///   - vocabulary: the training vocabulary; its ids are kept.
    ///   - normalise: the normaliser applied to the vectors' words.
    /// - Returns: the extended vocabulary.
    package func extending(_ vocabulary: Vocabulary, normalise: (String) -> String) -> Vocabulary {
        var result = vocabulary
        for word in words { result.append(normalise(word)) }
        return result
    }

    /// The first vector index of each normalised word, and of each lower-cased normalised word.
    private func lookUpTables(normalise: (String) -> String) -> (exact: [String: Int], lowered: [String: Int]) {
        var exact: [String: Int] = [:]
        var lowered: [String: Int] = [:]
        exact.reserveCapacity(words.count)
        lowered.reserveCapacity(words.count)
        for (index, word) in words.enumerated() {
            let normalised = normalise(word)
            if exact[normalised] == nil { exact[normalised] = index }
            let lower = normalised.lowercased()
            if lowered[lower] == nil { lowered[lower] = index }
        }
        return (exact, lowered)
    }
}
