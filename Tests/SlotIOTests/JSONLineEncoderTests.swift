import Foundation
import SlotIO
import Testing

@Suite("JSONLineEncoder: one line of JSON, keys in encode order")
struct JSONLineEncoderTests {
    struct Member: Encodable {
        var name: String
        var score: Double
        var tags: [String]
    }

    /// Keys deliberately not in alphabetical order, with nesting, an optional and an empty array.
    struct Record: Encodable {
        var zeta: Int
        var alpha: String?
        var members: [Member]
        var nested: [[Int]]
        var flag: Bool
        var empty: [Int]
    }

    let record = Record(
        zeta: -3, alpha: nil,
        members: [Member(name: "a \"b\"", score: 0.25, tags: ["x", "y"]), Member(name: "c", score: 1, tags: [])],
        nested: [[1, 2], [], [3]], flag: true, empty: [])

    @Test("Writes members in the order encode(to:) gives them, with ', ' and ': ' separators")
    func orderAndSeparators() throws {
        let text = try JSONLineEncoder().encode(record)
        #expect(text == #"{"zeta": -3, "members": [{"name": "a \"b\"", "score": 0.25, "tags": ["x", "y"]}, {"name": "c", "score": 1.0, "tags": []}], "nested": [[1, 2], [], [3]], "flag": true, "empty": []}"#)
    }

    @Test("Foundation's decoder reads back what it writes")
    func roundTripsThroughFoundation() throws {
        let text = try JSONLineEncoder().encode(record)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["zeta"] as? Int == -3)
        #expect(object["alpha"] == nil)
        #expect((object["members"] as? [[String: Any]])?.first?["name"] as? String == "a \"b\"")
    }

    struct WithNull: Encodable {
        enum CodingKeys: String, CodingKey { case value, after }
        var value: Int?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(value, forKey: .value)
            try container.encode("x", forKey: .after)
        }
    }

    @Test("An explicitly encoded nil is null")
    func explicitNull() throws {
        #expect(try JSONLineEncoder().encode(WithNull(value: nil)) == #"{"value": null, "after": "x"}"#)
    }

    /// Writes its members through two calls to `container(keyedBy:)`, as a value that wraps another does.
    struct Wrapper: Encodable {
        enum CodingKeys: String, CodingKey { case extra }
        var inner: Member
        func encode(to encoder: any Encoder) throws {
            try inner.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode([1], forKey: .extra)
        }
    }

    @Test("A second container(keyedBy:) on the same encoder continues the same object")
    func secondContainerContinuesObject() throws {
        let text = try JSONLineEncoder().encode([Wrapper(inner: Member(name: "n", score: 0, tags: ["t"]))])
        #expect(text == #"[{"name": "n", "score": 0.0, "tags": ["t"], "extra": [1]}]"#)
    }

    @Test("NaN and infinities are refused, so no record ever holds nan", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteThrows(value: Double) {
        #expect(throws: EncodingError.self) { try JSONLineEncoder().encode(Member(name: "x", score: value, tags: [])) }
        #expect(throws: EncodingError.self) { try JSONLineEncoder().encode([Float(value)]) }
    }

    @Test("The error for a non-finite number names the keys that lead to it")
    func nonFiniteCodingPath() throws {
        var damaged = record
        damaged.members[1].score = .nan
        do {
            _ = try JSONLineEncoder().encode(damaged)
            Issue.record("a NaN was encoded")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["members", "score"])
        }
    }

    @Test("Top-level primitives and strings with every escape")
    func primitives() throws {
        #expect(try JSONLineEncoder().encode(42) == "42")
        #expect(try JSONLineEncoder().encode("\"\\\n\r\t\u{8}\u{C}\u{0}\u{1F}é") == #""\"\\\n\r\t\b\f\u0000\u001fé""#)
        #expect(try JSONLineEncoder().encode([Float(0.97)]) == "[0.97]")
    }
}
