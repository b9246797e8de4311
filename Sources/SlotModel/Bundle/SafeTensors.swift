#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads and writes the safetensors format, float32 tensors only.
///
/// A file is an 8-byte little-endian unsigned length `N`, `N` bytes of UTF-8 JSON header
/// (padded with spaces to a multiple of 8), then the raw little-endian data of every tensor:
/// ```
/// [N: UInt64 LE] {"__metadata__":{…},"name":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},…}␠␠ [data…]
/// ```
/// Offsets are relative to the start of the data section. This writer lays tensors out in the
/// UTF-8 byte order of their names, so the same tensors always give the same bytes — the same
/// bytes the reference Python/Rust library writes. Values are copied in bulk, so a model of
/// millions of parameters encodes and decodes in milliseconds.
package enum SafeTensors {
    /// The largest header accepted: 100 MB, the reference library's limit.
    static let maximumHeaderLength = 100_000_000

    /// Serialises tensors and metadata into safetensors bytes.
    ///
    /// - Parameters:
    ///   - tensors: The tensors, in any order; they are laid out sorted by name.
    ///   - metadata: Free-form string metadata stored under `__metadata__`; omitted when empty.
    /// - Returns: The complete file contents, identical for identical input.
    /// - Precondition: Names are unique and none is `__metadata__`.
    package static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) -> [UInt8] {
        let sorted = tensors.sorted { SafeTensorsHeader.utf8Precedes($0.name, $1.name) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            precondition(previous.name != next.name, "safetensors: two tensors are named '\(next.name)'")
        }
        precondition(!sorted.contains { $0.name == SafeTensorsHeader.metadataKey },
                     "safetensors: '\(SafeTensorsHeader.metadataKey)' is reserved and cannot name a tensor")

        var header = SafeTensorsHeader.encode(sorted, metadata: metadata)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        let dataLength = sorted.reduce(0) { $0 + 4 * $1.values.count }
        let total = 8 + header.count + dataLength

        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let output = UnsafeMutableRawBufferPointer(buffer)
            let headerLength = UInt64(header.count)
            for index in 0..<8 {
                output[index] = UInt8(truncatingIfNeeded: headerLength >> UInt64(8 * index))
            }
            var offset = 8
            header.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: output[offset..<offset + source.count]).copyMemory(from: source)
            }
            offset += header.count
            for tensor in sorted {
                tensor.values.withUnsafeBytes { source in
                    let target = UnsafeMutableRawBufferPointer(rebasing: output[offset..<offset + source.count])
                    target.copyMemory(from: source)
                    storeLittleEndian(target)
                }
                offset += 4 * tensor.values.count
            }
            initialized = total
        }
    }

    /// Parses and validates safetensors bytes.
    ///
    /// Checks that the header length lies within the file, that the header is a JSON object
    /// starting with `{`, that every tensor is F32 with a byte range of exactly
    /// 4 × (product of its shape) bytes, that the ranges tile the data section from 0 without gaps
    /// or overlaps, and that no bytes follow the last tensor.
    ///
    /// - Parameters:
    ///   - bytes: The complete file contents.
    ///   - path: The file's path, used only to name it in errors.
    /// - Returns: The tensors sorted by name (UTF-8 byte order) and the metadata.
    /// - Throws: ``ModelBundleError/truncatedWeights(path:fileSize:requiredSize:)`` when the file
    ///   is shorter than its header says, ``ModelBundleError/unsupportedDType(path:tensor:dtype:)``
    ///   for a tensor not stored as F32, and ``ModelBundleError/badHeader(path:reason:)`` for
    ///   anything else that is malformed.
    package static func decode(
        _ bytes: [UInt8], path: String = "model.safetensors"
    ) throws(ModelBundleError) -> (tensors: [NamedTensor], metadata: [String: String]) {
        guard bytes.count >= 8 else {
            throw .truncatedWeights(path: path, fileSize: bytes.count, requiredSize: 8)
        }
        let declaredLength = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << UInt64(8 * $1) }
        guard declaredLength <= UInt64(maximumHeaderLength) else {
            throw .badHeader(path: path, reason: "the header length \(declaredLength) exceeds \(maximumHeaderLength) bytes")
        }
        let headerEnd = 8 + Int(declaredLength)
        guard bytes.count >= headerEnd else {
            throw .truncatedWeights(path: path, fileSize: bytes.count, requiredSize: headerEnd)
        }
        guard declaredLength > 0, bytes[8] == UInt8(ascii: "{") else {
            throw .badHeader(path: path, reason: "the header does not start with '{'")
        }
        let header = try parseHeader(bytes[8..<headerEnd], path: path)
        let layout = try validateLayout(header, path: path)

        let dataLength = layout.last?.range.upperBound ?? 0
        let requiredSize = headerEnd + dataLength
        guard bytes.count >= requiredSize else {
            throw .truncatedWeights(path: path, fileSize: bytes.count, requiredSize: requiredSize)
        }
        guard bytes.count == requiredSize else {
            throw .badHeader(path: path, reason: "\(bytes.count - requiredSize) bytes follow the last tensor, which ends at byte \(requiredSize)")
        }

        let tensors = bytes.withUnsafeBytes { file in
            layout.map { item in
                let source = UnsafeRawBufferPointer(rebasing: file[(headerEnd + item.range.lowerBound)..<(headerEnd + item.range.upperBound)])
                let values = [Float](unsafeUninitializedCapacity: source.count / 4) { buffer, initialized in
                    let target = UnsafeMutableRawBufferPointer(buffer)
                    target.copyMemory(from: source)
                    storeLittleEndian(target)
                    initialized = source.count / 4
                }
                return NamedTensor(name: item.name, shape: item.shape, values: values)
            }
        }
        return (tensors.sorted { SafeTensorsHeader.utf8Precedes($0.name, $1.name) }, header.metadata)
    }

    /// Decodes the header's JSON, mapping decoding failures to ``ModelBundleError/badHeader(path:reason:)``.
    private static func parseHeader(_ json: ArraySlice<UInt8>, path: String) throws(ModelBundleError) -> SafeTensorsHeader {
        do {
            return try JSONDecoder().decode(SafeTensorsHeader.self, from: Data(json))
        } catch let error as DecodingError {
            switch error.summary {
            case .notJSON:
                throw .badHeader(path: path, reason: "the header is not valid JSON")
            case let .missingKey(key):
                throw .badHeader(path: path, reason: "\"\(key)\" is missing")
            case let .invalidValue(key, reason):
                throw .badHeader(path: path, reason: "\"\(key)\" \(reason)")
            }
        } catch {
            throw .badHeader(path: path, reason: "the header cannot be decoded (\(error))")
        }
    }

    /// One tensor's place in the data section, as validated from the header.
    private struct Placement {
        var name: String
        var shape: [Int]
        var range: Range<Int>
    }

    /// Checks every entry's dtype, shape and offsets, and that the entries tile the data section.
    ///
    /// - Returns: The placements ordered by offset.
    private static func validateLayout(_ header: SafeTensorsHeader, path: String) throws(ModelBundleError) -> [Placement] {
        var placements: [Placement] = []
        for name in header.entries.keys.sorted(by: SafeTensorsHeader.utf8Precedes) {
            guard let entry = header.entries[name] else { continue }
            guard entry.dtype == "F32" else {
                throw .unsupportedDType(path: path, tensor: name, dtype: entry.dtype)
            }
            guard entry.dataOffsets.count == 2 else {
                throw .badHeader(path: path, reason: "tensor '\(name)' has \(entry.dataOffsets.count) data offsets instead of 2")
            }
            let (begin, end) = (entry.dataOffsets[0], entry.dataOffsets[1])
            guard begin >= 0, begin <= end else {
                throw .badHeader(path: path, reason: "tensor '\(name)' has invalid data offsets [\(begin), \(end)]")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }),
                  let count = NamedTensor.elementCount(of: entry.shape),
                  case (let byteCount, false) = count.multipliedReportingOverflow(by: 4)
            else {
                throw .badHeader(path: path, reason: "tensor '\(name)' has invalid shape \(entry.shape)")
            }
            guard end - begin == byteCount else {
                throw .badHeader(path: path, reason: "tensor '\(name)' of shape \(entry.shape) needs \(byteCount) bytes but its data offsets [\(begin), \(end)] span \(end - begin)")
            }
            placements.append(Placement(name: name, shape: entry.shape, range: begin..<end))
        }
        placements.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var expectedBegin = 0
        for placement in placements {
            guard placement.range.lowerBound == expectedBegin else {
                let problem = placement.range.lowerBound < expectedBegin ? "overlaps the previous tensor, which ends at" : "leaves a gap after the previous tensor, which ends at"
                throw .badHeader(path: path, reason: "tensor '\(placement.name)' starts at data byte \(placement.range.lowerBound) and \(problem) \(expectedBegin)")
            }
            expectedBegin = placement.range.upperBound
        }
        return placements
    }

    /// Puts 4-byte words that were copied in host order into little-endian order, in place.
    ///
    /// A no-op on little-endian hosts (every platform Swift ships for today); on a big-endian host
    /// it swaps each word's bytes, which converts in both directions.
    @inline(__always)
    private static func storeLittleEndian(_ words: UnsafeMutableRawBufferPointer) {
        #if _endian(big)
        for offset in stride(from: 0, to: words.count, by: 4) {
            let word = words.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            words.storeBytes(of: word.byteSwapped, toByteOffset: offset, as: UInt32.self)
        }
        #endif
    }
}
