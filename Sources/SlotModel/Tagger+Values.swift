import SlotValues

extension Tagger {
    /// The result with the values its slots resolve to (grouped, on the
    /// result and on each member slot) and their canonical forms from the
    /// model's synonym table.
    ///
    /// - Parameters:
    ///   - result: a result without values.
    ///   - options: the reference moment and default currency.
    /// - Returns: the result with ``TaggingResult/values``, ``Slot/value`` and ``Slot/canonical`` filled in.
    func resolvingValues(_ result: TaggingResult, options: ResolutionOptions) -> TaggingResult {
        guard !result.slots.isEmpty else { return result }
        let groups = ValueResolver(options: options).values(of: result.slots.map { ($0.label, String($0.text)) })
        var slotValues = [SlotValue?](repeating: nil, count: result.slots.count)
        for group in groups {
            for member in group.members { slotValues[member] = group.value }
        }
        let synonyms = configuration.synonyms
        let slots = result.slots.indices.map { index in
            result.slots[index].with(value: slotValues[index], canonical: synonyms?.canonical(for: result.slots[index].text))
        }
        return TaggingResult(text: result.text, tokens: result.tokens, slots: slots, intent: result.intent, values: groups)
    }
}
