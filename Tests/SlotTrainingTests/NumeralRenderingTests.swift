import Testing
import SlotCorpus
import SlotTestSupport
import SlotTraining

@Suite("NumeralRendering")
struct NumeralRenderingTests {
    /// Renders a sentence given as `word/label` pairs (label `O` when omitted).
    static func render(_ pairs: [(String, String)]) -> [String]? {
        NumeralRendering.render(tokens: pairs.map(\.0), labels: pairs.map(\.1)).map { rendering in
            zip(rendering.tokens, rendering.labels).map { $1 == "O" ? $0 : "\($0)/\($1)" }
        }
    }

    @Test("a two-word ordinal inside one chunk becomes one numeral with the chunk's first label")
    func twoWordOrdinal() {
        let rendered = Self.render([
            ("on", "O"), ("may", "B-date.month"), ("twenty", "B-date.day"), ("first", "I-date.day"), ("please", "O"),
        ])
        #expect(rendered == ["on", "may/B-date.month", "21st/B-date.day", "please"])
    }

    @Test("ordinal suffixes: 1st 2nd 3rd 4th 11th 12th 13th 20th 22nd 30th")
    func suffixes() {
        let cases: [(String, String)] = [
            ("first", "1st"), ("second", "2nd"), ("third", "3rd"), ("fourth", "4th"), ("eleventh", "11th"),
            ("twelfth", "12th"), ("thirteenth", "13th"), ("twentieth", "20th"), ("thirtieth", "30th"),
        ]
        for (word, numeral) in cases {
            #expect(Self.render([("the", "O"), (word, "B-day")]) == ["the", "\(numeral)/B-day"], "\(word)")
        }
        #expect(Self.render([("twenty", "B-day"), ("second", "I-day")]) == ["22nd/B-day"])
    }

    @Test("cardinals become digits, with the words around them kept")
    func cardinals() {
        #expect(Self.render([("at", "O"), ("seven", "B-time"), ("pm", "I-time")]) == ["at", "7/B-time", "pm/I-time"])
        #expect(Self.render([("fifteen", "B-n"), ("people", "O")]) == ["15/B-n", "people"])
        #expect(Self.render([("thirty", "B-n"), ("six", "I-n")]) == ["36/B-n"])
    }

    @Test("two numbers side by side (a time such as 'seven thirty') are left alone")
    func adjacentNumbers() {
        #expect(Self.render([("at", "O"), ("seven", "B-time"), ("thirty", "I-time")]) == nil)
        #expect(Self.render([("twenty", "B-t"), ("one", "I-t"), ("fifteen", "I-t")]) == nil)
    }

    @Test("a tens word and a unit in different chunks are two numbers, so neither is rendered")
    func differentChunks() {
        #expect(Self.render([("twenty", "B-a"), ("first", "B-b")]) == nil)
    }

    @Test("cardinal one and sentences without numbers are left alone")
    func untouched() {
        #expect(Self.render([("one", "B-round_trip"), ("way", "I-round_trip")]) == nil)
        #expect(Self.render([("flights", "O"), ("from", "O"), ("boston", "B-city")]) == nil)
        #expect(Self.render([("twenty", "B-d"), ("one", "I-d")]) == ["21/B-d"])
    }

    @Test("an amount in dollars becomes '$' and the amount, in the same chunk")
    func dollars() {
        #expect(Self.render([("under", "O"), ("400", "B-fare"), ("dollars", "I-fare")]) == ["under", "$/B-fare", "400/I-fare"])
        #expect(Self.render([("400", "B-fare"), ("dollars", "O")]) == nil)
    }

    @Test("upper-case words are read and labels follow the tokens")
    func upperCase() {
        #expect(Self.render([("May", "B-m"), ("Fifteenth", "B-d")]) == ["May/B-m", "15th/B-d"])
    }

    @Test("training data keeps an encoded numeral variant for each sentence with numbers, and only then")
    func trainingVariants() throws {
        var options = ToyTraining.options(epochs: 1)
        options.numeralRate = 0.5
        let dated = AnnotatedSentence(
            tokens: ["flights", "on", "may", "twenty", "first"],
            labels: ["O", "O", "B-depart_date.month_name", "B-depart_date.day_number", "I-depart_date.day_number"],
            intent: "atis_flight")
        let data = try TrainingData(
            train: ToySlotCorpus.sentences + [dated], trainFile: "toy.conll",
            dev: ToySlotCorpus.sentences, devFile: "toy-dev.conll", options: options)
        #expect(data.numeralVariants.count == data.train.count)
        #expect(data.numeralVariants.dropLast().allSatisfy { $0 == nil })
        let variant = try #require(data.numeralVariants.last ?? nil)
        let featurizer = data.featurizer
        #expect(variant.wordIds == featurizer.encode(tokens: ["flights", "on", "may", "21st"]).wordIds)
        let labels = ["O", "O", "B-depart_date.month_name", "B-depart_date.day_number"]
        #expect(variant.labelIds == labels.compactMap { featurizer.labelId($0) })
        #expect(featurizer.words.lookUp(featurizer.normalizer.normalize("21st")) != nil, "numerals get vectors of their own")

        options.numeralRate = 0
        let plain = try TrainingData(
            train: ToySlotCorpus.sentences + [dated], trainFile: "toy.conll",
            dev: ToySlotCorpus.sentences, devFile: "toy-dev.conll", options: options)
        #expect(plain.numeralVariants.allSatisfy { $0 == nil })
        #expect(plain.featurizer.words.lookUp(plain.featurizer.normalizer.normalize("21st")) == nil)
    }
}
