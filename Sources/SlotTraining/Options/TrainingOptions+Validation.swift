import SlotModel

extension TrainingOptions {
    /// The most epochs, sentences per batch and worker threads a run accepts.
    package static let maximumCount = 100_000
    /// The most worker threads.
    package static let maximumThreads = 256

    /// Checks every value before anything is allocated: the architecture's
    /// sizes, counts positive and bounded, probabilities below 1 where 1
    /// would drop everything, rates and weights finite.
    ///
    /// - Throws: ``ValueViolation`` naming the first value out of range by its JSON key.
    package func validate() throws(ValueViolation) {
        try architecture.validate()
        try ValueViolation.check(maxEpochs, 1...Self.maximumCount, key: "maxEpochs")
        try ValueViolation.check(patience, 1...Self.maximumCount, key: "patience")
        try ValueViolation.check(averagingDecay, from: 0, to: 1, belowUpper: true, key: "averagingDecay")
        if let timeLimit { try ValueViolation.check(timeLimit, from: 0, to: 1e9, aboveLower: true, key: "timeLimit") }
        try ValueViolation.check(batchSize, 1...Self.maximumCount, key: "batchSize")
        try ValueViolation.check(learningRate, from: 0, to: 10, aboveLower: true, key: "learningRate")
        try ValueViolation.check(learningRateDecay, from: 0, to: 1e6, key: "learningRateDecay")
        try ValueViolation.check(momentum, from: 0, to: 1, belowUpper: true, key: "momentum")
        try ValueViolation.check(clipNorm, from: 0, to: 1e9, aboveLower: true, key: "clipNorm")
        try ValueViolation.check(dropout, from: 0, to: 1, belowUpper: true, key: "dropout")
        try ValueViolation.check(unknownWordDropout, from: 0, to: 1, key: "unknownWordDropout")
        try ValueViolation.check(rareWordCount, 0...Self.maximumCount, key: "rareWordCount")
        try ValueViolation.check(wordDropout, from: 0, to: 1, belowUpper: true, key: "wordDropout")
        try ValueViolation.check(pretrainedDropout, from: 0, to: 1, key: "pretrainedDropout")
        try ValueViolation.check(punctuationRate, from: 0, to: 1, key: "punctuationRate")
        try ValueViolation.check(slotDropout, from: 0, to: 1, key: "slotDropout")
        try ValueViolation.check(slotSpellingNoise, from: 0, to: 1, key: "slotSpellingNoise")
        try ValueViolation.check(numeralRate, from: 0, to: 1, key: "numeralRate")
        try ValueViolation.check(minWordCount, 1...Self.maximumCount, key: "minWordCount")
        try ValueViolation.check(pretrainedWords, 0...1_000_000, key: "pretrainedWords")
        try ValueViolation.check(intentWeight, from: 0, to: 1e6, key: "intentWeight")
        try ValueViolation.check(intentSmoothing, from: 0, to: 1, belowUpper: true, key: "intentSmoothing")
        try ValueViolation.check(threads, 1...Self.maximumThreads, key: "threads")
    }
}
