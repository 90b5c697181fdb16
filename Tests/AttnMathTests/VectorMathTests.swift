// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

@Suite("Vector math: dot, norm, cosine, scaled dot, distance")
struct VectorMathTests {
    // MARK: Hand-worked cases

    @Test func dotProductByHand() {
        // [1, 2, 3]·[4, −5, 6] = 4 − 10 + 18 = 12
        #expect(dot([1, 2, 3], [4, -5, 6]) == 12)
        #expect(elementwiseProducts([1, 2, 3], [4, -5, 6]) == [4, -10, 18])
        // d = 1: [3]·[−2] = −6
        #expect(dot([3], [-2]) == -6)
    }

    @Test func elementwiseProductsSumToTheDotProduct() {
        for (a, b) in zip(randomVectors(count: 20, dimension: 7, seed: 1), randomVectors(count: 20, dimension: 7, seed: 2)) {
            #expect(elementwiseProducts(a, b).reduce(0, +) == dot(a, b))
        }
    }

    @Test func emptyVectors() {
        #expect(dot([], []) == 0)
        #expect(norm([]) == 0)
        #expect(scaledDot([], []) == 0)
        #expect(euclideanDistance([], []) == 0)
        #expect(elementwiseProducts([], []).isEmpty)
        #expect(cosineSimilarity([], []) == nil)
    }

    @Test func normByHand() {
        // √(3² + 4²) = √25 = 5
        #expect(norm([3, 4]) == 5)
        #expect(norm([0, 0, 0]) == 0)
        // d = 1: |−7| = 7
        #expect(norm([-7]) == 7)
    }

    @Test func normOfTinyAndHugeVectorsNeitherUnderflowsNorOverflows() {
        // 3e-200² underflows to 0 and 3e200² overflows to ∞ if squared directly.
        #expect(isRelativelyClose(norm([3e-200, -4e-200]), 5e-200))
        #expect(isRelativelyClose(norm([-3e200, 4e200]), 5e200))
        #expect(norm([.leastNonzeroMagnitude]) == .leastNonzeroMagnitude)
        // √2 · 1e308 ≈ 1.414e308 still fits in float64 …
        #expect(isRelativelyClose(norm([1e308, 1e308]), 1.414_213_562_373_095_1e308))
        // … √2 · 1.5e308 does not.
        #expect(norm([1.5e308, 1.5e308]) == .infinity)
        #expect(norm([1, .infinity]) == .infinity)
        #expect(norm([1, .nan]).isNaN)
    }

    @Test func cosineByHand() throws {
        // [1, 0] and [1, 1]: 1 / (1 · √2) = 0.7071…
        expectClose(cosineSimilarity([1, 0], [1, 1]), 1 / 2.0.squareRoot(), tolerance: 1e-15)
        // [1, 2, 3] and [4, −5, 6]: 12 / (√14 · √77) = 12 / √1078 ≈ 0.36548
        expectClose(cosineSimilarity([1, 2, 3], [4, -5, 6]), 12 / 1078.0.squareRoot(), tolerance: 1e-15)
        // Orthogonal, opposite, identical.
        #expect(cosineSimilarity([1, 0], [0, 2]) == 0)
        expectClose(cosineSimilarity([1, 2], [-2, -4]), -1, tolerance: 1e-15)
        let v = [0.3, -1.7, 2.9, 0.01]
        expectClose(cosineSimilarity(v, v), 1, tolerance: 1e-15)
    }

    @Test func cosineInOneDimensionIsTheSign() {
        #expect(cosineSimilarity([3], [5]) == 1)
        #expect(cosineSimilarity([3], [-0.5]) == -1)
        #expect(cosineSimilarity([0], [5]) == nil)
    }

    @Test func cosineOfAZeroVectorIsNoValueNeverNaN() {
        #expect(cosineSimilarity([0, 0, 0], [1, 2, 3]) == nil)
        #expect(cosineSimilarity([1, 2, 3], [0, 0, 0]) == nil)
        #expect(cosineSimilarity([0, 0], [0, 0]) == nil)
        #expect(cosineSimilarity([-0.0, 0], [1, 1]) == nil)
    }

    @Test func cosineOfNonFiniteEntriesIsNoValue() {
        #expect(cosineSimilarity([.nan, 1], [1, 1]) == nil)
        #expect(cosineSimilarity([1, 1], [.infinity, 1]) == nil)
    }

    @Test func cosineLiesInMinusOneToOne() {
        let vectors = randomVectors(count: 40, dimension: 5, seed: 3)
        for a in vectors {
            // Near-parallel pairs are where rounding could push a cosine past 1.
            let nearlyParallel = [a.map { $0 * (1 + 1e-16) }, a.map { $0 * 3 }, a.map { -$0 * 7 }]
            for b in vectors + nearlyParallel {
                let value = cosineSimilarity(a, b)!
                #expect(value >= -1 && value <= 1, "cosine \(value) outside [-1, 1]")
            }
        }
    }

    @Test(arguments: [1e-200, 1e-150, 1e-3, 0.5, 7.25, 1e3, 1e150, 1e200])
    func cosineIgnoresPositiveScaling(factor: Double) {
        let vectors = randomVectors(count: 8, dimension: 4, seed: 4)
        for a in vectors {
            for b in vectors {
                let reference = cosineSimilarity(a, b)!
                expectClose(cosineSimilarity(scale(a, by: factor), b), reference, tolerance: 1e-15, "scaled first argument")
                expectClose(cosineSimilarity(a, scale(b, by: factor)), reference, tolerance: 1e-15, "scaled second argument")
                expectClose(cosineSimilarity(scale(a, by: factor), scale(b, by: factor)), reference, tolerance: 1e-15, "both scaled")
                expectClose(cosineSimilarity(scale(a, by: -factor), b), -reference, tolerance: 1e-15, "negative scaling flips the sign")
            }
        }
    }

    @Test func cosineIsSymmetric() {
        let vectors = randomVectors(count: 10, dimension: 6, seed: 5)
        for a in vectors { for b in vectors { #expect(cosineSimilarity(a, b) == cosineSimilarity(b, a)) } }
    }

    @Test func scaledDotByHand() {
        // [1, 2, 3, 4]·[1, 1, 1, 1] = 10, √4 = 2: 10 / 2 = 5
        #expect(scaledDot([1, 2, 3, 4], [1, 1, 1, 1]) == 5)
        // d = 1: √1 = 1, so it is the plain product.
        #expect(scaledDot([3], [-2]) == -6)
        // d = 3: 12 / √3 = 4√3
        expectClose(scaledDot([1, 2, 3], [4, -5, 6]), 4 * 3.0.squareRoot(), tolerance: 1e-15)
    }

    @Test func scaledDotIsDotOverRootOfDimension() {
        for dimension in [1, 2, 3, 6, 50] {
            let vectors = randomVectors(count: 2, dimension: dimension, seed: UInt64(dimension))
            #expect(scaledDot(vectors[0], vectors[1]) == dot(vectors[0], vectors[1]) / Double(dimension).squareRoot())
        }
    }

    @Test func euclideanDistanceByHand() {
        // [1, 2] to [4, 6]: √(3² + 4²) = 5
        #expect(euclideanDistance([1, 2], [4, 6]) == 5)
        #expect(euclideanDistance([1, 2], [1, 2]) == 0)
        // d = 1: |2 − (−1)| = 3
        #expect(euclideanDistance([2], [-1]) == 3)
        #expect(euclideanDistance([4, 6], [1, 2]) == euclideanDistance([1, 2], [4, 6]))
    }

    @Test func euclideanDistanceOfTinyAndHugeVectors() {
        #expect(isRelativelyClose(euclideanDistance([0, 0], [3e-200, 4e-200]), 5e-200))
        #expect(isRelativelyClose(euclideanDistance([3e200, 0], [0, 4e200]), 5e200))
        #expect(euclideanDistance([1e308], [-1e308]) == .infinity)
    }

    @Test func euclideanDistanceIsTheNormOfTheDifference() {
        let vectors = randomVectors(count: 10, dimension: 4, seed: 6)
        for a in vectors {
            for b in vectors {
                expectClose(euclideanDistance(a, b), norm(subtract(a, b)), tolerance: 1e-15)
            }
        }
    }

    @Test func elementwiseHelpers() {
        #expect(add([1, 2], [3, -5]) == [4, -3])
        #expect(subtract([1, 2], [3, -5]) == [-2, 7])
        #expect(scale([1, -2], by: 0.5) == [0.5, -1])
    }
}

@Suite("Metric and the similarity table")
struct SimilarityMatrixTests {
    @Test func metricNamesAreTheCommandLineNames() {
        #expect(Metric.allCases.map(\.rawValue) == ["cosine", "dot", "scaled-dot"])
        #expect(Metric(rawValue: "scaled-dot") == .scaledDot)
    }

    @Test func metricScoresAreTheVectorFunctions() {
        let a = [1.0, 2, 3]
        let b = [4.0, -5, 6]
        #expect(Metric.cosine.score(a, b) == cosineSimilarity(a, b))
        #expect(Metric.dot.score(a, b) == 12)
        #expect(Metric.scaledDot.score(a, b) == scaledDot(a, b))
        #expect(Metric.cosine.score([0, 0, 0], b) == nil)
        #expect(Metric.dot.score([0, 0, 0], b) == 0)
    }

    @Test func tableByHand() {
        // v₀ = [1, 0], v₁ = [1, 1], v₂ = [0, 2]
        // dot: v₀·v₀ = 1, v₀·v₁ = 1, v₀·v₂ = 0, v₁·v₁ = 2, v₁·v₂ = 2, v₂·v₂ = 4
        let vectors: [[Double]] = [[1, 0], [1, 1], [0, 2]]
        let dots = SimilarityMatrix(vectors: vectors, metric: .dot)
        #expect(dots.scores == [[1, 1, 0], [1, 2, 2], [0, 2, 4]])
        #expect(dots.range == 0...4)
        #expect(dots.count == 3)
        #expect(dots[1, 2] == 2)
        // cosine: v₀,v₁ = 1/√2; v₀,v₂ = 0; v₁,v₂ = 2/(√2·2) = 1/√2
        let cosines = SimilarityMatrix(vectors: vectors, metric: .cosine)
        let r = 1 / 2.0.squareRoot()
        expectClose(cosines.scores.map { $0.map { $0! } }, [[1, r, 0], [r, 1, r], [0, r, 1]], tolerance: 1e-15)
        // scaled dot: dot / √2
        let scaled = SimilarityMatrix(vectors: vectors, metric: .scaledDot)
        expectClose(scaled.scores.map { $0.map { $0! } }, dots.scores.map { $0.map { $0! / 2.0.squareRoot() } }, tolerance: 1e-15)
    }

    @Test(arguments: Metric.allCases)
    func tableIsSymmetric(metric: Metric) {
        let vectors = randomVectors(count: 9, dimension: 5, seed: 7)
        let matrix = SimilarityMatrix(vectors: vectors, metric: metric)
        #expect(matrix.metric == metric)
        for i in 0..<matrix.count {
            for j in 0..<matrix.count {
                #expect(matrix[i, j] == matrix[j, i])
                #expect(matrix[i, j] == metric.score(vectors[i], vectors[j]))
            }
        }
    }

    @Test func cosineTableHasNoValueInTheRowAndColumnOfAZeroVector() {
        let matrix = SimilarityMatrix(vectors: [[1, 0], [0, 0], [1, 1]], metric: .cosine)
        for k in 0..<3 {
            #expect(matrix[1, k] == nil)
            #expect(matrix[k, 1] == nil)
        }
        #expect(matrix[0, 2] != nil)
        // The range skips undefined cells.
        #expect(matrix.range?.upperBound == 1)
        #expect(SimilarityMatrix(vectors: [[0, 0]], metric: .cosine).range == nil)
    }

    @Test func emptyTable() {
        let matrix = SimilarityMatrix(vectors: [], metric: .dot)
        #expect(matrix.count == 0)
        #expect(matrix.scores.isEmpty)
        #expect(matrix.range == nil)
    }
}
