import SlotText
import Testing

@Suite("Separators")
struct SeparatorTests {
    @Test("Separators are exactly White_Space plus U+200B, U+2060 and U+FEFF, over every scalar")
    func everyScalar() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = scalar.properties.isWhitespace || [0x200B, 0x2060, 0xFEFF].contains(value)
            if Tokenizer.isSeparator(scalar) != expected { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty)
    }
}
