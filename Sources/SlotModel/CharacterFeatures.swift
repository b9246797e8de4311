import SlotMath
import SlotLayers

/// The character encoder the architecture chose: a character BiLSTM or a
/// character CNN, each turning a word's characters into one vector.
package enum CharacterFeatures: ParameterSet {
    /// A BiLSTM over the characters.
    case bilstm(CharacterEncoder)
    /// A max-pooled convolution over the characters.
    case cnn(CharacterCNN)

    /// What a forward pass keeps for the backward pass.
    package enum Cache: Sendable {
        /// The BiLSTM encoder's cache.
        case bilstm(CharacterEncoder.Cache)
        /// The CNN's cache.
        case cnn(CharacterCNN.Cache)
    }

    /// Creates the encoder `architecture` describes.
    package init(architecture: Architecture, characterCount: Int, using generator: inout SplitMix64) {
        switch architecture.characterEncoding {
        case .bilstm:
            self = .bilstm(CharacterEncoder(
                characterCount: characterCount, dimension: architecture.characterDimension,
                hiddenSize: architecture.characterHiddenSize, using: &generator))
        case .cnn:
            self = .cnn(CharacterCNN(
                characterCount: characterCount, dimension: architecture.characterDimension,
                filters: architecture.characterFilters, window: architecture.characterWindow, using: &generator))
        }
    }

    /// The size of each word's vector.
    package var outputSize: Int {
        switch self {
        case .bilstm(let encoder): encoder.outputSize
        case .cnn(let encoder): encoder.outputSize
        }
    }

    /// Visits the encoder's parameters.
    ///
    /// The payload is moved out of `self` while it is visited, so that its
    /// matrices stay uniquely referenced and are changed in place (binding it
    /// from `switch self` would copy every matrix that `body` changes).
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        switch consume self {
        case .bilstm(var encoder):
            defer { self = .bilstm(encoder) }
            try encoder.visitParameters(body)
        case .cnn(var encoder):
            defer { self = .cnn(encoder) }
            try encoder.visitParameters(body)
        }
    }

    /// Encodes a batch of words (each a non-empty list of character ids): one row per word.
    package func forward(_ words: [[Int]]) -> (output: Matrix, cache: Cache) {
        switch self {
        case .bilstm(let encoder):
            let (output, cache) = encoder.forward(words)
            return (output, .bilstm(cache))
        case .cnn(let encoder):
            let (output, cache) = encoder.forward(words)
            return (output, .cnn(cache))
        }
    }

    /// Backpropagates `∂loss/∂output` into a parameter gradient.
    package func backward(_ outputGradient: Matrix, cache: Cache) -> CharacterFeatures {
        switch (self, cache) {
        case let (.bilstm(encoder), .bilstm(cache)): .bilstm(encoder.backward(outputGradient, cache: cache))
        case let (.cnn(encoder), .cnn(cache)): .cnn(encoder.backward(outputGradient, cache: cache))
        default: preconditionFailure("a character cache comes from an encoder of the same kind")
        }
    }
}
