/// What value resolution needs besides the text: the moment relative phrases
/// count from, and the currency of a bare amount.
///
/// ```swift
/// let options = ResolutionOptions(reference: ReferenceTime(date: CivilDate(year: 2026, month: 11, day: 27)!))
/// ```
public struct ResolutionOptions: Hashable, Sendable {
    /// The moment "today", "tomorrow", "next friday" and "in 2 hours" count from.
    public var reference: ReferenceTime
    /// The ISO 4217 currency of an amount written without one (an ATIS
    /// `fare_amount` of "1288").
    public var defaultCurrency: String

    /// Creates options.
    ///
    /// - Parameters:
    ///   - reference: the reference moment (default: now, in UTC).
    ///   - defaultCurrency: the currency of bare amounts (default `USD`).
    public init(reference: ReferenceTime = .now(), defaultCurrency: String = "USD") {
        self.reference = reference
        self.defaultCurrency = defaultCurrency
    }
}
