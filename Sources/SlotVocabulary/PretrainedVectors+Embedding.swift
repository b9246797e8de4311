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

extension PretrainedVectors {
    /// The vectors a model keeps for tagging: those of the `limit` most
    /// frequent words of the file (file order), and of every `vocabulary`
    /// entry the file knows (matched as ``embeddingMatrix(for:normalise:using:scale:)``
    /// matches), each under its normalised word, first one winning.
    /// - Parameters:
    ///   - limit: how many words of the file's head to keep.
    ///   - vocabulary: the training vocabulary, whose words are kept wherever they are in the file.
    ///   - normalise: the normaliser applied to the vectors' words.
    /// - Returns: the compact vectors.
    package func compact(limit: Int, including vocabulary: Vocabulary, normalise: (String) -> String) -> CompactVectors {
        let (exact, lowered) = lookUpTables(normalise: normalise)
        var keep: [String: Int] = [:]
        for index in 0..<min(limit, count) {
            let word = normalise(words[index])
            if !word.isEmpty, !word.utf8.contains(10), keep[word] == nil { keep[word] = index }
        }
        for id in 2..<max(vocabulary.count, 2) {
            let entry = vocabulary.entry(at: id)
            if keep[entry] == nil, let found = exact[entry] ?? lowered[entry.lowercased()] { keep[entry] = found }
        }
        let kept = keep.sorted { $0.value < $1.value }
        let matrix = Matrix(rows: kept.count, columns: dimension, scalars: kept.flatMap { vectors.row($0.value) })
        return CompactVectors(words: kept.map(\.key), vectors: matrix)
    }
}
