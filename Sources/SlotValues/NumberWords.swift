/// A number read from one or more words: "four hundred", "twenty third",
/// "1100", "22nd", "12.50".
struct NumberReading: Hashable, Sendable {
    /// The number.
    let value: Double
    /// Whether it is an ordinal ("third", "3rd").
    let isOrdinal: Bool
    /// Whether it was written with digits, and how many (for "718" read as 7:18).
    let digitCount: Int?
    /// How many words it spans.
    let length: Int

    /// The value as an integer, when it is one.
    var integer: Int? {
        value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
    }
}

/// English number words and their values, and the reader of numbers in words
/// or digits.
///
/// Words combine the way English writes them: a tens word takes a unit
/// ("twenty three", "twenty third"); "hundred" multiplies what precedes it
/// ("four hundred", "eleven hundred", "a hundred", "hundred"); "thousand" and
/// "million" close a group ("one thousand one hundred"); "and" may follow
/// "hundred" or "thousand". Two units or a unit followed by a tens word are two
/// numbers ("seven thirty" is 7 then 30, which the time grammar reads as 7:30).
/// An ordinal word ends the number.
package enum NumberWords {
    /// Cardinal words below twenty.
    package static let units: [String: Int] = [
        "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    /// Ordinal words below twenty.
    package static let unitOrdinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    ]
    /// Tens words.
    package static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    ]
    /// Ordinal tens words.
    package static let tensOrdinals: [String: Int] = [
        "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
        "eightieth": 80, "ninetieth": 90,
    ]
    private static let scales: [String: Int] = ["thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000]
    private static let scaleOrdinals: [String: Int] = ["hundredth": 100, "thousandth": 1000]

    /// Reads the number that starts at `index`, or `nil` when the word there
    /// does not start one. "oh" starts no number (it only serves "seven oh five").
    static func read(_ words: [String], at index: Int) -> NumberReading? {
        guard words.indices.contains(index) else { return nil }
        if let digits = digitReading(words[index]) { return digits }
        var total = 0          // completed thousands groups
        var group = 0          // the group being read (below 1000)
        var last: Kind = .none
        var position = index
        var consumed = 0       // words that belong to the number (excludes a trailing "and")
        var ordinal = false
        loop: while position < words.count {
            let word = words[position]
            switch word {
            case _ where units[word] != nil && word != "oh":
                guard [.none, .tens, .hundred, .scale, .and].contains(last) else { break loop }
                if last == .tens, units[word]! >= 10 || units[word]! == 0 { break loop }
                group += units[word]!
                last = units[word]! < 10 ? .unit : .teen
            case _ where unitOrdinals[word] != nil:
                guard [.none, .tens, .hundred, .scale, .and].contains(last) else { break loop }
                if last == .tens, unitOrdinals[word]! >= 10 { break loop }
                group += unitOrdinals[word]!
                ordinal = true
            case _ where tens[word] != nil:
                guard [.none, .hundred, .scale, .and].contains(last) else { break loop }
                group += tens[word]!
                last = .tens
            case _ where tensOrdinals[word] != nil:
                guard [.none, .hundred, .scale, .and].contains(last) else { break loop }
                group += tensOrdinals[word]!
                ordinal = true
            case "hundred":
                guard last == .none || last == .unit || last == .teen || last == .tens || last == .article else { break loop }
                if group >= 100 || (last == .tens && group % 10 == 0) { break loop }   // not "twenty hundred", "one hundred two hundred"
                group = max(group, 1) * 100
                last = .hundred
            case _ where scales[word] != nil:
                guard last != .scale, last != .and else { break loop }
                total += max(group, 1) * scales[word]!
                group = 0
                last = .scale
            case _ where scaleOrdinals[word] != nil:
                guard last != .scale, last != .and else { break loop }
                group = max(group, 1) * scaleOrdinals[word]!
                ordinal = true
            case "a", "an":
                guard last == .none, position + 1 < words.count,
                      words[position + 1] == "hundred" || scales[words[position + 1]] != nil else { break loop }
                last = .article
                position += 1
                continue loop
            case "and":
                guard last == .hundred || last == .scale, position + 1 < words.count,
                      units[words[position + 1]] != nil || unitOrdinals[words[position + 1]] != nil
                          || tens[words[position + 1]] != nil || tensOrdinals[words[position + 1]] != nil else { break loop }
                last = .and
                position += 1
                continue loop
            default:
                break loop
            }
            position += 1
            consumed = position - index
            if ordinal { break loop }
        }
        guard consumed > 0 else { return nil }
        return NumberReading(value: Double(total + group), isOrdinal: ordinal, digitCount: nil, length: consumed)
    }

    /// A number written in one word of digits: `400`, `12.50`, `22nd`.
    private static func digitReading(_ word: String) -> NumberReading? {
        guard let first = word.unicodeScalars.first, ValueLexer.isDigit(first) else { return nil }
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            let digits = word.dropLast(2)
            guard let value = Int(digits) else { return nil }
            return NumberReading(value: Double(value), isOrdinal: true, digitCount: digits.count, length: 1)
        }
        if word.contains(":") || word.contains("/") { return nil }
        guard let value = Double(word) else { return nil }
        return NumberReading(value: value, isOrdinal: false, digitCount: word.contains(".") ? nil : word.count, length: 1)
    }

    private enum Kind { case none, unit, teen, tens, hundred, scale, article, and }
}
