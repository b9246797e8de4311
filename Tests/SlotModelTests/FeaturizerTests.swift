import Foundation
import Testing
import SlotCorpus
import SlotModel
import SlotVocabulary

@Suite("Featurizer")
struct FeaturizerTests {
    let featurizer = ToyModel.featurizer()

    @Test("words are looked up by their normalised form; unknown words and scalars get the unknown id")
    func encodeTokens() {
        let encoded = featurizer.encode(tokens: ["Boston", "BOSTON", "zürich", ""])
        let boston = featurizer.words.id(of: "boston")
        #expect(boston > Vocabulary.unknownID)
        #expect(encoded.wordIds == [boston, boston, Vocabulary.unknownID, Vocabulary.unknownID])
        #expect(encoded.characterIds[0] == "Boston".unicodeScalars.map { featurizer.characters.id(of: $0) })
        #expect(encoded.characterIds[0][0] == CharacterVocabulary.unknownID)  // capital B never occurs in the toy corpus
        #expect(encoded.characterIds[2][1] == CharacterVocabulary.unknownID)  // nor does ü
        #expect(encoded.characterIds[3] == [CharacterVocabulary.unknownID])
        #expect(encoded.labelIds == nil && encoded.intentId == nil)
    }

    @Test("the training vocabulary is looked up by normalised form; the padding and unknown entries are not in it")
    func trainingVocabulary() {
        #expect(featurizer.isInTrainingVocabulary("boston"))
        #expect(featurizer.isInTrainingVocabulary("BOSTON"))
        #expect(!featurizer.isInTrainingVocabulary("zürich"))
        #expect(!featurizer.isInTrainingVocabulary(Vocabulary.unknownEntry))
        #expect(!featurizer.isInTrainingVocabulary(Vocabulary.paddingEntry))
        #expect(!featurizer.isInTrainingVocabulary(""))
    }

    @Test("annotated sentences get label and intent ids; unknown ones are errors with file and line")
    func encodeSentences() throws {
        let sentence = AnnotatedSentence(tokens: ["fares", "from", "boston"], labels: ["O", "O", "B-fromloc.city_name"],
                                         intent: "atis_airfare", line: 4)
        let encoded = try featurizer.encode(sentence, file: "a.conll")
        #expect(encoded.labelIds == sentence.labels.map { featurizer.labelId($0)! })
        #expect(encoded.intentId == featurizer.intentId("atis_airfare"))
        var badLabel = sentence
        badLabel.labels[2] = "B-airline"
        #expect(throws: ModelError.unknownLabel("B-airline", file: "a.conll", line: 4)) { try featurizer.encode(badLabel, file: "a.conll") }
        var badIntent = sentence
        badIntent.intent = "atis_meal"
        #expect(throws: ModelError.unknownIntent("atis_meal", file: "a.conll", line: 4)) { try featurizer.encode(badIntent, file: "a.conll") }
        badIntent.intent = nil
        #expect(throws: ModelError.unknownIntent("(none)", file: "a.conll", line: 4)) { try featurizer.encode(badIntent, file: "a.conll") }
        #expect(ModelError.unknownLabel("B-airline", file: "a.conll", line: 4).description.hasPrefix("a.conll:4: label 'B-airline'"))
    }

    @Test("JSON round trip keeps every id")
    func codable() throws {
        let data = try JSONEncoder().encode(featurizer)
        let decoded = try JSONDecoder().decode(Featurizer.self, from: data)
        #expect(decoded == featurizer)
        #expect(decoded.labelId("I-toloc.city_name") == featurizer.labelId("I-toloc.city_name"))
        #expect(decoded.encode(tokens: ["to", "denver"]) == featurizer.encode(tokens: ["to", "denver"]))
    }
}
