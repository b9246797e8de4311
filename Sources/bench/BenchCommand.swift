import ArgumentParser
import Foundation
import SlotMath
import SlotTagger
import SlotTraining

/// `bench`: measures the toolkit's speed on this machine (not a test).
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure matrix products, training throughput and tagging throughput.",
        discussion: """
        Prints tokens per second for the forward pass and for forward+backward of the default \
        architecture on ATIS batches (1 thread and 2 threads), GEMM speed of BLAS against the \
        portable Swift kernel for the model's shapes, and, with --model, tagging speed one \
        utterance at a time and batched, with the process's peak resident memory.

        Example:
          bench --corpus corpora/atis/train.conll --model models/atis-en --utterances corpora/atis/test.conll
        """)

    @Option(help: ArgumentHelp("A CoNLL corpus whose sentences are used as training batches.", valueName: "file"))
    var corpus = "corpora/atis/train.conll"

    @Option(help: ArgumentHelp("A model to measure tagging speed with.", valueName: "dir"))
    var model: String?

    @Option(help: ArgumentHelp("A CoNLL file whose sentences are tagged (as raw text) to measure tagging.", valueName: "file"))
    var utterances = "corpora/atis/test.conll"

    @Option(help: "Seconds to spend on each measurement.")
    var seconds = 3.0

    @Flag(help: "Measure only tagging (needs --model); for profiling the tagger alone.")
    var taggingOnly = false

    @Option(help: ArgumentHelp(
        "Tag this many utterances one at a time and print only their token count, for a profiler that needs a "
            + "fixed amount of work, not a fixed time (valgrind's instruction counts; needs --model).",
        valueName: "n"))
    var fixedWork: Int?

    func validate() throws {
        if (taggingOnly || fixedWork != nil) && model == nil {
            throw ValidationError("--tagging-only and --fixed-work measure a model's tagging: name one with --model DIR.")
        }
        if let fixedWork, fixedWork < 1 {
            throw ValidationError("--fixed-work needs at least 1 utterance, got \(fixedWork).")
        }
    }

    mutating func run() throws {
        GEMM.useCallingThreadOnly()
        if let model, let fixedWork {
            try tagFixedWork(model: model, count: fixedWork)
            return
        }
        if !taggingOnly {
            benchGEMM()
            try benchTraining()
        }
        if let model { try benchTagging(model: model) }
        print("peak resident memory: \(ResourceUsage.peakResidentMegabytes) MB")
    }

    private func measure(_ body: () -> Int) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var units = 0
        while (clock.now - start) < .seconds(seconds) { units += body() }
        let elapsed = clock.now - start
        return Double(units) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    private func benchGEMM() {
        print("GEMM (\(GEMM.backend), the direct kernel, portable Swift), GFLOP/s:")
        var generator = SplitMix64(seed: 1)
        // One recurrent step, one 11-token sentence's input projection and emission scores, then a batch of ten.
        for (m, k, n) in [(1, 100, 400), (11, 150, 400), (11, 200, 120), (110, 150, 400), (110, 200, 120)] {
            let a = Matrix.uniform(rows: m, columns: k, bound: 1, using: &generator)
            let b = Matrix.uniform(rows: n, columns: k, bound: 1, using: &generator)
            var c = Matrix(rows: m, columns: n)
            let flops = Double(2 * m * n * k)
            let blas = measure { Matrix.multiply(a, b, transposeB: true, into: &c); return 1 } * flops / 1e9
            let portable = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        measure {
                            SwiftGEMM.multiply(
                                transposeA: false, transposeB: true, m: m, n: n, k: k, alpha: 1,
                                a: pa.baseAddress!, lda: k, b: pb.baseAddress!, ldb: k, beta: 0, c: pc.baseAddress!, ldc: n)
                            return 1
                        }
                    }
                }
            } * flops / 1e9
            let direct = measure {
                Matrix.multiply(a, b, transposeB: true, into: &c, strategy: .direct)
                return 1
            } * flops / 1e9
            print(String(format: "  %4d×%d · %d×%d: %@ %6.1f, direct %6.1f, Swift %6.1f", m, k, k, n, GEMM.backend, blas, direct, portable))
        }
    }

    private func benchTraining() throws {
        let sentences = try Corpus(contentsOf: corpus).sentences
        let options = TrainingOptions()
        let data = try TrainingData(
            train: sentences, trainFile: corpus, dev: Array(sentences.prefix(10)), devFile: corpus, options: options)
        let network = Trainer(options: options, data: data).initialState().network
        let batches = stride(from: 0, to: data.train.count, by: 10).map { Array(data.train[$0 ..< min($0 + 10, data.train.count)]) }
        print("default architecture, batches of 10 sentences from \(corpus), tokens/s:")
        for threads in [1, 2] {
            var index = 0
            let forward = measure {
                let batch = batches[index % batches.count]
                index += 1
                let parts = Workers.map(count: threads) { worker -> Int in
                    let share = stride(from: worker, to: batch.count, by: threads).map { batch[$0] }
                    var generator = SplitMix64(seed: 1)
                    _ = network.forward(share, dropout: 0, using: &generator)
                    return share.reduce(0) { $0 + $1.count }
                }
                return parts.reduce(0, +)
            }
            let training = measure {
                let batch = batches[index % batches.count]
                index += 1
                let parts = Workers.map(count: threads) { worker -> Int in
                    let share = stride(from: worker, to: batch.count, by: threads).map { batch[$0] }
                    var generator = SplitMix64(seed: 1)
                    _ = network.lossAndGradient(share, dropout: 0.5, intentWeight: 1, using: &generator)
                    return share.reduce(0) { $0 + $1.count }
                }
                return parts.reduce(0, +)
            }
            print(String(format: "  %d thread%@: forward %8.0f, forward+backward %8.0f", threads, threads == 1 ? " " : "s", forward, training))
        }
    }

    /// Tags `count` utterances one at a time (the test file's, cycled) and prints their tokens.
    private func tagFixedWork(model: String, count: Int) throws {
        let tagger = try Tagger(contentsOf: model)
        let texts = try Corpus(contentsOf: utterances).sentences.map { $0.tokens.joined(separator: " ") }
        var tokens = 0
        for index in 0..<count { tokens += tagger.tag(texts[index % texts.count]).tokens.count }
        print("tagged \(count) utterances, \(tokens) tokens, one at a time")
    }

    private func benchTagging(model: String) throws {
        let tagger = try Tagger(contentsOf: model)
        let texts = try Corpus(contentsOf: utterances).sentences.map { $0.tokens.joined(separator: " ") }
        let tokens = texts.map { tagger.tokenizer.tokenize($0).count }
        print("tagging \(texts.count) utterances from \(utterances) with \(model), tokens/s:")
        var index = 0
        let single = measure {
            let position = index % texts.count
            index += 1
            _ = tagger.tag(texts[position])
            return tokens[position]
        }
        let total = tokens.reduce(0, +)
        let batched1 = measure { _ = tagger.tag(texts, threads: 1); return total }
        let batched2 = measure { _ = tagger.tag(texts, threads: 2); return total }
        print(String(format: "  one utterance at a time: %8.0f", single))
        print(String(format: "  batched, 1 thread:       %8.0f", batched1))
        print(String(format: "  batched, 2 threads:      %8.0f", batched2))
    }
}
