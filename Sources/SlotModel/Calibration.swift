import SlotMath
import SlotLayers

/// Temperatures that make a model's confidences mean what they say, fitted
/// on a dev split after training and stored in the bundle's `config.json`
/// (`model.calibration`; a bundle without it has temperature 1, the raw model).
///
/// Dividing scores by a temperature `T > 0` changes no decision (argmax and
/// Viterbi are unchanged) but flattens (`T > 1`) or sharpens (`T < 1`) the
/// probabilities:
/// ```
/// p(intent = k)  = softmax(z / T_intent)_k                       z: the intent head's logits
/// p(labels = y)  ∝ exp(score(y) / T_slot)                        score: emissions + transitions + start + end
/// ```
/// Slot confidences (token marginals and chunk probabilities) come from the
/// CRF with its emissions and its start, end and transition scores divided by
/// `T_slot` (for a softmax output, from its logits divided by `T_slot`).
public struct Calibration: Hashable, Sendable, Codable {
    /// The temperature of the intent softmax.
    public var intentTemperature: Float
    /// The temperature of the slot scores.
    public var slotTemperature: Float

    /// Creates a calibration.
    ///
    /// - Parameters:
    ///   - intentTemperature: the intent temperature, in ``temperatureRange`` (1 leaves intents as they are).
    ///   - slotTemperature: the slot temperature, in ``temperatureRange`` (1 leaves slots as they are).
    public init(intentTemperature: Float = 1, slotTemperature: Float = 1) {
        precondition(Self.temperatureRange.contains(intentTemperature), "a temperature is in 0.05...20, got \(intentTemperature)")
        precondition(Self.temperatureRange.contains(slotTemperature), "a temperature is in 0.05...20, got \(slotTemperature)")
        self.intentTemperature = intentTemperature
        self.slotTemperature = slotTemperature
    }

    /// The temperatures a calibration may hold: the range that
    /// ``TemperatureFitting`` searches. Far outside it a model's scores divided
    /// by the temperature overflow `Float` (a damaged `config.json` with
    /// `1e-30` made every confidence infinite).
    public static let temperatureRange: ClosedRange<Float> = 0.05...20

    /// The raw model's confidences: both temperatures 1.
    public static let identity = Calibration()

    private enum CodingKeys: String, CodingKey {
        case intentTemperature, slotTemperature
    }

    /// Decodes a calibration, refusing a temperature outside
    /// ``temperatureRange`` (a damaged `config.json`), which would make
    /// confidences NaN or infinite.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.intentTemperature, .slotTemperature] {
            let temperature = try container.decode(Float.self, forKey: key)
            guard Self.temperatureRange.contains(temperature) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "a temperature is between \(Self.temperatureRange.lowerBound) and "
                        + "\(Self.temperatureRange.upperBound), got \(temperature)")
            }
        }
        self.init(
            intentTemperature: try container.decode(Float.self, forKey: .intentTemperature),
            slotTemperature: try container.decode(Float.self, forKey: .slotTemperature))
    }
}

extension CRF {
    /// The CRF with its start, end and transition scores multiplied by `factor`
    /// (`1 / T` for a temperature `T`).
    func scaled(by factor: Float) -> CRF {
        var copy = self
        copy.start.scale(by: factor)
        copy.end.scale(by: factor)
        copy.transitions.scale(by: factor)
        return copy
    }
}
