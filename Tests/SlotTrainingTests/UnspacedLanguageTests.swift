import Testing
import SlotCorpus
import SlotIO
import SlotModel
import SlotTestSupport
import SlotText
import SlotTraining

/// A language written without spaces, end to end: Chinese flight requests as
/// JSONL spans, segmented by the tokenizer's word mode (ICU's dictionary), a
/// tiny model trained on them, and new raw sentences tagged with exact offsets.
@Suite("Languages without spaces")
struct UnspacedLanguageTests {
    static let cities = ["北京", "上海", "广州", "深圳", "成都", "杭州", "西安", "南京"]

    /// Templates with `{from}` and `{to}` places: "I want to fly from A to B",
    /// "A to B flights", "leave A", "arrive B" (到 / 离开 as "arrive Beijing" / "leave Beijing").
    static let templates = [
        "我想从{from}飞往{to}", "从{from}到{to}的航班", "我要离开{from}", "明天到{to}", "帮我订{from}到{to}的机票",
        "我想离开{from}去{to}", "后天从{from}出发",
    ]

    /// One JSONL record: the template filled in, with a span per city.
    static func record(_ template: String, from: String, to: String) -> String {
        var text = "", slots: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest.firstIndex(of: "}") {
            text += rest[..<open]
            let role = rest[rest.index(after: open)..<close]
            let city = role == "from" ? from : to
            let start = text.unicodeScalars.count
            text += city
            slots.append(#"{"start": \#(start), "end": \#(start + city.unicodeScalars.count), "label": "\#(role)"}"#)
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        return #"{"text": "\#(text)", "slots": [\#(slots.joined(separator: ", "))]}"#
    }

    /// Every template with the city pairs whose positions differ by 1 to 3
    /// (mod 8): 24 pairs per template, none of those the test tags.
    static func trainingRecords() -> [String] {
        var records: [String] = []
        for template in templates {
            for index in cities.indices {
                for step in 1...3 {
                    records.append(record(template, from: cities[index], to: cities[(index + step) % cities.count]))
                }
            }
        }
        return records
    }

    static func read(_ records: [String], tokenizer: Tokenizer) throws -> [AnnotatedSentence] {
        let reader = JSONLReader(tokenizer: tokenizer)
        return try records.enumerated().compactMap { index, record in
            try reader.sentence(from: InputLine(file: "flights.jsonl", number: index + 1, bytes: Array(record.utf8)))
        }
    }

    @Test("spans of Chinese text project onto ICU words: 从 | 北京 | 飞 | 往 | 上海")
    func projection() throws {
        let sentence = try #require(try Self.read([Self.record("我想从{from}飞往{to}", from: "北京", to: "上海")], tokenizer: Tokenizer()).first)
        #expect(sentence.tokens == ["我想", "从", "北京", "飞", "往", "上海"])
        #expect(sentence.labels == ["O", "O", "B-from", "O", "O", "B-to"])
    }

    @Test("a span that cuts through an ICU word is an error naming the file and line")
    func spanInsideWord() throws {
        // ICU keeps 我想 as one word: a span over 想 alone cannot become a token label.
        let record = #"{"text": "我想从北京飞往上海", "slots": [{"start": 1, "end": 2, "label": "x"}]}"#
        #expect(throws: CorpusError.spanNotOnTokenBoundary(file: "flights.jsonl", line: 1, start: 1, end: 2, label: "x")) {
            try Self.read([record], tokenizer: Tokenizer())
        }
        // In grapheme mode every character is a token, so the same span is fine.
        let sentence = try #require(try Self.read([record], tokenizer: Tokenizer(mode: .graphemes)).first)
        #expect(sentence.labels[1] == "B-x" && sentence.labels.count == 9)
    }

    @Test("a tiny model trained on word-segmented Chinese tags new raw sentences with exact offsets", .tags(.slow), .skippedWhenFast)
    func trainAndTag() throws {
        let sentences = try Self.read(Self.trainingRecords(), tokenizer: Tokenizer())
        var options = ToyTraining.options(epochs: 6)
        options.architecture.intentHead = false
        options.punctuationRate = 0
        options.slotDropout = 0
        options.wordDropout = 0
        options.numeralRate = 0
        let data = try TrainingData(train: sentences, trainFile: "flights.jsonl", dev: sentences, devFile: "flights.jsonl", options: options)
        let trainer = Trainer(options: options, data: data)
        var state = trainer.initialState()
        _ = trainer.run(&state)
        let tagger = Tagger(
            configuration: ModelConfiguration(architecture: options.architecture, tokenizer: .words, featurizer: data.featurizer),
            network: state.best)
        // City pairs 4 apart never occur in training; 到 makes the destination, 离开 the origin.
        let cases: [(text: String, slots: [(label: String, text: String, start: Int)])] = [
            ("我想从北京飞往成都", [("from", "北京", 3), ("to", "成都", 7)]),
            ("从上海到杭州的航班", [("from", "上海", 1), ("to", "杭州", 4)]),
            ("明天到北京", [("to", "北京", 3)]),
            ("我要离开北京", [("from", "北京", 4)]),
            ("帮我订西安到广州的机票", [("from", "西安", 3), ("to", "广州", 6)]),
        ]
        for (text, expected) in cases {
            let result = tagger.tag(text)
            #expect(result.slots.map(\.label) == expected.map(\.label), "\(text): \(result.slots)")
            for (slot, want) in zip(result.slots, expected) {
                #expect(slot.text == want.text && slot.scalarOffsets == want.start ..< want.start + want.text.count, "\(text)")
                let scalars = Array(text.unicodeScalars)[slot.scalarOffsets]
                #expect(String(String.UnicodeScalarView(scalars)) == want.text)
            }
        }
    }
}
