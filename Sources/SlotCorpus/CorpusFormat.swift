import SlotIO

/// The file formats of annotated corpora.
public enum CorpusFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// One `token<TAB>label` per line, blank lines between sentences.
    case conll
    /// One JSON object per line with `text`, `intent` and character-offset `slots`.
    case jsonl

    /// The format named by a path's extension: `.jsonl`, `.ndjson` and `.json`
    /// are JSONL; `.conll`, `.conllu`, `.bio`, `.iob`, `.iob1`, `.iob2`, `.bioes`
    /// and `.tsv` are CoNLL; anything else is `nil`.
    ///
    /// - Parameter path: A file path.
    public static func byExtension(of path: String) -> CorpusFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "jsonl", "ndjson", "json": return .jsonl
        case "conll", "conllu", "bio", "iob", "iob1", "iob2", "bioes", "tsv": return .conll
        default: return nil
        }
    }

    /// The format of content whose first non-blank byte (after a byte order
    /// mark) is `{`: JSONL; anything else is CoNLL.
    ///
    /// - Parameter bytes: The start of the content.
    public static func byContent(_ bytes: some Collection<UInt8>) -> CorpusFormat {
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes.dropFirst(0)
        let first = content.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return first == UInt8(ascii: "{") ? .jsonl : .conll
    }

    /// The format of a file: by its extension, else by its first non-blank byte.
    ///
    /// - Parameter path: A file path.
    /// - Throws: `InputOutputError` when the extension says nothing and the file cannot be read.
    public static func detect(contentsOf path: String) throws -> CorpusFormat {
        if let format = byExtension(of: path) { return format }
        let reader = try LineReader(contentsOf: path)
        while let line = try reader.nextLine() {
            if line.bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) { return byContent(line.bytes) }
        }
        return .conll
    }
}
