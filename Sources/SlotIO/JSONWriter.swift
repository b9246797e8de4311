/// Writes JSON text straight into bytes, one key or value at a time, in the
/// layout of ``JSONLineEncoder`` (`", "` between members, `": "` after a key):
/// the fast path for records written by the hundred thousand.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.key("text"); writer.string("leave Beijing")
/// writer.key("start"); writer.integer(6)
/// writer.endObject()
/// writer.text  // {"text": "leave Beijing", "start": 6}
/// ```
///
/// `JSONLineEncoder` goes through `Encodable`, whose containers are boxed
/// and generic at every member; a tagging record written that way costs more
/// than tagging its sentence on one core. A type whose records are hot writes
/// them with this writer and keeps its `Encodable` form for everything else;
/// a test holds the two to the same bytes.
package struct JSONWriter {
    /// The UTF-8 written so far.
    package private(set) var bytes: [UInt8] = []
    /// One flag per open container: whether it has a member yet.
    private var hasMembers: [Bool] = []
    /// Whether a key was just written, so its value takes no separator.
    private var afterKey = false

    /// Creates an empty writer.
    ///
    /// - Parameter capacity: the bytes to reserve.
    package init(capacity: Int = 2_048) {
        bytes.reserveCapacity(capacity)
    }

    /// The JSON written so far, as a string.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Opens an object (as a value).
    package mutating func beginObject() { open(UInt8(ascii: "{")) }

    /// Closes the innermost object.
    package mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array (as a value).
    package mutating func beginArray() { open(UInt8(ascii: "[")) }

    /// Closes the innermost array.
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes the next member's key in the innermost object; its value comes next.
    ///
    /// - Parameter name: the key.
    package mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(contentsOf: ": ".utf8)
        afterKey = true
    }

    // String and Substring, not `some StringProtocol`: a generic method
    // called from another module runs unspecialized, looking up type metadata
    // at every call, which cost more than the rest of a record.

    /// Writes a string value.
    ///
    /// - Parameter value: any text; escaped as ``JSONEscaping`` does.
    package mutating func string(_ value: String) {
        beginValue()
        appendQuoted(value)
    }

    /// Writes a string value.
    ///
    /// - Parameter value: any text; escaped as ``JSONEscaping`` does.
    package mutating func string(_ value: Substring) {
        beginValue()
        var value = value
        value.withUTF8 { JSONEscaping.appendQuoted(utf8: $0, to: &bytes) }
    }

    /// Writes an integer value.
    ///
    /// - Parameter value: the integer.
    package mutating func integer(_ value: Int) {
        beginValue()
        appendDigits(of: value)
    }

    /// Writes a number as ``JSONLineEncoder`` writes it (see ``numberLiteral(_:)``).
    ///
    /// - Parameter value: the number.
    /// - Returns: `false`, writing nothing, when `value` is not finite (JSON has no `nan`).
    package mutating func number(_ value: Double) -> Bool {
        guard let literal = Self.numberLiteral(value) else { return false }
        beginValue()
        bytes.append(contentsOf: literal.utf8)
        return true
    }

    /// Writes `units / 10^decimals` as ``number(_:)`` writes that quotient
    /// (`0.0`, `0.5`, `0.9999`, `1.0`), without going through a `String`: the
    /// fast path for rounded numbers.
    ///
    /// - Parameters:
    ///   - units: the number in units of `10^-decimals`, of magnitude below 10^15.
    ///   - decimals: how many decimal places `units` counts, 1 to 4 (from five on,
    ///     `Double`'s `description` writes small numbers with an exponent).
    package mutating func decimal(units: Int, decimals: Int) {
        precondition(units.magnitude < 1_000_000_000_000_000 && (1...4).contains(decimals), "a decimal of 1 to 4 places")
        beginValue()
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        var scale: UInt = 1
        for _ in 0 ..< decimals { scale *= 10 }
        appendDigits(of: units.magnitude / scale)
        bytes.append(UInt8(ascii: "."))
        var fraction = units.magnitude % scale, digits = decimals
        while digits > 1, fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var place: UInt = 1
        for _ in 1 ..< digits { place *= 10 }
        while place > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / place % 10))
            place /= 10
        }
    }

    /// How JSONL records write a floating-point number: `0.0` for either zero,
    /// otherwise its `description` (the shortest text that reads back as the
    /// same number).
    ///
    /// - Parameter value: the number.
    /// - Returns: the literal, or `nil` for a NaN or an infinity.
    package static func numberLiteral(_ value: some BinaryFloatingPoint & LosslessStringConvertible) -> String? {
        guard value.isFinite else { return nil }
        return value == 0 ? "0.0" : value.description
    }

    /// Writes `null`.
    package mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes a value that is already JSON text (from ``JSONLineEncoder``).
    ///
    /// - Parameter json: one complete JSON value.
    package mutating func json(_ json: String) {
        beginValue()
        bytes.append(contentsOf: json.utf8)
    }

    private mutating func appendQuoted(_ text: String) {
        var text = text
        text.withUTF8 { JSONEscaping.appendQuoted(utf8: $0, to: &bytes) }
    }

    private mutating func open(_ opener: UInt8) {
        beginValue()
        bytes.append(opener)
        hasMembers.append(false)
    }

    private mutating func close(_ closer: UInt8) {
        hasMembers.removeLast()
        afterKey = false
        bytes.append(closer)
    }

    /// Before a value: nothing after a key, a separator between array elements.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
    }

    private mutating func separate() {
        guard let last = hasMembers.indices.last else { return }
        if hasMembers[last] { bytes.append(contentsOf: ", ".utf8) }
        hasMembers[last] = true
    }

    private mutating func appendDigits(of value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(of: value.magnitude)
    }

    private mutating func appendDigits(of value: UInt) {
        var remaining = value
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        } while remaining > 0
        bytes[start...].reverse()
    }
}
