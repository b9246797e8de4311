import SlotText
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite("Normalizer")
struct NormalizerTests {
    @Test(
        "All steps on: NFKC, full case folding, digits to 0",
        arguments: [
            ("November", "november"),
            ("2nd", "0nd"),
            ("BEIJING", "beijing"),
            ("ｆｕｌｌ", "full"),
            ("ﬁle", "file"),
            ("①", "0"),
            ("Straße", "strasse"),
            ("ΣΑΣ", "σασ"),
            ("١٢:٣٠", "00:00"),
            ("İstanbul", "i\u{307}stanbul"),
            ("Cafe\u{301}", "caf\u{E9}"),
            ("北京", "北京"),
            ("👍🏽", "👍🏽"),
            ("", ""),
        ]
    )
    func allSteps(input: String, expected: String) {
        let key = Normalizer().normalize(input)
        #expect(key.unicodeScalars.map(\.value) == expected.unicodeScalars.map(\.value))
    }

    @Test("Each step can be switched off on its own")
    func switches() {
        #expect(Normalizer(nfkc: false).normalize("ｆｕｌｌ 2") == "ｆｕｌｌ 0")
        #expect(Normalizer(foldCase: false).normalize("Ｆｕｌｌ 2") == "Full 0")
        #expect(Normalizer(replaceDigits: false).normalize("Ｆｕｌｌ 2") == "full 2")
        #expect(Normalizer(nfkc: false, replaceDigits: false).normalize("Straße 2") == "strasse 2")
        #expect(Normalizer.identity.normalize("Ｓtraße 2\u{301}").unicodeScalars.map(\.value)
            == "Ｓtraße 2\u{301}".unicodeScalars.map(\.value))
    }

    @Test("Without NFKC, decomposed text stays decomposed")
    func nfkcOff() {
        let key = Normalizer(nfkc: false).normalize("E\u{301}")
        #expect(key.unicodeScalars.map(\.value) == [0x65, 0x301])
    }

    @Test("Normalizing a key again changes nothing", arguments: ["Straße", "ﬁ", "ΣΑΣ", "İ", "\u{345}", "ǅ", "Ｅ\u{301}"])
    func idempotent(input: String) {
        let normalizer = Normalizer()
        let key = normalizer.normalize(input)
        #expect(normalizer.normalize(key).unicodeScalars.map(\.value) == key.unicodeScalars.map(\.value))
    }

    @Test("Substrings normalise like strings")
    func substrings() {
        let text = "fly to BEIJING"
        #expect(Normalizer().normalize(text.split(separator: " ")[2]) == "beijing")
    }

    @Test("Settings encode as three Booleans and missing keys decode as on")
    func codable() throws {
        let normalizer = Normalizer(nfkc: true, foldCase: false, replaceDigits: true)
        let data = try JSONEncoder().encode(normalizer)
        #expect(try JSONDecoder().decode(Normalizer.self, from: data) == normalizer)
        let partial = try JSONDecoder().decode(Normalizer.self, from: Data(#"{"foldCase": false}"#.utf8))
        #expect(partial == Normalizer(nfkc: true, foldCase: false, replaceDigits: true))
    }

    @Test("Tokenizer settings encode the mode by name")
    func tokenizerCodable() throws {
        let data = try JSONEncoder().encode(Tokenizer(mode: .graphemes))
        #expect(String(decoding: data, as: UTF8.self) == #"{"mode":"graphemes"}"#)
        #expect(try JSONDecoder().decode(Tokenizer.self, from: data) == Tokenizer(mode: .graphemes))
    }
}
