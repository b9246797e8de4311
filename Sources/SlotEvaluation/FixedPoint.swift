/// Fixed-point decimal formatting of `Double` values, digit for digit what C's
/// `printf("%*.*f")` prints (and so what conlleval.pl's `%6.2f` prints).
///
/// The value is rounded exactly: the binary value of the `Double` is scaled by
/// 10^fractionDigits in integer arithmetic and rounded half to even, as glibc
/// does. So `1.005` (stored as 1.00499999999999989…) prints `1.00`, `66.665`
/// (stored as 66.66500000000000625…) prints `66.67`, and `0.125`, an exact
/// tie, prints `0.12`. No Foundation is needed.
package enum FixedPoint {
    /// The largest supported number of digits after the decimal point.
    package static let maximumFractionDigits = 20

    /// Formats `value` with exactly `fractionDigits` digits after the decimal
    /// point, padded on the left with spaces to at least `width` characters.
    ///
    /// ```
    /// format(33.333333, fractionDigits: 2, width: 6)  // " 33.33"
    /// format(100, fractionDigits: 2, width: 6)        // "100.00"
    /// format(-0.001, fractionDigits: 2)               // "-0.00"
    /// ```
    /// Not-a-number prints `nan` and infinities `inf` / `-inf`, as glibc does.
    ///
    /// - Parameters:
    ///   - value: The number to format.
    ///   - fractionDigits: Digits after the decimal point, 0 through
    ///     ``maximumFractionDigits``; with 0 no decimal point is printed.
    ///   - width: The minimum length of the result; shorter results are
    ///     right-aligned with spaces.
    /// - Returns: The formatted number.
    package static func format(_ value: Double, fractionDigits: Int, width: Int = 0) -> String {
        precondition(
            (0...maximumFractionDigits).contains(fractionDigits),
            "fractionDigits must be in 0...\(maximumFractionDigits), got \(fractionDigits)"
        )
        let text: String
        if value.isNaN {
            text = value.sign == .minus ? "-nan" : "nan"
        } else if value.isInfinite {
            text = value.sign == .minus ? "-inf" : "inf"
        } else {
            let digits = scaledDigits(of: value.magnitude, fractionDigits: fractionDigits)
            text = (value.sign == .minus ? "-" : "") + placePoint(in: digits, fractionDigits: fractionDigits)
        }
        let padding = width - text.count
        return padding > 0 ? String(repeating: " ", count: padding) + text : text
    }

    /// The decimal digits of `round(magnitude × 10^fractionDigits)`, rounded
    /// half to even on the exact binary value.
    private static func scaledDigits(of magnitude: Double, fractionDigits: Int) -> String {
        // magnitude = significand × 2^exponent, with an integer significand.
        let isSubnormal = magnitude.exponentBitPattern == 0
        let significand = UInt128(magnitude.significandBitPattern)
            | (isSubnormal ? 0 : UInt128(1) << Double.significandBitCount)
        let exponent = (isSubnormal ? 1 : Int(magnitude.exponentBitPattern))
            - ((1 << (Double.exponentBitCount - 1)) - 1) - Double.significandBitCount
        var scale: UInt128 = 1
        for _ in 0..<fractionDigits { scale *= 10 }

        if exponent >= 0 {
            // An integer: its digits, then the zero fraction digits.
            return decimalDigits(of: significand, timesPowerOfTwo: exponent)
                + String(repeating: "0", count: fractionDigits)
        }
        // significand < 2^53 and scale < 2^67, so the product fits in 120 bits.
        let scaled = significand * scale
        let shift = -exponent
        guard shift < 121 else { return "0" }  // scaled / 2^shift < 1/2
        var quotient = scaled >> shift
        let remainder = scaled - (quotient << shift)
        let half = UInt128(1) << (shift - 1)
        if remainder > half || (remainder == half && quotient & 1 == 1) {
            quotient += 1
        }
        return quotient.description
    }

    /// The decimal digits of `value × 2^exponent` for any non-negative exponent.
    private static func decimalDigits(of value: UInt128, timesPowerOfTwo exponent: Int) -> String {
        if exponent < value.leadingZeroBitCount {
            return (value << exponent).description
        }
        // Little-endian limbs in base 10^9, doubled `exponent` times in steps of 2^29.
        let base: UInt64 = 1_000_000_000
        var limbs: [UInt64] = []
        var rest = value
        while rest > 0 {
            limbs.append(UInt64(rest % UInt128(base)))
            rest /= UInt128(base)
        }
        var remaining = exponent
        while remaining > 0 {
            let step = min(remaining, 29)
            var carry: UInt64 = 0
            for index in limbs.indices {
                let product = (limbs[index] << step) + carry
                limbs[index] = product % base
                carry = product / base
            }
            while carry > 0 {
                limbs.append(carry % base)
                carry /= base
            }
            remaining -= step
        }
        var text = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let chunk = String(limb)
            text += String(repeating: "0", count: 9 - chunk.count) + chunk
        }
        return text
    }

    /// Inserts the decimal point `fractionDigits` places from the right,
    /// adding leading zeros so at least one digit precedes the point.
    private static func placePoint(in digits: String, fractionDigits: Int) -> String {
        guard fractionDigits > 0 else { return digits }
        let padded = digits.count <= fractionDigits
            ? String(repeating: "0", count: fractionDigits + 1 - digits.count) + digits
            : digits
        let split = padded.index(padded.endIndex, offsetBy: -fractionDigits)
        return String(padded[..<split]) + "." + String(padded[split...])
    }
}
