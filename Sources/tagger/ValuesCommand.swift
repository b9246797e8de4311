import ArgumentParser
import SlotCommandLine
import SlotTagger

/// `tagger values`: the values of the annotated slots of a corpus, and how
/// many of the slots that can carry a value get one.
struct ValuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values",
        abstract: "Resolve the values of the slots annotated in CoNLL files, and report the coverage.",
        discussion: """
            Reads annotated CoNLL files (the gold slots, not a model's) and writes one \
            tab-separated line per slot that can carry a value (its label names a date, time, \
            number or money part; see SlotRole): the sentence's line, the slot's label and text, \
            the group it resolved in, and the value in compact form ('none' when it has none). \
            Standard error gets the coverage: per kind and overall, how many such slots got a value; \
            slots that name only a relation or modifier ('after', 'cheapest', 'next') are counted apart.

            Example:
              $ tagger values --reference-date 2026-11-27 corpora/atis/test.conll > values.tsv
            """
    )

    @OptionGroup
    var reference: ReferenceOptions

    @Argument(help: ArgumentHelp("Annotated CoNLL files.", valueName: "file"))
    var files: [String]

    func run() throws {
        let output = LineWriter(fileDescriptor: 1, name: "<stdout>")
        let resolver = ValueResolver(options: reference.resolution)
        var coverage = ValueCoverage()
        try ErrorReporting.run(suggestsLossy: false) {
            for path in files {
                let reader = try LineReader(contentsOf: path)
                _ = try CoNLLReader.forEachSentence(in: reader, scheme: .bioes) { sentence in
                    let slots = SlotAssembler.chunks(sentence.labels).map {
                        (label: $0.type, text: sentence.tokens[$0.tokens].joined(separator: " "))
                    }
                    let groups = resolver.values(of: slots)
                    for (index, slot) in slots.enumerated() {
                        guard let role = SlotRole(label: slot.label) else { continue }
                        let group = groups.first { $0.members.contains(index) }
                        coverage.count(SlotRole.isModifier(slot.label) ? nil : role.kind, resolved: group != nil)
                        try output.write("\(sentence.line)\t\(slot.label)\t\(slot.text)\t\(group?.name ?? "-")\t\(group?.value.description ?? "none")\n")
                    }
                }
            }
            try output.flush()
            for line in coverage.lines { Diagnostics.note(line) }
        }
    }
}

/// Counts of value-carrying slots and of those that got a value, by kind
/// (`nil`: relation and modifier slots).
struct ValueCoverage {
    private var counts: [SlotRole.Kind?: (slots: Int, resolved: Int)] = [:]

    mutating func count(_ kind: SlotRole.Kind?, resolved: Bool) {
        counts[kind, default: (0, 0)].slots += 1
        if resolved { counts[kind, default: (0, 0)].resolved += 1 }
    }

    /// One line per kind, then the total: `date: 380 of 400 slots (95.0%)`.
    var lines: [String] {
        let kinds: [(SlotRole.Kind, String)] = [(.date, "date"), (.time, "time"), (.number, "number"), (.money, "money"), (.any, "date or time")]
        var lines = kinds.compactMap { kind, name in counts[kind].map { line(name, $0) } }
        let total = counts.filter { $0.key != nil }.values.reduce((slots: 0, resolved: 0)) { ($0.slots + $1.slots, $0.resolved + $1.resolved) }
        lines.append(line("all values", total))
        if let modifiers = counts[nil] { lines.append(line("relations and modifiers (joined to a value)", modifiers)) }
        return lines
    }

    private func line(_ name: String, _ count: (slots: Int, resolved: Int)) -> String {
        let share = count.slots == 0 ? 0 : (1000 * count.resolved / count.slots)
        return "\(name): \(count.resolved) of \(count.slots) slots have a value (\(share / 10).\(share % 10)%)"
    }
}
