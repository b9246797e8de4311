import Foundation
import Testing
@testable import SlotEvaluation

@Suite("FixedPoint formats like printf's %f")
struct FixedPointTests {
    @Test("conlleval's %6.2f on typical scores", arguments: [
        (100.0 / 3, " 33.33"),
        (200.0 / 3, " 66.67"),
        (66.665, " 66.67"),       // stored as 66.66500000000000625…
        (1.005, "  1.00"),        // stored as 1.00499999999999989…
        (99.995, "100.00"),       // stored as 99.99500000000000454…
        (99.9949999, " 99.99"),
        (100.0, "100.00"),
        (0.0, "  0.00"),
        (40.0, " 40.00"),
        (0.005, "  0.01"),        // stored as 0.00500000000000000010…
        (0.125, "  0.12"),        // an exact tie rounds to even
        (0.375, "  0.38"),
        (2.675, "  2.67"),        // stored as 2.67499999999999982…
    ])
    func twoDigits(value: Double, expected: String) {
        #expect(FixedPoint.format(value, fractionDigits: 2, width: 6) == expected)
    }

    @Test("Signs, zero digits, large and tiny values, non-finite values")
    func specialValues() {
        #expect(FixedPoint.format(-0.001, fractionDigits: 2) == "-0.00")
        #expect(FixedPoint.format(-12.345678, fractionDigits: 3) == "-12.346")
        #expect(FixedPoint.format(2.5, fractionDigits: 0) == "2")
        #expect(FixedPoint.format(3.5, fractionDigits: 0) == "4")
        #expect(FixedPoint.format(0.5, fractionDigits: 0) == "0")
        #expect(FixedPoint.format(123456.785, fractionDigits: 2) == "123456.79")
        #expect(FixedPoint.format(1e20, fractionDigits: 2) == "100000000000000000000.00")
        #expect(FixedPoint.format(0x1p80, fractionDigits: 1) == "1208925819614629174706176.0")
        #expect(FixedPoint.format(.leastNonzeroMagnitude, fractionDigits: 2) == "0.00")
        #expect(FixedPoint.format(.greatestFiniteMagnitude, fractionDigits: 0).count == 309)
        #expect(FixedPoint.format(.greatestFiniteMagnitude, fractionDigits: 0).hasPrefix("179769313486231570814527"))
        #expect(FixedPoint.format(.nan, fractionDigits: 2, width: 6) == "   nan")
        #expect(FixedPoint.format(.infinity, fractionDigits: 2) == "inf")
        #expect(FixedPoint.format(-.infinity, fractionDigits: 2) == "-inf")
        #expect(FixedPoint.format(1234.5, fractionDigits: 1, width: 3) == "1234.5")
        #expect(FixedPoint.format(0.1, fractionDigits: 20) == "0.10000000000000000555")
    }

    @Test("Agrees with the C library's printf on many values")
    func agreesWithPrintf() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var values: [Double] = []
        for numerator in 0...200 {
            for denominator in 1...13 { values.append(100 * Double(numerator) / Double(denominator)) }
        }
        for _ in 0..<2000 {
            let bits = next()
            let exponent = Int(bits % 60) - 30
            values.append(Double(bits >> 11) / Double(1 << 53) * Double(sign: .plus, exponent: exponent, significand: 1))
            values.append(Double(bitPattern: next()))
        }
        for value in values where value.isFinite {
            for digits in [0, 2, 4] {
                let expected = String(format: "%.\(digits)f", value)
                #expect(FixedPoint.format(value, fractionDigits: digits) == expected, "value \(value)")
            }
        }
    }
}
