extension Architecture {
    /// The largest size of any vector or state: large enough for every
    /// published BiLSTM tagger, small enough that a damaged or hostile
    /// configuration cannot ask for gigabytes.
    package static let maximumSize = 1024
    /// The widest character window of the CNN.
    package static let maximumCharacterWindow = 9

    /// Checks every size and choice, before anything is allocated: sizes
    /// positive (zero where zero means "off") and at most ``maximumSize``,
    /// 1 to 3 layers, an odd character window.
    ///
    /// - Throws: ``ValueViolation`` naming the first value out of range (keys
    ///   as in `config.json`: `architecture.hiddenSize`).
    package func validate() throws(ValueViolation) {
        let maximum = Self.maximumSize
        try ValueViolation.check(wordDimension, 1...maximum, key: "architecture.wordDimension")
        try ValueViolation.check(characterDimension, 0...maximum, key: "architecture.characterDimension")
        try ValueViolation.check(characterHiddenSize, 1...maximum, key: "architecture.characterHiddenSize")
        try ValueViolation.check(characterFilters, 1...maximum, key: "architecture.characterFilters")
        try ValueViolation.check(characterWindow, 1...Self.maximumCharacterWindow, key: "architecture.characterWindow")
        guard characterWindow % 2 == 1 else {
            throw ValueViolation(key: "architecture.characterWindow", value: "\(characterWindow)", requirement: "odd")
        }
        try ValueViolation.check(hiddenSize, 1...maximum, key: "architecture.hiddenSize")
        try ValueViolation.check(layers, 1...3, key: "architecture.layers")
        try ValueViolation.check(intentHiddenSize, 0...maximum, key: "architecture.intentHiddenSize")
        try ValueViolation.check(bigramDimension, 0...maximum, key: "architecture.bigramDimension")
        try ValueViolation.check(softwordDimension, 0...maximum, key: "architecture.softwordDimension")
        try ValueViolation.check(pretrainedDimension, 0...maximum, key: "architecture.pretrainedDimension")
    }
}
