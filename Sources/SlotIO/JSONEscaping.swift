/// JSON string literals, written by hand so that JSONL records keep a fixed
/// key order and stay byte-for-byte stable.
package enum JSONEscaping {
    /// Appends `value` as a JSON string literal (with quotes) to `output`.
    ///
    /// `"` and `\` are escaped, as are control characters (`\n`, `\r`, `\t`,
    /// `\b`, `\f`, others as `\u00XX`); everything else is written as UTF-8.
    ///
    /// - Parameters:
    ///   - value: Any text.
    ///   - output: The string to append to.
    package static func appendQuoted(_ value: some StringProtocol, to output: inout String) {
        output += "\""
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += value
            output += "\""
            return
        }
        var pending = value.unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var index = pending
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String? = switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\u{8}": "\\b"
            case "\u{C}": "\\f"
            default: scalar.value < 0x20 ? "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) : nil
            }
            if let escape {
                output.unicodeScalars += scalars[pending..<index]
                output += escape
                pending = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output.unicodeScalars += scalars[pending...]
        output += "\""
    }

    /// `value` as a JSON string literal, with quotes.
    ///
    /// - Parameter value: Any text.
    /// - Returns: The literal, such as `"leave \"Beijing\""`.
    package static func quoted(_ value: some StringProtocol) -> String {
        var output = ""
        appendQuoted(value, to: &output)
        return output
    }
}
