import Foundation
import SlotValues
import Testing

/// One row of `Cases/values.tsv`: the expected value in ``SlotValue/description``'s
/// compact form, or `none`.
struct ValueCase: CustomTestStringConvertible, Sendable {
    let line: Int
    let reference: ReferenceTime
    let label: String
    let text: String
    let expected: String

    var testDescription: String { "line \(line): \(label) \"\(text)\" from \(reference.date)" }

    /// The cases of the table, parsed; a malformed row fails the test that reads it.
    static let all: [ValueCase] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases/values.tsv").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 4, let reference = ReferenceTime(parsing: columns[0]) else {
                return ValueCase(line: index + 1, reference: ReferenceTime(date: CivilDate(year: 1970, month: 1, day: 1)!),
                                 label: "malformed", text: String(line), expected: "malformed row")
            }
            return ValueCase(line: index + 1, reference: reference, label: columns[1], text: columns[2], expected: columns[3])
        }
    }()
}

@Suite("Value table (Cases/values.tsv)")
struct ValueTableTests {
    @Test("The table has at least 150 well-formed cases")
    func tableSize() {
        #expect(ValueCase.all.count >= 150)
        #expect(ValueCase.all.allSatisfy { $0.expected != "malformed row" })
    }

    @Test("Each case resolves to its expected value", arguments: ValueCase.all)
    func resolves(_ row: ValueCase) {
        let resolver = ValueResolver(options: ResolutionOptions(reference: row.reference))
        #expect(resolver.value(of: row.text, label: row.label)?.description ?? "none" == row.expected)
    }
}
