import SlotIO

/// Turns CoNLL lines into sentences, one line at a time.
///
/// Line rules (see ``CoNLLReader``): blank lines end sentences; a line that
/// holds no TAB and starts with `# intent = ` gives the next sentence's intent;
/// other lines that hold no TAB and start with `# ` are comments; every other
/// line is a token line, whose first column is the token and last column the
/// label. Columns are separated by TABs when the line holds one, else by runs
/// of spaces. A token line whose token is `-DOCSTART-` is a CoNLL-2003
/// document marker: it ends the sentence before it and is otherwise ignored.
struct CoNLLParser {
    /// The file name for error messages.
    let file: String
    /// The labels' scheme; `nil` accepts every prefix of every scheme and
    /// leaves labels unconverted (the caller detects the scheme afterwards).
    let scheme: TagScheme?

    private let allowedPrefixes: Set<Character>
    private var tokens: [String] = []
    private var labels: [String] = []
    private var intent: String?
    private var intentLine = 0
    private var firstLine = 0

    init(file: String, scheme: TagScheme?) {
        self.file = file
        self.scheme = scheme
        self.allowedPrefixes = Set((scheme ?? .bioes).prefixes.map { Character(Unicode.Scalar($0)) })
    }

    /// Reads one line.
    ///
    /// - Returns: The sentence the line completes, if it is a blank line after one.
    /// - Throws: ``CorpusError`` naming the line, or ``InputOutputError/invalidUTF8(file:line:)``.
    mutating func consume(_ line: InputLine) throws -> AnnotatedSentence? {
        let bytes = line.bytes
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        if end == 0 { return try finish() }
        let content = bytes[..<end]
        if content.contains(where: { $0 >= 0x80 }), String(validating: content, as: UTF8.self) == nil {
            throw InputOutputError.invalidUTF8(file: file, line: line.number)
        }
        let tab = content.firstIndex(of: 0x09)
        if tab == nil, content.starts(with: Self.commentPrefix) {
            if content.starts(with: Self.intentPrefix) || content.elementsEqual(Self.intentPrefix.dropLast()) {
                try takeIntent(content.dropFirst(Self.intentPrefix.count), line: line.number)
            }
            return nil
        }
        let separator: UInt8 = tab == nil ? 0x20 : 0x09
        guard let firstSeparator = tab ?? content.firstIndex(of: separator) else {
            throw CorpusError.missingLabel(file: file, line: line.number)
        }
        if firstSeparator == content.startIndex { throw CorpusError.emptyToken(file: file, line: line.number) }
        if content[..<firstSeparator].elementsEqual(Self.documentMarker) { return try finish() }
        let lastSeparator = content.lastIndex(of: separator) ?? firstSeparator
        let label = String(decoding: content[(lastSeparator + 1)...], as: UTF8.self)
        try validate(label, line: line.number)
        if tokens.isEmpty { firstLine = intent == nil ? line.number : intentLine }
        tokens.append(String(decoding: content[..<firstSeparator], as: UTF8.self))
        labels.append(label)
        return nil
    }

    /// Ends the input.
    ///
    /// - Returns: The last sentence, when the input does not end with a blank line.
    /// - Throws: ``CorpusError/intentWithoutTokens(file:line:)`` for a dangling intent line.
    mutating func finish() throws -> AnnotatedSentence? {
        guard !tokens.isEmpty else {
            if intent != nil { throw CorpusError.intentWithoutTokens(file: file, line: intentLine) }
            return nil
        }
        let sentence = AnnotatedSentence(
            tokens: tokens,
            labels: scheme?.convertToBIO(labels) ?? labels,
            intent: intent,
            line: firstLine
        )
        tokens.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        intent = nil
        return sentence
    }

    private mutating func takeIntent(_ name: ArraySlice<UInt8>, line: Int) throws {
        if !tokens.isEmpty || intent != nil { throw CorpusError.misplacedIntent(file: file, line: line) }
        let value = String(decoding: name, as: UTF8.self)
        if value.allSatisfy(\.isWhitespace) { throw CorpusError.emptyIntent(file: file, line: line) }
        intent = value
        intentLine = line
    }

    private func validate(_ label: String, line: Int) throws {
        guard case let .chunk(prefix, type) = ChunkLabel(label) else { return }
        if !allowedPrefixes.contains(prefix) {
            throw CorpusError.unknownTagPrefix(file: file, line: line, label: label, scheme: scheme)
        }
        if type.isEmpty { throw CorpusError.emptyLabelType(file: file, line: line, label: label) }
        if type.contains(where: \.isWhitespace) { throw CorpusError.labelTypeWithSpaces(file: file, line: line, label: label) }
    }

    private static let commentPrefix = Array("# ".utf8)
    private static let documentMarker = Array("-DOCSTART-".utf8)
    private static let intentPrefix = Array("# intent = ".utf8)
}
