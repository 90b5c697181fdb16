// SPDX-License-Identifier: Apache-2.0

/// One (centre, context) pair as trained, with the words sampled to push away from the centre.
public struct TrainedPair: Equatable, Sendable {
    public let center: Int
    public let context: Int
    public let negatives: [Int]

    public init(center: Int, context: Int, negatives: [Int]) {
        self.center = center
        self.context = context
        self.negatives = negatives
    }
}

extension SkipGram {
    /// One training step on a few sentences of word indices: every pair of
    /// `pairs(sentences:window:)`, in order, each with its own freshly drawn
    /// negatives (`drawNegatives`), then `step(center:context:negatives:)`.
    ///
    /// Returns the pairs as trained and the mean of their losses before each
    /// update (0 when the sentences give no pair). Deterministic for a seed:
    /// the same as calling `step(center:context:)` on each pair in order.
    @discardableResult
    public mutating func train(sentences: [[Int]], window: Int) -> (pairs: [TrainedPair], meanLoss: Double) {
        var trained: [TrainedPair] = []
        var total = 0.0
        for pair in Self.pairs(sentences: sentences, window: window) {
            let negatives = drawNegatives(center: pair.center, context: pair.context)
            total += step(center: pair.center, context: pair.context, negatives: negatives)
            trained.append(TrainedPair(center: pair.center, context: pair.context, negatives: negatives))
        }
        return (trained, trained.isEmpty ? 0 : total / Double(trained.count))
    }
}
