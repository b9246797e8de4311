import Foundation
import SlotValues
import Testing

/// One row of `Cases/values.tsv`.
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
            guard columns.count == 4, let reference = parseReference(columns[0]) else {
                return ValueCase(line: index + 1, reference: ReferenceTime(date: CivilDate(year: 1970, month: 1, day: 1)!),
                                 label: "malformed", text: String(line), expected: "malformed row")
            }
            return ValueCase(line: index + 1, reference: reference, label: columns[1], text: columns[2], expected: columns[3])
        }
    }()

    /// `2026-11-27` or `2026-11-27T10:00`.
    static func parseReference(_ text: String) -> ReferenceTime? {
        let parts = text.split(separator: "T")
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        guard date.count == 3, let day = CivilDate(year: date[0], month: date[1], day: date[2]) else { return nil }
        guard parts.count == 2 else { return ReferenceTime(date: day) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard time.count == 2, let clock = ClockTime(hour: time[0], minute: time[1]) else { return nil }
        return ReferenceTime(date: day, time: clock)
    }
}

/// The compact form the table writes expected values in: `date 2027 grain=year`,
/// `money 400 USD relation=below`, `none`.
func compact(_ value: SlotValue?) -> String {
    guard let value else { return "none" }
    var text = "\(value.type.rawValue) \(value.value)"
    if let currency = value.currency { text += " \(currency)" }
    if value.type == .date, let grain = value.grain, grain != .day { text += " grain=\(grain.rawValue)" }
    if let relation = value.relation { text += " relation=\(relation.rawValue)" }
    return text
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
        #expect(compact(resolver.value(of: row.text, label: row.label)) == row.expected)
    }
}
