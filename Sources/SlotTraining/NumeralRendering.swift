/// Rewrites the English number words of a labelled sentence as numerals, the
/// way users type them: "may fifteenth" becomes "may 15th", "twenty first"
/// becomes "21st", "seven pm" becomes "7 pm", and "400 dollars" becomes
/// "$ 400" (the tokens ICU makes of "$400").
///
/// Corpora such as ATIS spell every number out, so a model trained on them
/// alone has never seen "May 15" or "the 22nd" and labels them at random.
/// The trainer shows a sentence's numeral rendering instead of the sentence
/// with probability ``TrainingOptions/numeralRate``.
///
/// A number is one word ("seven", "fifteenth") or a tens word with a unit
/// ("twenty first"); both words must belong to one chunk (or both be `O`), and
/// the number is left alone when a number word stands right before or after
/// it, because "seven thirty" is a time of day, not 7 and 30. Cardinal "one"
/// is left alone too ("one way", "the cheapest one").
package enum NumeralRendering {
    /// The sentence with its numbers rendered as numerals, or `nil` when it
    /// has none.
    ///
    /// - Parameters:
    ///   - tokens: the sentence's tokens.
    ///   - labels: one BIO label per token.
    /// - Returns: the new tokens and labels (a two-word number becomes one
    ///   token, labelled as its first word was).
    package static func render(tokens: [String], labels: [String]) -> (tokens: [String], labels: [String])? {
        precondition(tokens.count == labels.count, "\(tokens.count) tokens but \(labels.count) labels")
        let words = tokens.map { $0.lowercased() }
        var newTokens: [String] = []
        var newLabels: [String] = []
        var changed = false
        var index = 0
        while index < words.count {
            if let (number, length) = number(at: index, in: words, labels: labels),
               !isNumberWord(at: index - 1, in: words), !isNumberWord(at: index + length, in: words) {
                newTokens.append(number)
                newLabels.append(labels[index])
                index += length
                changed = true
            } else if index + 1 < words.count, isDigits(words[index]), ["dollars", "dollar"].contains(words[index + 1]),
                      continues(labels[index], with: labels[index + 1]) {
                newTokens += ["$", tokens[index]]
                newLabels += [labels[index], labels[index + 1]]
                index += 2
                changed = true
            } else {
                newTokens.append(tokens[index])
                newLabels.append(labels[index])
                index += 1
            }
        }
        return changed ? (newTokens, newLabels) : nil
    }

    /// The numeral of the number starting at `index` and how many words it spans.
    private static func number(at index: Int, in words: [String], labels: [String]) -> (String, Int)? {
        let word = words[index]
        if let tens = tens[word] {
            if index + 1 < words.count, continues(labels[index], with: labels[index + 1]) {
                let next = words[index + 1]
                if let unit = cardinals[next], unit < 10 { return (String(tens + unit), 2) }
                if let unit = ordinals[next], unit < 10 { return (ordinal(tens + unit), 2) }
            }
            return (String(tens), 1)
        }
        if let value = tensOrdinals[word] { return (ordinal(value), 1) }
        if let value = cardinals[word], value != 1 { return (String(value), 1) }
        if let value = ordinals[word] { return (ordinal(value), 1) }
        return nil
    }

    /// Whether the word at `index` (which may lie outside the sentence) is a number word.
    private static func isNumberWord(at index: Int, in words: [String]) -> Bool {
        guard words.indices.contains(index) else { return false }
        let word = words[index]
        return tens[word] != nil || tensOrdinals[word] != nil || cardinals[word] != nil || ordinals[word] != nil
    }

    /// Whether `next` keeps the token in the chunk of `label` (`I-X` after
    /// `B-X` or `I-X`), or both are outside any chunk.
    private static func continues(_ label: String, with next: String) -> Bool {
        if label == "O" { return next == "O" }
        guard next.hasPrefix("I-"), label.count > 2, next.count > 2 else { return false }
        return label.dropFirst(2) == next.dropFirst(2)
    }

    private static func isDigits(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// `n` with its English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 21st.
    static func ordinal(_ n: Int) -> String {
        let suffix = switch (n % 10, n % 100) {
        case (_, 11...13): "th"
        case (1, _): "st"
        case (2, _): "nd"
        case (3, _): "rd"
        default: "th"
        }
        return "\(n)\(suffix)"
    }

    private static let cardinals: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    private static let ordinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    ]
    private static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    private static let tensOrdinals: [String: Int] = [
        "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
        "eightieth": 80, "ninetieth": 90,
    ]
}
