/// Splits slot text into the lower-case words the value grammar reads.
///
/// - Letters and digits are separated ("5pm" → `5 pm`), except an ordinal
///   suffix ("2nd" stays `2nd`).
/// - Digits joined by `:` `/` `.` `-` stay one word (`7:30`, `12/5/2032`, `12.50`, `2026-11-02`);
///   thousands commas are dropped (`1,100` → `1100`).
/// - `$`, `€`, `£` are words of their own; apostrophes vanish ("o'clock" →
///   `oclock`); other punctuation and hyphens separate words.
/// - `a m`, `a.m.` become `am`, `p m` becomes `pm`, `o clock` becomes `oclock`.
enum ValueLexer {
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inDigits = false
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
            inDigits = false
        }
        let scalars = Array(text.lowercased().unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if isDigit(scalar) {
                if !inDigits { flush() }
                inDigits = true
                current.unicodeScalars.append(scalar)
            } else if isLetter(scalar) {
                if inDigits, let next, ["st", "nd", "rd", "th"].contains(String(scalar) + String(next)),
                   index + 2 >= scalars.count || !isLetter(scalars[index + 2]) {
                    current += String(scalar) + String(next)   // "2nd" keeps its suffix
                    flush()
                    index += 2
                    continue
                }
                if inDigits { flush() }
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                // "o'clock" → "oclock"
            } else if inDigits, [":", "/", ".", ",", "-"].contains(scalar), let next, isDigit(next) {
                if scalar != "," { current.unicodeScalars.append(scalar) }
            } else {
                flush()
                if ["$", "€", "£"].contains(scalar) { words.append(String(scalar)) }
            }
            index += 1
        }
        flush()
        return merged(words)
    }

    private static func merged(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index], next = index + 1 < words.count ? words[index + 1] : nil
            if word == "a" || word == "p", next == "m" {
                result.append(word + "m")
                index += 2
            } else if word == "o", next == "clock" {
                result.append("oclock")
                index += 2
            } else {
                result.append(word)
                index += 1
            }
        }
        return result
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
}
