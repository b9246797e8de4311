#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SlotIO

/// The JSON header of a safetensors file: one entry per tensor, plus optional string metadata.
///
/// ```json
/// {"__metadata__":{"format":"pt"},"bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}
/// ```
/// Offsets count bytes from the start of the data section, which follows the header.
struct SafeTensorsHeader: Decodable {
    /// The key under which the header keeps its metadata rather than a tensor.
    static let metadataKey = "__metadata__"

    /// One tensor's description in the header.
    struct Entry: Decodable {
        /// The element type, e.g. `F32`, `F16`, `I64`.
        var dtype: String
        /// The size of each dimension, outermost first.
        var shape: [Int]
        /// `[begin, end)` of the tensor's bytes within the data section.
        var dataOffsets: [Int]

        private enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    /// The tensors' descriptions by name.
    var entries: [String: Entry]
    /// The free-form string metadata (empty when the header has none).
    var metadata: [String: String]

    private struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes the header object, treating `__metadata__` apart from the tensor entries.
    ///
    /// - Parameter decoder: A decoder positioned on the header object.
    /// - Throws: `DecodingError` when the header is not an object of valid entries.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for key in container.allKeys {
            if key.stringValue == Self.metadataKey {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
        }
        self.entries = entries
        self.metadata = metadata
    }

    /// Writes the compact JSON header for tensors laid out one after another in the given order.
    ///
    /// The bytes match what the reference safetensors library writes for float32 tensors:
    /// metadata first (keys in UTF-8 byte order), then each tensor's `dtype`, `shape` and
    /// `data_offsets`, strings escaped as serde_json escapes them, no whitespace.
    ///
    /// - Parameters:
    ///   - tensors: The tensors in data-section order.
    ///   - metadata: String metadata; omitted from the header when empty.
    /// - Returns: The UTF-8 header before padding.
    static func encode(_ tensors: [NamedTensor], metadata: [String: String]) -> [UInt8] {
        var json: [UInt8] = [UInt8(ascii: "{")]
        var needsComma = false
        if !metadata.isEmpty {
            JSONEscaping.appendQuoted(metadataKey, to: &json)
            json.append(contentsOf: ":{".utf8)
            for (index, key) in metadata.keys.sorted(by: utf8Precedes).enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                JSONEscaping.appendQuoted(key, to: &json)
                json.append(UInt8(ascii: ":"))
                JSONEscaping.appendQuoted(metadata[key, default: ""], to: &json)
            }
            json.append(UInt8(ascii: "}"))
            needsComma = true
        }
        var offset = 0
        for tensor in tensors {
            if needsComma { json.append(UInt8(ascii: ",")) }
            needsComma = true
            let end = offset + 4 * tensor.values.count
            JSONEscaping.appendQuoted(tensor.name, to: &json)
            json.append(contentsOf: #":{"dtype":"F32","shape":["#.utf8)
            json.append(contentsOf: tensor.shape.map(String.init).joined(separator: ",").utf8)
            json.append(contentsOf: #"],"data_offsets":["#.utf8)
            json.append(contentsOf: "\(offset),\(end)]}".utf8)
            offset = end
        }
        json.append(UInt8(ascii: "}"))
        return json
    }

    /// Orders strings by their UTF-8 bytes, as the reference library (written in Rust) does.
    static func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
