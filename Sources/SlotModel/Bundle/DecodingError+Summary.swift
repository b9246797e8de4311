extension DecodingError {
    /// What a decoding failure means for a JSON file, in terms a user can act on.
    enum Summary: Equatable {
        /// The bytes are not JSON at all.
        case notJSON
        /// A required key is absent; the dotted path of the key.
        case missingKey(String)
        /// The value at a dotted path is unusable; why, in a few words.
        case invalidValue(key: String, reason: String)
    }

    /// Reduces the error to a ``Summary`` naming the offending key by its dotted path.
    var summary: Summary {
        switch self {
        case let .keyNotFound(key, context):
            return .missingKey(Self.dottedPath(context.codingPath + [key]))
        case let .typeMismatch(type, context):
            return .invalidValue(key: Self.dottedPath(context.codingPath), reason: "is not a valid \(Self.kind(of: type))")
        case let .valueNotFound(type, context):
            return .invalidValue(key: Self.dottedPath(context.codingPath), reason: "is null where a \(Self.kind(of: type)) is needed")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return .notJSON }
            return .invalidValue(key: Self.dottedPath(context.codingPath), reason: "is invalid (\(context.debugDescription))")
        @unknown default:
            return .notJSON
        }
    }

    /// Joins coding keys as `weights.tensors.name` (array indices as `[0]`); the root is `(root)`.
    private static func dottedPath(_ keys: [any CodingKey]) -> String {
        var path = ""
        for key in keys {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == "\(index)" {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "(root)" : path
    }

    /// Names a Swift type as the JSON kind a user would recognise.
    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Double.Type, is Float.Type: "number"
        case is Bool.Type: "boolean"
        default: String(describing: type).hasPrefix("Array") ? "array" : "object"
        }
    }
}
