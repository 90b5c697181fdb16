// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Testing

@Suite("Weights normalised by their sum, weighted sums and averages")
struct WeightedAverageTests {
    // MARK: SumNormalization

    @Test func positiveWeightsByHand() {
        // [1, 3]: sum 4 → [1/4, 3/4].
        let normalised = SumNormalization([1, 3])
        #expect(normalised.sum == 4)
        #expect(normalised.weights == [0.25, 0.75])
        #expect(normalised.issues.isEmpty)
    }

    @Test func zeroSumIsReportedNotDivided() {
        // [1, −1]: sum 0, division undefined; the −1 is reported too.
        let normalised = SumNormalization([1, -1])
        #expect(normalised.sum == 0)
        #expect(normalised.weights == nil)
        #expect(normalised.issues == [.zeroSum, .negativeWeight(index: 1)])
        #expect(SumNormalization([0, 0, 0]).issues == [.zeroSum])
        #expect(SumNormalization([0, 0, 0]).weights == nil)
    }

    @Test func emptyWeightsAreAZeroSum() {
        let normalised = SumNormalization([])
        #expect(normalised.sum == 0)
        #expect(normalised.weights == nil)
        #expect(normalised.issues == [.zeroSum])
    }

    @Test func negativeWeightsAreReportedEvenWhenTheDivisionWorks() {
        // [2, −1]: sum 1 → weights [2, −1]: they "sum to 1" but leave the span of the words.
        let normalised = SumNormalization([2, -1])
        #expect(normalised.sum == 1)
        #expect(normalised.weights == [2, -1])
        #expect(normalised.issues == [.negativeWeight(index: 1)])
        #expect(SumNormalization([-1, 3, -0.5]).issues == [.negativeWeight(index: 0), .negativeWeight(index: 2)])
    }

    @Test func aSumThatIsOnlyNearlyZeroExplodes() throws {
        // 0.1 + 0.2 − 0.3 = 5.55e-17 in float64, not 0: the "weights" are about 1.8e15 — lesson 7's point.
        let normalised = SumNormalization([0.1, 0.2, -0.3])
        #expect(normalised.sum != 0)
        #expect(normalised.issues == [.negativeWeight(index: 2)])
        let weights = try #require(normalised.weights)
        #expect(weights.allSatisfy { abs($0) > 1e14 })
    }

    @Test func normalisedWeightsSumToOne() {
        for seed in 0..<20 as Range<UInt64> {
            let raw = randomScores(count: 1 + Int(seed % 7), spread: 5, seed: seed).map { abs($0) + 0.01 }
            let normalised = SumNormalization(raw)
            #expect(normalised.issues.isEmpty)
            expectClose(normalised.weights!.reduce(0, +), 1, tolerance: 1e-14)
        }
    }

    // MARK: weightedSum and weightedAverage

    @Test func weightedSumByHand() {
        // 0.25·[4, 0] + 0.75·[0, 8] = [1, 0] + [0, 6] = [1, 6]
        #expect(weightedSum(weights: [0.25, 0.75], vectors: [[4, 0], [0, 8]], dimension: 2) == [1, 6])
        // One vector with weight 1 is itself.
        #expect(weightedSum(weights: [1], vectors: [[3, -2, 5]], dimension: 3) == [3, -2, 5])
    }

    @Test func weightedSumOfNothingIsTheZeroVector() {
        #expect(weightedSum(weights: [], vectors: [], dimension: 3) == [0, 0, 0])
        #expect(weightedSum(weights: [], vectors: [], dimension: 0) == [])
    }

    @Test func weightedAverageByHand() {
        // (1·[4, 0] + 3·[0, 8]) / 4 = [4, 24] / 4 = [1, 6]
        #expect(weightedAverage(weights: [1, 3], vectors: [[4, 0], [0, 8]], dimension: 2) == [1, 6])
        // Negative weights are allowed: (2·[1, 0] − 1·[0, 1]) / 1 = [2, −1], outside the segment between the words.
        #expect(weightedAverage(weights: [2, -1], vectors: [[1, 0], [0, 1]], dimension: 2) == [2, -1])
    }

    @Test func weightedAverageWithZeroSumIsNoValue() {
        #expect(weightedAverage(weights: [1, -1], vectors: [[1, 0], [0, 1]], dimension: 2) == nil)
        #expect(weightedAverage(weights: [0, 0], vectors: [[1, 0], [0, 1]], dimension: 2) == nil)
        #expect(weightedAverage(weights: [], vectors: [], dimension: 2) == nil)
    }

    @Test func averageOfOneRepeatedVectorIsThatVector() {
        let v = [0.3, -1.25, 8]
        for weights in [[1.0, 2, 3], [0.5, 0.5, 0.5], [5, -1, 1]] {
            expectClose(weightedAverage(weights: weights, vectors: [v, v, v], dimension: 3)!, v, tolerance: 1e-15)
        }
    }

    @Test func averageIsScaleInvariantInTheWeights() {
        let vectors = randomVectors(count: 4, dimension: 3, seed: 11)
        let weights = [0.5, 2, 1, 3]
        let reference = weightedAverage(weights: weights, vectors: vectors, dimension: 3)!
        expectClose(weightedAverage(weights: scale(weights, by: 1000), vectors: vectors, dimension: 3)!, reference, tolerance: 1e-14)
        // Normalising first and then summing is the same average.
        expectClose(weightedSum(weights: SumNormalization(weights).weights!, vectors: vectors, dimension: 3), reference, tolerance: 1e-14)
    }
}
