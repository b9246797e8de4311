/// JSON string literals, written by hand so that JSONL records keep a fixed
/// key order and stay byte-for-byte stable.
package enum JSONEscaping {
    /// Appends `value` as a JSON string literal (with quotes) to `output`,
    /// as UTF-8.
    ///
    /// `"` and `\\` are escaped, as are control characters (`\n`, `\r`, `\t`,
    /// `\b`, `\f`, others as `\u00XX`); everything else is written as UTF-8.
    /// (Escaping byte by byte is exact: the bytes escaped are ASCII, which
    /// never occur inside a multi-byte UTF-8 sequence.)
    ///
    /// - Parameters:
    ///   - value: Any text.
    ///   - output: The bytes to append to.
    package static func appendQuoted(_ value: some StringProtocol, to output: inout [UInt8]) {
        let appended: Void? = value.utf8.withContiguousStorageIfAvailable { appendQuoted(utf8: $0, to: &output) }
        if appended == nil {
            Array(value.utf8).withUnsafeBufferPointer { appendQuoted(utf8: $0, to: &output) }
        }
    }

    /// Appends the text whose UTF-8 is `utf8` as a JSON string literal (with
    /// quotes) to `output`: the version of ``appendQuoted(_:to:)`` for callers
    /// in other modules, where a generic call would not be specialized.
    ///
    /// - Parameters:
    ///   - utf8: the text's UTF-8.
    ///   - output: The bytes to append to.
    package static func appendQuoted(utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            output.append(contentsOf: utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `value` as a JSON string literal (with quotes) to `output`;
    /// escapes as the version that appends bytes does.
    ///
    /// - Parameters:
    ///   - value: Any text.
    ///   - output: The string to append to.
    package static func appendQuoted(_ value: some StringProtocol, to output: inout String) {
        var bytes: [UInt8] = []
        appendQuoted(value, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
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
