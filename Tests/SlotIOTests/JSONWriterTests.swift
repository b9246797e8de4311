import SlotIO
import Testing

@Suite("JSONWriter: JSON text member by member")
struct JSONWriterTests {
    @Test("Separators between members and elements, none after keys, nested containers")
    func layout() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a"); writer.integer(-12)
        writer.key("b"); writer.beginArray()
        writer.string("x\"y"); writer.null(); writer.beginObject(); writer.endObject(); writer.beginArray(); writer.endArray()
        writer.endArray()
        writer.key("c"); writer.json(#"{"d": true}"#)
        writer.endObject()
        #expect(writer.text == #"{"a": -12, "b": ["x\"y", null, {}, []], "c": {"d": true}}"#)
    }

    @Test("Integers at the ends of their range")
    func integers() {
        for value in [0, 7, 10, -1, Int.max, Int.min] {
            var writer = JSONWriter()
            writer.integer(value)
            #expect(writer.text == String(value))
        }
    }

    @Test("A decimal reads as Double's description of the same quotient, for every 4-place value up to 3")
    func decimals() {
        let differing = (Array(-10_000...30_000) + [123_456_789, 999_999_999_999_999]).filter { units in
            var writer = JSONWriter()
            writer.decimal(units: units, decimals: 4)
            return writer.text != JSONWriter.numberLiteral(Double(units) / 10_000)
        }
        #expect(differing.isEmpty)
        for (units, decimals) in [(5, 1), (15, 2), (1, 3), (0, 2)] {
            var writer = JSONWriter()
            writer.decimal(units: units, decimals: decimals)
            #expect(writer.text == JSONWriter.numberLiteral(Double(units) / [1.0, 10, 100, 1000][decimals]))
        }
    }

    @Test("Numbers: 0.0 for either zero, nothing written for NaN and infinities")
    func numbers() {
        var writer = JSONWriter()
        writer.beginArray()
        #expect(writer.number(-0.0) && writer.number(2.5))
        #expect(!writer.number(.nan) && !writer.number(-.infinity))
        writer.endArray()
        #expect(writer.text == "[0.0, 2.5]")
    }
}
