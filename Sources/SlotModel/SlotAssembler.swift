import SlotText

/// Groups BIO-labelled tokens into slots with conlleval's chunk rules: `B-X`
/// starts a slot; `I-X` continues a slot of type X and starts one otherwise
/// (after `O`, after another type, or at the start).
enum SlotAssembler {
    /// The slots of a labelled utterance; a slot's confidence is the lowest
    /// confidence among its tokens.
    static func slots(text: String, tokens: [TaggedToken]) -> [Slot] {
        var slots: [Slot] = []
        var start: Int?
        var type = ""
        func close(at end: Int) {
            guard let first = start else { return }
            let firstToken = tokens[first].token, lastToken = tokens[end - 1].token
            let range = firstToken.range.lowerBound ..< lastToken.range.upperBound
            let confidence = tokens[first ..< end].map(\.confidence).min() ?? 0
            slots.append(Slot(
                label: type, text: text[range], range: range,
                scalarOffsets: firstToken.scalarOffsets.lowerBound ..< lastToken.scalarOffsets.upperBound,
                utf16Offsets: firstToken.utf16Offsets.lowerBound ..< lastToken.utf16Offsets.upperBound,
                utf8Offsets: firstToken.utf8Offsets.lowerBound ..< lastToken.utf8Offsets.upperBound,
                tokenIndices: first ..< end, confidence: confidence))
            start = nil
        }
        for (index, token) in tokens.enumerated() {
            let label = token.label
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
        close(at: tokens.count)
        return slots
    }
}
