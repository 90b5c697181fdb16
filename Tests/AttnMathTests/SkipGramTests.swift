// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AttnMath

@Suite("Skip-gram with negative sampling")
struct SkipGramTests {
    /// log(1 + eˣ), without overflow: the reference for −log σ(−x).
    private func softplus(_ x: Double) -> Double {
        x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
    }

    // MARK: The seeded generator

    @Test func splitMix64KnownAnswers() {
        // The published SplitMix64 sequence from state 0.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func unitDoublesLieInZeroToOne() {
        var generator = SeededGenerator(seed: 12345)
        for _ in 0..<10_000 {
            let u = generator.nextUnit()
            #expect(u >= 0 && u < 1)
        }
    }

    // MARK: Set-up

    @Test func initialModelIsSmallRandomEmbeddingsAndZeroContexts() {
        let model = SkipGram(vocabularySize: 5, dimension: 4, seed: 1)
        #expect(model.embeddings.rows == 5 && model.embeddings.columns == 4)
        #expect(model.embeddings.values.allSatisfy { $0 >= -0.125 && $0 < 0.125 })
        #expect(model.contexts == Matrix(rows: 5, columns: 4))
        #expect(model.learningRate == 0.05 && model.negativeSamples == 3)
        // First draw for seed 0 is 0xE220A8397B1DCDAF: (top 53 bits · 2⁻⁵³ − 0.5) / d = 0.38331080821364 / 1.
        expectClose(SkipGram(vocabularySize: 1, dimension: 1, seed: 0).embeddings[0, 0], 0.383_310_808_213_642_6, tolerance: 1e-15)
    }

    @Test func trainingPairsByHand() {
        // Sentence [0, 1, 2], window 1: 0→1, 1→0, 1→2, 2→1.
        let pairs = SkipGram.pairs(sentences: [[0, 1, 2]], window: 1)
        #expect(pairs.map { [$0.center, $0.context] } == [[0, 1], [1, 0], [1, 2], [2, 1]])
        // Window 2 over [5, 6, 7] and a one-word sentence: every other word, nothing for the lone word.
        let wide = SkipGram.pairs(sentences: [[5, 6, 7], [9]], window: 2)
        #expect(wide.map { [$0.center, $0.context] } == [[5, 6], [5, 7], [6, 5], [6, 7], [7, 5], [7, 6]])
        #expect(SkipGram.pairs(sentences: [[0, 1, 2]], window: 0).isEmpty)
        #expect(SkipGram.pairs(sentences: [], window: 3).isEmpty)
    }

    // MARK: One step

    @Test func firstStepByHand() {
        // Output vectors start at 0, so every σ(u·v) = σ(0) = ½.
        // Loss = −log ½ − log(1 − ½) = 2 ln 2.
        // Context: g = η(½ − 1) = −η/2, u_c = 0 − g·v = (η/2)·v. Negative: g = η/2, u_n = −(η/2)·v.
        // v moves by −Σ g·u = 0 (the u were 0).
        var model = SkipGram(vocabularySize: 4, dimension: 3, learningRate: 0.05, seed: 2)
        let v = model.embeddings.row(1)
        let loss = model.step(center: 1, context: 3, negatives: [0])
        expectClose(loss, 2 * log(2.0), tolerance: 1e-15)
        #expect(model.embeddings.row(1) == v)
        expectClose(model.contexts.row(3), scale(v, by: 0.025), tolerance: 1e-15)
        expectClose(model.contexts.row(0), scale(v, by: -0.025), tolerance: 1e-15)
        #expect(model.contexts.row(1) == [0, 0, 0] && model.contexts.row(2) == [0, 0, 0])
        // Again on the same triple: u_c·v = 0.025|v|², u_n·v = −0.025|v|², so loss = 2·log(1 + e^(−0.025|v|²)).
        let secondLoss = model.step(center: 1, context: 3, negatives: [0])
        expectClose(secondLoss, 2 * softplus(-0.025 * dot(v, v)), tolerance: 1e-15)
        #expect(secondLoss < loss)
    }

    @Test func stepWithoutNegativesOnlyPulls() {
        // Two words: there is no other word to push, so the loss is −log σ(0) = ln 2 and only u_context moves.
        var model = SkipGram(vocabularySize: 2, dimension: 2, seed: 3)
        expectClose(model.step(center: 0, context: 1), log(2.0), tolerance: 1e-15)
        #expect(model.contexts.row(0) == [0, 0])
        #expect(dot(model.contexts.row(1), model.embeddings.row(0)) > 0)
    }

    @Test func stepPullsTheContextAndPushesTheNegatives() {
        // From a fresh model the step always raises u_c·v and lowers every u_n·v.
        for seed in 0..<10 as Range<UInt64> {
            var model = SkipGram(vocabularySize: 6, dimension: 4, learningRate: 0.1, seed: seed)
            let center = Int(seed % 6)
            let context = (center + 1) % 6
            let negatives = [(center + 2) % 6, (center + 4) % 6]
            let before = model
            model.step(center: center, context: context, negatives: negatives)
            let v = model.embeddings.row(center)
            let vBefore = before.embeddings.row(center)
            #expect(dot(model.contexts.row(context), v) > dot(before.contexts.row(context), vBefore))
            for negative in negatives {
                #expect(dot(model.contexts.row(negative), v) < dot(before.contexts.row(negative), vBefore))
            }
        }
    }

    @Test func stepMovesEachVectorAlongTheGradient() {
        // In a trained model: u_c moves along +v, each u_n along −v, and the pair's loss falls for a small η.
        var model = SkipGram(vocabularySize: 6, dimension: 4, learningRate: 0.05, seed: 4)
        model.epoch(pairs: SkipGram.pairs(sentences: [[0, 1, 2], [3, 4, 5]], window: 1))
        for (center, context, negatives) in [(0, 1, [4]), (3, 5, [0, 2]), (2, 1, [5, 3, 4])] {
            var stepped = model
            let loss = stepped.step(center: center, context: context, negatives: negatives)
            let v = model.embeddings.row(center)
            #expect(dot(subtract(stepped.contexts.row(context), model.contexts.row(context)), v) > 0)
            for negative in negatives {
                #expect(dot(subtract(stepped.contexts.row(negative), model.contexts.row(negative)), v) < 0)
            }
            var again = stepped
            #expect(again.step(center: center, context: context, negatives: negatives) < loss)
        }
    }

    @Test func lossStaysAccurateWhenSigmoidRoundsToOne() throws {
        // d = 1, η = 1000, seed 0: v = 0.3833… (see above). Step 1 (centre 0, context 1, negative 2) from zero
        // output vectors sets u₁ = 500·v and u₂ = −500·v. Step 2 (centre 0, context 2, negative 1) has scores
        // u₂·v = −500v² ≈ −73.5 and u₁·v = +73.5, where σ(73.5) rounds to 1, so log(1 − σ) would be log 0.
        // Loss = −log σ(−73.5) − log σ(−73.5) = 2·log(1 + e^73.5) ≈ 147.
        var model = SkipGram(vocabularySize: 3, dimension: 1, learningRate: 1000, negativeSamples: 1, seed: 0)
        model.step(center: 0, context: 1, negatives: [2])
        let v = model.embeddings[0, 0]
        let contextScore = model.contexts[2, 0] * v
        let negativeScore = model.contexts[1, 0] * v
        try #require(negativeScore > 40)
        let loss = model.step(center: 0, context: 2, negatives: [1])
        expectClose(loss, softplus(-contextScore) + softplus(negativeScore), tolerance: 1e-14)
        expectClose(loss, 2 * softplus(500 * v * v), tolerance: 1e-13)
        #expect(loss.isFinite && !loss.isNaN)
    }

    @Test func sigmoidNeverOverflows() {
        #expect(SkipGram.sigmoid(0) == 0.5)
        #expect(SkipGram.sigmoid(1000) == 1)
        #expect(SkipGram.sigmoid(-1000) == 0)
        expectClose(SkipGram.sigmoid(2), 1 / (1 + exp(-2.0)), tolerance: 1e-15)
        expectClose(SkipGram.sigmoid(-2), 1 - 1 / (1 + exp(-2.0)), tolerance: 1e-15)
        expectClose(SkipGram.logSigmoid(-800), -800, tolerance: 1e-15)
        expectClose(SkipGram.logSigmoid(40), -exp(-40.0), tolerance: 1e-30)
        expectClose(SkipGram.logSigmoid(0), -log(2.0), tolerance: 1e-16)
    }

    // MARK: Sampling and determinism

    @Test func negativesAreNeverTheCentre() {
        // The centre's own output vector is touched only if the centre were drawn as a negative.
        var model = SkipGram(vocabularySize: 4, dimension: 3, negativeSamples: 5, seed: 5)
        for _ in 0..<200 { model.step(center: 0, context: 1) }
        #expect(model.contexts.row(0) == [0, 0, 0])
        // With three words the only candidate is word 2; it was pushed.
        var three = SkipGram(vocabularySize: 3, dimension: 2, negativeSamples: 2, seed: 6)
        three.step(center: 0, context: 1)
        #expect(three.contexts.row(0) == [0, 0])
        #expect(dot(three.contexts.row(2), three.embeddings.row(0)) < 0)
    }

    @Test func sameSeedSameNumbers() {
        let pairs = SkipGram.pairs(sentences: [[0, 1, 2, 3], [4, 5, 6]], window: 2)
        var a = SkipGram(vocabularySize: 7, dimension: 3, seed: 42)
        var b = SkipGram(vocabularySize: 7, dimension: 3, seed: 42)
        for _ in 0..<5 {
            #expect(a.epoch(pairs: pairs) == b.epoch(pairs: pairs))
        }
        #expect(a.embeddings == b.embeddings)
        #expect(a.contexts == b.contexts)
        var c = SkipGram(vocabularySize: 7, dimension: 3, seed: 43)
        c.epoch(pairs: pairs)
        #expect(c.embeddings != a.embeddings)
    }

    @Test func emptyEpochHasZeroLoss() {
        var model = SkipGram(vocabularySize: 3, dimension: 2, seed: 7)
        let before = model.embeddings
        #expect(model.epoch(pairs: []) == 0)
        #expect(model.embeddings == before)
    }

    // MARK: Training

    @Test func lossFallsAndClustersFormOnATinyCorpus() {
        // Words 0–3 are fruits, 4–7 electronics; sentences never mix the two.
        let sentences = [[0, 1, 2, 3], [2, 0, 3, 1], [1, 3, 0, 2], [4, 5, 6, 7], [6, 4, 7, 5], [5, 7, 4, 6]]
        let pairs = SkipGram.pairs(sentences: sentences, window: 2)
        var model = SkipGram(vocabularySize: 8, dimension: 4, learningRate: 0.1, negativeSamples: 2, seed: 2024)
        var losses: [Double] = []
        for _ in 0..<300 { losses.append(model.epoch(pairs: pairs)) }
        // The first epoch starts at 3·ln 2 ≈ 2.08 (one context and two negatives at σ(0) = ½).
        expectClose(losses[0], 3 * log(2.0), tolerance: 0.1)
        // Sampled negatives make single epochs noisy, so compare averages.
        let early = losses[0..<10].reduce(0, +) / 10
        let late = losses[200..<300].reduce(0, +) / 100
        #expect(late < 0.75 * early, "mean loss \(early) → \(late)")

        let fruits = 0..<4
        let electronics = 4..<8
        func meanCosine(_ a: Range<Int>, _ b: Range<Int>) -> Double {
            var total = 0.0
            var count = 0
            for i in a {
                for j in b where i != j {
                    total += cosineSimilarity(model.embeddings.row(i), model.embeddings.row(j))!
                    count += 1
                }
            }
            return total / Double(count)
        }
        let within = (meanCosine(fruits, fruits) + meanCosine(electronics, electronics)) / 2
        let across = meanCosine(fruits, electronics)
        #expect(within > across + 0.4, "within \(within), across \(across)")
    }
}
