// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AttnMath

/// Training on the built-in corpus (read from the source tree: the math reads no files itself).
@Suite("Training the tiny transformer")
struct TransformerTrainingTests {
    static let corpus: NextWordCorpus = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Assets/corpus.txt")
        return NextWordCorpus(text: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }()

    /// The pinned run: seed 1, the default model, evaluated every 50 steps, 150 steps.
    static let pinned: TransformerTrainer = {
        var trainer = TransformerTrainer(corpus: corpus, seed: 1, evaluationInterval: 50)
        trainer.train(steps: 150)
        return trainer
    }()

    static func tokens(_ prompt: String) -> [Int] {
        [0] + prompt.split(separator: " ").map { corpus.token(of: String($0))! }
    }

    @Test func beforeTrainingEveryWordIsAboutEquallyLikely() throws {
        let first = try #require(Self.pinned.history.records.first)
        let uniform = log(Double(Self.corpus.vocabulary.count))
        #expect(first.step == 0)
        #expect(abs(first.trainingLoss / uniform - 1) < 0.05 && abs(first.heldOutLoss / uniform - 1) < 0.05)
        expectClose(Self.pinned.baselines.uniform, uniform, tolerance: 1e-15)
    }

    @Test func thePinnedRunsLossesAndPrediction() throws {
        let records = Self.pinned.history.records
        #expect(records.map(\.step) == [0, 50, 100, 150])
        expectClose(records[1].trainingLoss, 3.3152862054210925, tolerance: 1e-9, "training loss at step 50")
        expectClose(records[1].heldOutLoss, 3.3678285115561177, tolerance: 1e-9, "held-out loss at step 50")
        expectClose(records[3].trainingLoss, 2.050935507995199, tolerance: 1e-9, "training loss at step 150")
        expectClose(records[3].heldOutLoss, 2.218649303030778, tolerance: 1e-9, "held-out loss at step 150")
        #expect(Self.pinned.history.batchLosses.count == 150)
        let top = try Self.pinned.bestModel.topPredictions(after: Self.tokens("plug the old speaker into the"), count: 1)
        #expect(Self.corpus.vocabulary[top[0].token] == "charger")
    }

    @Test func theBestHeldOutLossBeatsWordFrequencies() throws {
        let best = try #require(Self.pinned.history.best)
        #expect(best.heldOutLoss < Self.pinned.baselines.unigram)
        #expect(
            Self.pinned.baselines.bigram < Self.pinned.baselines.unigram && Self.pinned.baselines.unigram < Self.pinned.baselines.uniform)
        #expect(best.step == 150 && Self.pinned.bestModel == Self.pinned.model)
    }

    /// A small model on the same corpus, for the properties that need several runs.
    static func small(seed: UInt64, concurrent: Bool = true) -> TransformerTrainer {
        let configuration = TransformerConfiguration(
            vocabularySize: corpus.vocabulary.count, modelWidth: 8, contextLength: 4, layerCount: 1, headCount: 2)
        return TransformerTrainer(
            corpus: corpus, configuration: configuration, settings: TrainingSettings(batchSize: 5, warmupSteps: 2), seed: seed,
            evaluationInterval: 4, concurrent: concurrent)
    }

    @Test func theSameSeedGivesTheSameNumbersOnOneThreadOrTwo() {
        var a = Self.small(seed: 7)
        var b = Self.small(seed: 7, concurrent: false)
        var c = Self.small(seed: 8)
        for trainer in [0, 1, 2] {
            for _ in 0..<8 {
                switch trainer {
                case 0: a.step()
                case 1: b.step()
                default: c.step()
                }
            }
        }
        #expect(a.model == b.model && a.history == b.history)
        #expect(a.model != c.model && a.history.records[0] != c.history.records[0])
        #expect(a.history.records.map(\.step) == [0, 4, 8])
    }

    @Test func aCopyIsASnapshot() {
        var trainer = Self.small(seed: 9)
        trainer.train(steps: 3)
        let snapshot = trainer
        trainer.train(steps: 2)
        #expect(snapshot.stepsTaken == 3 && trainer.stepsTaken == 5)
        #expect(snapshot.model != trainer.model)
        var replay = snapshot
        replay.train(steps: 2)
        #expect(replay.model == trainer.model && replay.history == trainer.history, "the copy carries its generator and optimiser")
    }

    @Test func batchesAreWindowsOfTheTrainingStream() {
        var trainer = Self.small(seed: 10)
        let batch = trainer.nextBatch()
        #expect(batch.count == 5 && batch.allSatisfy { $0.count == 5 })
        let stream = Self.corpus.trainingStream
        for window in batch {
            #expect((0...(stream.count - 5)).contains { Array(stream[$0..<($0 + 5)]) == window })
        }
    }
}
