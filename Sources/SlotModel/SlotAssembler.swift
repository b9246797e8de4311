import SlotText

/// Groups BIO-labelled tokens into slots with conlleval's chunk rules: `B-X`
/// starts a slot; `I-X` continues a slot of type X and starts one otherwise
/// (after `O`, after another type, or at the start).
package enum SlotAssembler {
    /// The chunks of a label sequence: each chunk's type (the label without
    /// its `B-`/`I-` prefix) and the indices of its tokens, in order.
    package static func chunks(_ labels: [String]) -> [(type: String, tokens: Range<Int>)] {
        var chunks: [(type: String, tokens: Range<Int>)] = []
        var start: Int?
        var type = ""
        func close(at end: Int) {
            if let first = start { chunks.append((type, first ..< end)) }
            start = nil
        }
        for (index, label) in labels.enumerated() {
            if label.hasPrefix("B-") {
                close(at: index)
                start = index
                type = String(label.dropFirst(2))
            } else if label.hasPrefix("I-") {
                let labelType = String(label.dropFirst(2))
                if start == nil || labelType != type {
                    close(at: index)
                    start = index
                    type = labelType
                }
            } else {
                close(at: index)
            }
        }
        close(at: labels.count)
        return chunks
    }

    /// The slots of a labelled utterance.
    ///
    /// - Parameters:
    ///   - text: the utterance the tokens come from.
    ///   - tokens: its tokens with their labels.
    ///   - confidence: the confidence of the chunk over the given token indices.
    /// - Returns: one slot per chunk, in order, with its exact text and offsets.
    static func slots(text: String, tokens: [TaggedToken], confidence: (Range<Int>) -> Float) -> [Slot] {
        chunks(tokens.map(\.label)).map { chunk in
            let first = tokens[chunk.tokens.lowerBound].token, last = tokens[chunk.tokens.upperBound - 1].token
            let range = first.range.lowerBound ..< last.range.upperBound
            return Slot(
                label: chunk.type, text: text[range], range: range,
                scalarOffsets: first.scalarOffsets.lowerBound ..< last.scalarOffsets.upperBound,
                utf16Offsets: first.utf16Offsets.lowerBound ..< last.utf16Offsets.upperBound,
                utf8Offsets: first.utf8Offsets.lowerBound ..< last.utf8Offsets.upperBound,
                tokenIndices: chunk.tokens, confidence: confidence(chunk.tokens))
        }
    }
}
