#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A gazetteer of canonical forms: slot texts that name one thing ("NYC",
/// "new york city") map to its canonical form ("New York").
///
/// Lookups ignore case and runs of spaces; every canonical form also maps to
/// itself. A model bundle may carry a table (`trainer --synonyms FILE`); the
/// tagger then gives each slot whose text is in it a ``canonical(for:)`` form.
///
/// Two file forms are read:
/// ```json
/// {"New York": ["NYC", "new york city"], "Los Angeles": ["LA", "L.A."]}
/// {"NYC": "New York", "new york city": "New York"}
/// ```
/// (an object of canonical form → variants, or of variant → canonical form;
/// both may be mixed), and CSV with one `variant,canonical` pair per line
/// (fields may be double-quoted; `#` starts a comment line).
public struct SynonymTable: Hashable, Sendable, Codable {
    /// Canonical forms by normalised variant.
    public let entries: [String: String]

    /// Creates a table from variant → canonical pairs.
    ///
    /// - Throws: ``SynonymError/conflictingCanonical(variant:first:second:)``
    ///   when one variant (ignoring case) is given two canonical forms, and
    ///   ``SynonymError/emptyEntry(variant:canonical:)`` for an empty side.
    public init(pairs: [(variant: String, canonical: String)]) throws(SynonymError) {
        var entries: [String: String] = [:]
        func add(_ variant: String, _ canonical: String) throws(SynonymError) {
            let key = Self.normalized(variant)
            if let existing = entries[key], existing != canonical {
                throw .conflictingCanonical(variant: variant, first: existing, second: canonical)
            }
            entries[key] = canonical
        }
        for (variant, canonical) in pairs {
            let trimmedCanonical = canonical.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !Self.normalized(variant).isEmpty, !trimmedCanonical.isEmpty else {
                throw .emptyEntry(variant: variant, canonical: canonical)
            }
            try add(trimmedCanonical, trimmedCanonical)
            try add(variant, trimmedCanonical)
        }
        self.entries = entries
    }

    /// Reads a table from the text of a JSON or CSV file.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - format: how to read it.
    /// - Throws: ``SynonymError`` naming what is wrong (and the line, for CSV).
    public init(parsing text: String, format: Format) throws(SynonymError) {
        switch format {
        case .json: try self.init(pairs: Self.jsonPairs(text))
        case .csv: try self.init(pairs: Self.csvPairs(text))
        }
    }

    /// The file forms a table is read from.
    public enum Format: String, Sendable, CaseIterable {
        /// A JSON object (canonical → variants, or variant → canonical).
        case json
        /// `variant,canonical` lines.
        case csv

        /// The format a file name's extension names (`.json`, `.csv`), or `nil`.
        public init?(path: String) {
            let lowered = path.lowercased()
            if lowered.hasSuffix(".json") { self = .json } else if lowered.hasSuffix(".csv") { self = .csv } else { return nil }
        }
    }

    /// The canonical form of a text, ignoring case and runs of spaces, or
    /// `nil` when the table does not hold it.
    public func canonical(for text: some StringProtocol) -> String? {
        entries[Self.normalized(text)]
    }

    /// The number of variants (canonical forms included).
    public var count: Int { entries.count }

    /// Lower case, words separated by one space.
    static func normalized(_ text: some StringProtocol) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func jsonPairs(_ text: String) throws(SynonymError) -> [(variant: String, canonical: String)] {
        let object: [String: StringOrList]
        do {
            object = try JSONDecoder().decode([String: StringOrList].self, from: Data(text.utf8))
        } catch {
            throw .invalidJSON(reason: "expected an object whose values are strings or lists of strings")
        }
        var pairs: [(variant: String, canonical: String)] = []
        for key in object.keys.sorted() {
            switch object[key]! {
            case let .string(canonical): pairs.append((key, canonical))
            case let .list(variants): pairs += variants.map { ($0, key) }
            }
        }
        return pairs
    }

    private static func csvPairs(_ text: String) throws(SynonymError) -> [(variant: String, canonical: String)] {
        var pairs: [(variant: String, canonical: String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            guard let fields = csvFields(line), fields.count == 2 else {
                throw .invalidCSV(line: index + 1, reason: "expected two fields, variant,canonical")
            }
            pairs.append((fields[0], fields[1]))
        }
        return pairs
    }

    /// The comma-separated fields of a line (double quotes protect commas;
    /// `""` inside quotes is a quote), or `nil` for an unclosed quote.
    private static func csvFields(_ line: Substring) -> [String]? {
        var fields: [String] = [], field = "", quoted = false, wasQuoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                if wasQuoted { field.append("\"") }   // "" inside a quoted field
                quoted = true
                wasQuoted = true
            } else if character == "," {
                fields.append(wasQuoted ? field : field.trimmingSpaces)
                field = ""
                wasQuoted = false
            } else {
                field.append(character)
            }
        }
        guard !quoted else { return nil }
        fields.append(wasQuoted ? field : field.trimmingSpaces)
        return fields
    }

    /// A JSON value that is a string or a list of strings.
    private enum StringOrList: Decodable {
        case string(String)
        case list([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .string(text) } else { self = .list(try container.decode([String].self)) }
        }
    }
}

/// Why a synonym table could not be read.
public enum SynonymError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON is malformed or not an object of strings or lists of strings.
    case invalidJSON(reason: String)
    /// A CSV line is not `variant,canonical`.
    case invalidCSV(line: Int, reason: String)
    /// One variant (ignoring case) is given two canonical forms.
    case conflictingCanonical(variant: String, first: String, second: String)
    /// A variant or canonical form is empty.
    case emptyEntry(variant: String, canonical: String)

    public var description: String {
        switch self {
        case let .invalidJSON(reason): "synonym table is not valid: \(reason)"
        case let .invalidCSV(line, reason): "synonym table line \(line): \(reason)"
        case let .conflictingCanonical(variant, first, second): "synonym '\(variant)' maps to both '\(first)' and '\(second)'"
        case let .emptyEntry(variant, canonical): "synonym entry '\(variant)' → '\(canonical)' has an empty side"
        }
    }
}

private extension String {
    var trimmingSpaces: String { split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}
