/// Parses the decimal numbers of vector files straight from bytes.
///
/// The common form (`-0.12345`, `1.5e-3`: at most 18 significant digits and a
/// decimal exponent within ±22) is converted exactly as `Double(mantissa) ×
/// 10^exponent` (both factors exact in `Double`, so the product is correctly
/// rounded) and then rounded to `Float`; anything else (`nan`, `inf`, hex
/// floats, long mantissas, huge exponents) goes through the standard library's
/// parser.
enum DecimalParser {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The finite `Float` that `bytes` spell, or `nil` when they are not a finite number.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        if let value = parseCommon(bytes) { return value }
        guard let value = Float(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// The fast path: `nil` means "not in the common form", not "not a number".
    @inline(__always)
    private static func parseCommon(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        let count = bytes.count
        var position = 0
        var negative = false
        if position < count && (bytes[position] == 0x2D || bytes[position] == 0x2B) {
            negative = bytes[position] == 0x2D
            position += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        while position < count {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { break }
            sawDigit = true
            if mantissa != 0 || digit != 0 {
                guard significantDigits < 18 else { return nil }
                mantissa = mantissa * 10 + UInt64(digit)
                significantDigits += 1
            }
            position += 1
        }
        if position < count && bytes[position] == 0x2E {
            position += 1
            while position < count {
                let digit = bytes[position] &- 0x30
                guard digit < 10 else { break }
                sawDigit = true
                if mantissa != 0 || digit != 0 {
                    guard significantDigits < 18 else { return nil }
                    mantissa = mantissa * 10 + UInt64(digit)
                    significantDigits += 1
                }
                exponent -= 1
                position += 1
            }
        }
        guard sawDigit else { return nil }
        if position < count && (bytes[position] == 0x65 || bytes[position] == 0x45) {
            position += 1
            var exponentNegative = false
            if position < count && (bytes[position] == 0x2D || bytes[position] == 0x2B) {
                exponentNegative = bytes[position] == 0x2D
                position += 1
            }
            var written = 0
            var sawExponentDigit = false
            while position < count {
                let digit = bytes[position] &- 0x30
                guard digit < 10 else { break }
                sawExponentDigit = true
                guard written < 1000 else { return nil }
                written = written * 10 + Int(digit)
                position += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard position == count else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard exponent >= -22 && exponent <= 22 else { return nil }
        let magnitude = exponent < 0
            ? Double(mantissa) / powersOfTen[-exponent]
            : Double(mantissa) * powersOfTen[exponent]
        let value = Float(negative ? -magnitude : magnitude)
        return value.isFinite ? value : nil
    }
}
