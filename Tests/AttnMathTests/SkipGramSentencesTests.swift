// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AttnMath

@Suite("Skip-gram training on sentences")
struct SkipGramSentencesTests {
    @Test func trainingStepsMatchANumpyReference() {
        // Reference: numpy, with SplitMix64 and the word2vec update written out in Python (seed 42, n = 6,
        // d = 3, η = 0.5, 2 negatives), on sentences [[0,1,2],[3,4,5,0]] with window 1, trained three times.
        var model = SkipGram(vocabularySize: 6, dimension: 3, learningRate: 0.5, negativeSamples: 2, seed: 42)
        let sentences = [[0, 1, 2], [3, 4, 5, 0]]
        let first = model.train(sentences: sentences, window: 1)
        expectClose(first.meanLoss, 2.0793984226184334, tolerance: 1e-13)
        #expect(first.pairs.prefix(3).map(\.negatives) == [[3, 3], [2, 3], [3, 4]])
        #expect(
            first.pairs.map { [$0.center, $0.context] } == SkipGram.pairs(sentences: sentences, window: 1).map { [$0.center, $0.context] })
        expectClose(model.train(sentences: sentences, window: 1).meanLoss, 2.0710654869997756, tolerance: 1e-13)
        let third = model.train(sentences: sentences, window: 1)
        expectClose(third.meanLoss, 2.059184886234811, tolerance: 1e-13)
        #expect(third.pairs.prefix(3).map(\.negatives) == [[4, 3], [5, 2], [0, 3]])
        expectClose(model.embeddings.row(0), [0.11539065294540327, -0.40101194328153267, -0.060812539126110364], tolerance: 1e-13)
        expectClose(model.contexts.row(1), [-0.04295486251353234, 0.05496974019527899, -0.10892241483247268], tolerance: 1e-13)
    }

    @Test func trainingIsTheSameAsSteppingEachPair() {
        var trained = SkipGram(vocabularySize: 8, dimension: 4, learningRate: 0.2, seed: 9)
        var stepped = trained
        let sentences = [[0, 1, 2, 3], [4, 5, 6, 7, 0]]
        let result = trained.train(sentences: sentences, window: 2)
        var total = 0.0
        for pair in SkipGram.pairs(sentences: sentences, window: 2) { total += stepped.step(center: pair.center, context: pair.context) }
        #expect(trained.embeddings == stepped.embeddings && trained.contexts == stepped.contexts)
        expectClose(result.meanLoss, total / Double(result.pairs.count), tolerance: 1e-15)
        for pair in result.pairs {
            #expect(pair.negatives.count == 3)
            #expect(!pair.negatives.contains(pair.center) && !pair.negatives.contains(pair.context))
        }
    }

    @Test func noPairsGiveZeroLossAndNoChange() {
        var model = SkipGram(vocabularySize: 3, dimension: 2, seed: 1)
        let before = model.embeddings
        let result = model.train(sentences: [[1], []], window: 2)
        #expect(result.pairs.isEmpty && result.meanLoss == 0)
        #expect(model.embeddings == before)
    }
}
