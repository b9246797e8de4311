import Foundation
import SlotValues
import Testing

@Suite("Synonym tables")
struct SynonymTableTests {
    @Test("Both JSON forms give the same table; lookups ignore case and spaces")
    func jsonForms() throws {
        let byCanonical = try SynonymTable(parsing: #"{"New York": ["NYC", "new york city"], "Los Angeles": ["LA"]}"#, format: .json)
        let byVariant = try SynonymTable(parsing: #"{"NYC": "New York", "new york city": "New York", "LA": "Los Angeles"}"#, format: .json)
        #expect(byCanonical == byVariant)
        #expect(byCanonical.canonical(for: "nyc") == "New York")
        #expect(byCanonical.canonical(for: "New  York   CITY") == "New York")
        #expect(byCanonical.canonical(for: "new york") == "New York")   // the canonical form maps to itself
        #expect(byCanonical.canonical(for: "la") == "Los Angeles")
        #expect(byCanonical.canonical(for: "boston") == nil)
        #expect(byCanonical.count == 5)
    }

    @Test("CSV lines, quoted fields and comments")
    func csv() throws {
        let table = try SynonymTable(parsing: "# airports\nJFK,New York\n\"Washington, D.C.\",Washington\r\n\n  lax , Los Angeles\n", format: .csv)
        #expect(table.canonical(for: "jfk") == "New York")
        #expect(table.canonical(for: "washington, d.c.") == "Washington")
        #expect(table.canonical(for: "LAX") == "Los Angeles")
    }

    @Test("Bad tables are typed errors naming what is wrong")
    func errors() {
        #expect(throws: SynonymError.invalidCSV(line: 2, reason: "expected two fields, variant,canonical")) {
            try SynonymTable(parsing: "a,b\nc\n", format: .csv)
        }
        #expect(throws: SynonymError.invalidCSV(line: 1, reason: "expected two fields, variant,canonical")) {
            try SynonymTable(parsing: "\"a,b\n", format: .csv)
        }
        #expect(throws: SynonymError.conflictingCanonical(variant: "la", first: "Los Angeles", second: "Louisiana")) {
            try SynonymTable(parsing: "LA,Los Angeles\nla,Louisiana\n", format: .csv)
        }
        #expect(throws: SynonymError.emptyEntry(variant: "", canonical: "X")) {
            try SynonymTable(pairs: [("", "X")])
        }
        #expect(throws: SynonymError.self) { try SynonymTable(parsing: "[1, 2]", format: .json) }
        #expect(throws: SynonymError.self) { try SynonymTable(parsing: #"{"a": 3}"#, format: .json) }
        #expect(SynonymTable.Format(path: "cities.CSV") == .csv && SynonymTable.Format(path: "a.json") == .json)
        #expect(SynonymTable.Format(path: "a.txt") == nil)
    }

    @Test("A table survives a JSON round trip")
    func codable() throws {
        let table = try SynonymTable(pairs: [("NYC", "New York"), ("LA", "Los Angeles")])
        let decoded = try JSONDecoder().decode(SynonymTable.self, from: JSONEncoder().encode(table))
        #expect(decoded == table)
    }
}
