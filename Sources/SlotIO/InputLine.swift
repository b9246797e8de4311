/// One line of input: where it came from and its bytes without the line break.
package struct InputLine: Sendable, Hashable {
    /// The name of the file or stream, for error messages.
    package var file: String
    /// The 1-based line number.
    package var number: Int
    /// The line's bytes, without LF or CRLF.
    package var bytes: [UInt8]

    /// Creates a line.
    package init(file: String, number: Int, bytes: [UInt8]) {
        self.file = file
        self.number = number
        self.bytes = bytes
    }

    /// The line as a string.
    ///
    /// - Throws: ``InputOutputError/invalidUTF8(file:line:)`` naming this line when
    ///   the bytes are not valid UTF-8.
    package func string() throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputOutputError.invalidUTF8(file: file, line: number)
        }
        return text
    }

    /// The line as a string with every invalid UTF-8 sequence replaced by
    /// U+FFFD REPLACEMENT CHARACTER.
    ///
    /// - Returns: The text, and whether anything was replaced.
    package func lossyString() -> (text: String, replacedInvalidBytes: Bool) {
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, false)
        }
        return (String(decoding: bytes, as: UTF8.self), true)
    }
}
