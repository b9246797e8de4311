/// Errors from building, loading or running a tagging model.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// A sentence uses a label the model was not built with.
    case unknownLabel(String, file: String, line: Int)
    /// A sentence uses an intent the model was not built with.
    case unknownIntent(String, file: String, line: Int)
    /// The model bundle's configuration disagrees with its weights.
    case inconsistentBundle(String)
    /// A parameter holds a NaN or an infinity (a diverged training run); such a model is never written or loaded.
    case nonFiniteWeights(String)
    /// No model was named and none was found where the default model is
    /// looked for (the places tried, in order, in words).
    case noDefaultModel(tried: [String])

    /// One line: what, where, and what to do.
    public var description: String {
        switch self {
        case let .unknownLabel(label, file, line):
            return "\(file):\(line): label '\(label)' does not occur in the training data; add examples of it to the training set or fix the label"
        case let .unknownIntent(intent, file, line):
            return "\(file):\(line): intent '\(intent)' does not occur in the training data; add examples of it to the training set or fix the intent line"
        case let .inconsistentBundle(detail):
            return "model bundle is inconsistent: \(detail); re-train the model or restore the bundle from a good copy"
        case let .nonFiniteWeights(tensor):
            return "tensor '\(tensor)' holds NaN or infinite values (training diverged); re-train with a lower --learning-rate"
        case let .noDefaultModel(tried):
            return "no model given and no default model found (tried \(tried.joined(separator: ", "))); "
                + "pass a model directory (tagger's --model DIR), set \(DefaultModel.environmentVariable)=DIR, or run from a slot-tagger "
                + "checkout (it ships models/\(DefaultModel.name)) or its `make install`"
        }
    }
}
