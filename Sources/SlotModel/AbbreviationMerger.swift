import SlotText
import SlotVocabulary

/// Keeps abbreviations that a model's training vocabulary holds with their
/// final period as one token: ICU splits "St." into "St" and ".", while ATIS
/// writes the single token "st.", so without this "leave St. Louis" would
/// reach the model as an unknown "st", a period and "louis".
///
/// A word token and the "." right after it (no space between) become one
/// token when the word with the period, normalised as the model normalises
/// words, is in the vocabulary:
/// ```
/// leave | St | . | Louis   →   leave | St. | Louis      (the vocabulary holds "st.")
/// to | Boston | .          →   to | Boston | .          (it does not hold "boston.")
/// ```
/// The merged token covers exactly the two tokens' text and offsets.
struct AbbreviationMerger: Sendable {
    /// The vocabulary's entries that end with a period, as the normaliser writes them.
    let abbreviations: Set<String>
    /// The normaliser that maps a token to its vocabulary key.
    let normalizer: Normalizer

    /// Collects the vocabulary's entries that end with a period.
    ///
    /// - Parameter featurizer: the model's featurizer.
    init(featurizer: Featurizer) {
        abbreviations = Set(featurizer.words.entries.filter { $0.count > 1 && $0.hasSuffix(".") })
        normalizer = featurizer.normalizer
    }

    /// The tokens with every known abbreviation joined to its period.
    ///
    /// - Parameters:
    ///   - tokens: the tokenizer's tokens of `text`, in order.
    ///   - text: the text they point into.
    /// - Returns: the tokens, with merged pairs replaced by one token of the
    ///   word's category.
    func merge(_ tokens: [Token], in text: String) -> [Token] {
        guard !abbreviations.isEmpty, tokens.count > 1 else { return tokens }
        var merged: [Token] = []
        merged.reserveCapacity(tokens.count)
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if index + 1 < tokens.count, tokens[index + 1].text == ".", token.range.upperBound == tokens[index + 1].range.lowerBound,
               token.text != ".", abbreviations.contains(normalizer.normalize(String(token.text) + ".")) {
                let period = tokens[index + 1]
                let range = token.range.lowerBound ..< period.range.upperBound
                merged.append(Token(
                    text: text[range], range: range,
                    scalarOffsets: token.scalarOffsets.lowerBound ..< period.scalarOffsets.upperBound,
                    utf16Offsets: token.utf16Offsets.lowerBound ..< period.utf16Offsets.upperBound,
                    utf8Offsets: token.utf8Offsets.lowerBound ..< period.utf8Offsets.upperBound,
                    category: token.category))
                index += 2
            } else {
                merged.append(token)
                index += 1
            }
        }
        return merged
    }
}
