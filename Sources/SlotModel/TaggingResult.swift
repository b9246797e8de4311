import SlotText
import SlotValues

/// What the tagger found in one utterance: every token with its label, the
/// slots (chunks of tokens that share a label type), the intent and the
/// ranking of every intent.
///
/// With the shipped `models/atis-en` (these values are checked by a test):
/// ```swift
/// let result = tagger.tag("leave St. Louis tomorrow")
/// for slot in result.slots {
///     print(slot.label, slot.text, slot.scalarOffsets, slot.confidence)
///     // fromloc.city_name St. Louis 6..<15 0.9679
///     // depart_date.today_relative tomorrow 16..<24 0.9790
/// }
/// result.tokens(of: result.slots[0]).map(\.label)   // ["B-fromloc.city_name", "I-fromloc.city_name"]
/// result.intent                                     // Intent(label: "atis_flight", confidence: 0.8838)
/// result.intentRanking.prefix(2).map(\.label)       // ["atis_flight", "atis_airport"]
/// ```
/// "St." is one token because the model's vocabulary holds "st." (see
/// ``Tagger/tokenize(_:)``). A slot's ``Slot/text`` is already the joined
/// original text of its tokens (with the spaces or punctuation between them
/// as they were typed).
public struct TaggingResult: Hashable, Sendable {
    /// The utterance exactly as given.
    public let text: String
    /// The tokens with their labels and confidences, in order.
    public let tokens: [TaggedToken]
    /// The slots, in order of appearance.
    public let slots: [Slot]
    /// The intent of the utterance, when the model has an intent head and the
    /// utterance has tokens: the first of ``intentRanking``, or
    /// ``IntentFallback/intent`` when the tagger has an ``Tagger/intentFallback``
    /// and that first intent's probability is below its threshold.
    public let intent: Intent?
    /// Every intent the model knows with its probability, best first (ties in
    /// the model's intent order); the probabilities sum to 1. Empty when
    /// ``intent`` is `nil`. A fallback leaves the ranking as the model gave it.
    public let intentRanking: [Intent]

    /// The values the slots resolve to, sibling slots grouped: each group's
    /// name, member indices in ``slots`` and value (see ``Slot/value``).
    ///
    /// ```swift
    /// let reference = ReferenceTime(date: CivilDate(year: 2026, month: 10, day: 28)!)
    /// let result = tagger.tag("flights after 5 pm on november 2nd", resolving: ResolutionOptions(reference: reference))
    /// for group in result.values {
    ///     print(group.name, group.value.value, group.members.map { result.slots[$0].label })
    /// }
    /// // depart_time 17:00 ["depart_time.time_relative", "depart_time.time"]
    /// // depart_date 2026-11-02 ["depart_date.month_name", "depart_date.day_number"]
    /// ```
    public let values: [ValueGroup]

    /// Creates a result.
    public init(
        text: String, tokens: [TaggedToken], slots: [Slot], intent: Intent?, intentRanking: [Intent] = [],
        values: [ValueGroup] = []
    ) {
        self.text = text
        self.tokens = tokens
        self.slots = slots
        self.intent = intent
        self.values = values
        self.intentRanking = intentRanking
    }

    /// Whether ``intent`` is a fallback: the model's best intent was below the
    /// tagger's ``Tagger/intentFallback`` threshold.
    public var isFallback: Bool {
        guard let intent, let best = intentRanking.first else { return false }
        return intent.label != best.label
    }

    /// The first slot with the given label, if any (`result.slot("toloc.city_name")?.text`).
    public func slot(_ label: String) -> Slot? {
        slots.first { $0.label == label }
    }

    /// All slots with the given label.
    public func slots(_ label: String) -> [Slot] {
        slots.filter { $0.label == label }
    }

    /// The tokens a slot covers, with their `B-`/`I-` labels.
    ///
    /// - Parameter slot: one of ``slots``.
    /// - Returns: the slot's tagged tokens, in order.
    public func tokens(of slot: Slot) -> ArraySlice<TaggedToken> {
        tokens[slot.tokenIndices]
    }
}

/// One token with the label the model gave it.
public struct TaggedToken: Hashable, Sendable {
    /// The token, with its text and offsets in the original utterance.
    public let token: Token
    /// The BIO label, e.g. `B-fromloc.city_name` or `O`.
    public let label: String
    /// The marginal probability of this label at this token over all valid
    /// labellings (the CRF's forward-backward marginal, or the softmax's).
    public let confidence: Float

    /// Creates a tagged token.
    public init(token: Token, label: String, confidence: Float) {
        self.token = token
        self.label = label
        self.confidence = confidence
    }

    /// Whether the label starts a slot (`B-X`).
    public var isBeginning: Bool { label.hasPrefix("B-") }
    /// Whether the label continues a slot (`I-X`).
    public var isInside: Bool { label.hasPrefix("I-") }
    /// The slot type of a `B-X` or `I-X` label (`X`), or `nil` for `O` and other labels.
    public var slotType: Substring? {
        isBeginning || isInside ? label.dropFirst(2) : nil
    }
}

/// A slot: a run of tokens labelled `B-type I-type …`, with its exact text.
///
/// `text` is the original text from the first token's start to the last
/// token's end, so case, accents and inner spaces or punctuation are kept:
/// "St. Louis", "Zürich". `range` and the offsets locate it in the utterance.
public struct Slot: Hashable, Sendable {
    /// The slot's type, the label without its `B-`/`I-` prefix (`toloc.city_name`).
    public let label: String
    /// The original text the slot covers.
    public let text: Substring
    /// The slot's range in the original `String`.
    public let range: Range<String.Index>
    /// Offsets in Unicode scalars (what Python's `str` indexes).
    public let scalarOffsets: Range<Int>
    /// Offsets in UTF-16 code units.
    public let utf16Offsets: Range<Int>
    /// Offsets in UTF-8 bytes.
    public let utf8Offsets: Range<Int>
    /// The indices of the slot's tokens in ``TaggingResult/tokens``.
    public let tokenIndices: Range<Int>
    /// The probability that exactly these tokens form exactly this slot: the
    /// tokens carry its `B-X I-X …` labels and the next token does not
    /// continue it, summed over every labelling of the rest of the utterance
    /// (from the CRF's forward-backward messages, under the BIO constraints).
    public let confidence: Float
    /// The value of the slot's group, when the slot names a date, time,
    /// number or amount that resolves: "2nd" in `depart_date.day_number`
    /// carries the date its group makes with its month (`2026-11-02`), like
    /// the other members of ``TaggingResult/values``' group.
    public let value: SlotValue?
    /// The canonical form of the slot's text in the model's synonym table
    /// ("NYC" → "New York"), when the model has one and it holds the text.
    public let canonical: String?

    /// Creates a slot.
    public init(
        label: String, text: Substring, range: Range<String.Index>, scalarOffsets: Range<Int>,
        utf16Offsets: Range<Int>, utf8Offsets: Range<Int>, tokenIndices: Range<Int>, confidence: Float,
        value: SlotValue? = nil, canonical: String? = nil
    ) {
        self.label = label
        self.text = text
        self.range = range
        self.scalarOffsets = scalarOffsets
        self.utf16Offsets = utf16Offsets
        self.utf8Offsets = utf8Offsets
        self.tokenIndices = tokenIndices
        self.confidence = confidence
        self.value = value
        self.canonical = canonical
    }

    /// The same slot with a value and a canonical form.
    package func with(value: SlotValue?, canonical: String?) -> Slot {
        Slot(label: label, text: text, range: range, scalarOffsets: scalarOffsets, utf16Offsets: utf16Offsets,
             utf8Offsets: utf8Offsets, tokenIndices: tokenIndices, confidence: confidence, value: value, canonical: canonical)
    }
}

/// The intent of an utterance with the model's probability for it.
public struct Intent: Hashable, Sendable {
    /// The intent's name, e.g. `atis_flight`.
    public let label: String
    /// The probability the intent head's softmax gives it.
    public let confidence: Float

    /// Creates an intent.
    public init(label: String, confidence: Float) {
        self.label = label
        self.confidence = confidence
    }
}
