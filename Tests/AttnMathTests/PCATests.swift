// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AttnMath

@Suite("PCA and word-axis projection")
struct PCATests {
    /// Unit length and mutually orthogonal, within `tolerance`.
    private func expectOrthonormal(_ axes: [[Double]], tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation) {
        for (i, axis) in axes.enumerated() {
            expectClose(norm(axis), 1, tolerance: tolerance, "|axis \(i)|", sourceLocation: sourceLocation)
            for other in axes[(i + 1)...] {
                expectClose(dot(axis, other), 0, tolerance: tolerance, "axis \(i) · a later axis", sourceLocation: sourceLocation)
            }
        }
    }

    /// Points spread mostly along a fixed direction, so the first axis is well defined.
    private func cloud(count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
        randomVectors(count: count, dimension: dimension, seed: seed).map { row in
            row.enumerated().map { k, value in value * Double(dimension - k) + Double(k) }
        }
    }

    @Test func rectangleByHand() {
        // Corners (±2, ±1): mean 0; variance along x = (4·4)/(4 − 1) = 16/3, along y = (4·1)/3 = 4/3, covariance 0.
        // Axes e₁, e₂ (largest entry positive); the projections are the points themselves.
        let points: [[Double]] = [[-2, -1], [-2, 1], [2, -1], [2, 1]]
        let pca = PCA(vectors: points, dimension: 2)
        #expect(pca.mean == [0, 0])
        expectClose(pca.variances, [16.0 / 3, 4.0 / 3], tolerance: 1e-15)
        expectClose(pca.axes, [[1, 0], [0, 1]], tolerance: 1e-15)
        for point in points {
            let p = pca.project(point)
            expectClose([p.x, p.y], point, tolerance: 1e-15)
        }
    }

    @Test func diagonalLineByHand() {
        // Points t·(1, 1) + (1, 2) for t = −1, 0, 1: mean (1, 2), one axis (1, 1)/√2 with variance
        // (2 + 0 + 2)/2 = 2; the other direction has variance 0. Projections: −√2, 0, √2.
        let points: [[Double]] = [[0, 1], [1, 2], [2, 3]]
        let pca = PCA(vectors: points, dimension: 2)
        #expect(pca.mean == [1, 2])
        expectClose(pca.variances, [2, 0], tolerance: 1e-14)
        let r = 1 / 2.0.squareRoot()
        expectClose(pca.axes[0], [r, r], tolerance: 1e-15)
        expectOrthonormal(pca.axes)
        expectClose(points.map { pca.project($0).x }, [-2.0.squareRoot(), 0, 2.0.squareRoot()], tolerance: 1e-14)
        expectClose(points.map { pca.project($0).y }, [0, 0, 0], tolerance: 1e-14)
    }

    // MARK: Properties, on both routes (d ≤ n: covariance; d > n: Gram matrix)

    @Test(arguments: [(12, 3), (30, 6), (4, 6), (6, 50), (2, 2), (3, 10)])
    func axesAreOrthonormal(count: Int, dimension: Int) {
        let pca = PCA(vectors: cloud(count: count, dimension: dimension, seed: UInt64(count * 100 + dimension)), dimension: dimension)
        #expect(pca.axes.count == 2)
        expectOrthonormal(pca.axes)
        #expect(pca.variances[0] >= pca.variances[1] && pca.variances[1] >= 0)
    }

    @Test(arguments: [(12, 3), (4, 6), (6, 50)])
    func meanProjectsToTheOriginAndProjectionsAreCentred(count: Int, dimension: Int) {
        let vectors = cloud(count: count, dimension: dimension, seed: 7)
        let pca = PCA(vectors: vectors, dimension: dimension)
        #expect(pca.project(pca.mean) == Point2D(x: 0, y: 0))
        let points = vectors.map(pca.project)
        expectClose(points.map(\.x).reduce(0, +) / Double(count), 0, tolerance: 1e-13, "mean x")
        expectClose(points.map(\.y).reduce(0, +) / Double(count), 0, tolerance: 1e-13, "mean y")
    }

    @Test(arguments: [(12, 3), (4, 6), (6, 50)])
    func variancesAreTheVariancesOfTheProjections(count: Int, dimension: Int) {
        let vectors = cloud(count: count, dimension: dimension, seed: 8)
        let pca = PCA(vectors: vectors, dimension: dimension)
        let points = vectors.map(pca.project)
        let n = Double(count - 1)
        expectClose(points.map { $0.x * $0.x }.reduce(0, +) / n, pca.variances[0], tolerance: 1e-12, "variance along x")
        expectClose(points.map { $0.y * $0.y }.reduce(0, +) / n, pca.variances[1], tolerance: 1e-12, "variance along y")
        // No unit direction has more variance than the first axis: try the data's own directions.
        for vector in vectors {
            let direction = subtract(vector, pca.mean)
            guard norm(direction) > 0 else { continue }
            let unit = scale(direction, by: 1 / norm(direction))
            let spread = vectors.map { dot(subtract($0, pca.mean), unit) }.map { $0 * $0 }.reduce(0, +) / n
            #expect(spread <= pca.variances[0] * (1 + 1e-12))
        }
    }

    @Test func signConventionMakesTheLargestEntryPositive() {
        for seed in 0..<10 as Range<UInt64> {
            let pca = PCA(vectors: cloud(count: 9, dimension: 4, seed: seed), dimension: 4)
            for axis in pca.axes {
                let largest = axis.indices.max { abs(axis[$0]) < abs(axis[$1]) }!
                #expect(axis[largest] > 0)
            }
        }
    }

    @Test func fittingIsDeterministic() {
        let vectors = cloud(count: 7, dimension: 5, seed: 9)
        #expect(PCA(vectors: vectors, dimension: 5) == PCA(vectors: vectors, dimension: 5))
    }

    @Test(arguments: [(20, 3), (5, 8)])
    func addingOnePointDoesNotFlipTheAxes(count: Int, dimension: Int) {
        for seed in 0..<10 as Range<UInt64> {
            let vectors = cloud(count: count, dimension: dimension, seed: seed)
            let before = PCA(vectors: vectors, dimension: dimension)
            // The new word lands near an existing one, as a newly added fruit would.
            let newcomer = add(vectors[0], [Double](repeating: 0.05, count: dimension))
            let plain = PCA(vectors: vectors + [newcomer], dimension: dimension)
            let oriented = PCA(vectors: vectors + [newcomer], dimension: dimension, orientedLike: before.axes)
            // A mirrored axis would give a dot product near −1; a few points in many dimensions may turn a little.
            for index in 0..<2 {
                #expect(dot(before.axes[index], plain.axes[index]) > 0.5, "axis \(index) flipped (seed \(seed))")
                #expect(dot(before.axes[index], oriented.axes[index]) > 0.5, "axis \(index) flipped with orientedLike (seed \(seed))")
            }
        }
    }

    @Test func orientedLikeHoldsWhereTheLargestEntryRuleWouldFlip() throws {
        // Points along (1, −1)/√2, tilted slightly so the first entry is the largest: axis ≈ (0.7072, −0.7070).
        let before: [[Double]] = [[-2, 1.999], [0, 0], [2, -1.999], [0.01, 0.01], [-0.01, -0.01]]
        let first = PCA(vectors: before, dimension: 2)
        #expect(first.axes[0][0] > 0 && first.axes[0][1] < 0)
        // A new point along (1, −1.01) tips the axis so that its second entry is the largest in magnitude.
        let after = before + [[3, -3.1], [-3, 3.1]]
        let plain = PCA(vectors: after, dimension: 2)
        let oriented = PCA(vectors: after, dimension: 2, orientedLike: first.axes)
        // The plain rule mirrors the map …
        #expect(plain.axes[0][1] > 0)
        #expect(dot(first.axes[0], plain.axes[0]) < 0)
        // … `orientedLike` keeps it the way it was.
        #expect(dot(first.axes[0], oriented.axes[0]) > 0.99)
        #expect(dot(first.axes[1], oriented.axes[1]) > 0.99)
        expectClose(oriented.axes[0], scale(plain.axes[0], by: -1), tolerance: 0)
    }

    @Test func orientedLikeIgnoresAxesOfAnotherDimension() {
        let vectors = cloud(count: 6, dimension: 3, seed: 12)
        let plain = PCA(vectors: vectors, dimension: 3)
        #expect(PCA(vectors: vectors, dimension: 3, orientedLike: [[-1, 0], [0, -1]]) == plain)
        #expect(PCA(vectors: vectors, dimension: 3, orientedLike: []) == plain)
    }

    @Test(arguments: [1e-10, 1e-3, 1e3, 1e10])
    func scalingTheDataScalesTheMap(factor: Double) {
        for (count, dimension) in [(10, 3), (4, 7)] {
            let vectors = cloud(count: count, dimension: dimension, seed: 13)
            let reference = PCA(vectors: vectors, dimension: dimension)
            let scaled = PCA(vectors: vectors.map { scale($0, by: factor) }, dimension: dimension)
            expectClose(scaled.axes, reference.axes, tolerance: 1e-10, "axes at scale \(factor)")
            for index in 0..<2 {
                #expect(isRelativelyClose(scaled.variances[index], reference.variances[index] * factor * factor, tolerance: 1e-10))
            }
            for vector in vectors {
                let p = reference.project(vector)
                let q = scaled.project(scale(vector, by: factor))
                #expect(isRelativelyClose(q.x, p.x * factor, tolerance: 1e-9) && isRelativelyClose(q.y, p.y * factor, tolerance: 1e-9))
            }
        }
    }

    // MARK: Degenerate data

    @Test func oneWord() {
        for dimension in [1, 2, 6] {
            let word = (0..<dimension).map { Double($0) + 0.5 }
            let pca = PCA(vectors: [word], dimension: dimension)
            #expect(pca.mean == word)
            #expect(pca.variances == [0, 0])
            #expect(pca.project(word) == Point2D(x: 0, y: 0))
            if dimension >= 2 { expectOrthonormal(pca.axes) }
        }
    }

    @Test func identicalWords() {
        for (count, dimension) in [(5, 3), (3, 8)] {
            let word = (0..<dimension).map { Double($0) - 1.5 }
            let pca = PCA(vectors: Array(repeating: word, count: count), dimension: dimension)
            #expect(pca.variances == [0, 0])
            expectOrthonormal(pca.axes)
            #expect(pca.project(word) == Point2D(x: 0, y: 0))
        }
    }

    @Test(arguments: [1.0, 1e5])
    func collinearWordsInManyDimensions(size: Double) {
        // Three words on one line in 6 dimensions (the Gram route): one real axis, the second has no variance
        // and must still be a unit vector orthogonal to the first, not rounding noise along it.
        let direction = [1.0, -2, 0.5, 3, 0, 1]
        let base = [0.3, 0.1, -0.2, 0.7, 1.1, -0.4]
        let vectors = [-1.0, 0.4, 2].map { t in add(scale(base, by: size), scale(direction, by: t * size)) }
        let pca = PCA(vectors: vectors, dimension: 6)
        expectOrthonormal(pca.axes)
        expectClose(abs(dot(pca.axes[0], direction) / norm(direction)), 1, tolerance: 1e-12)
        #expect(pca.variances[1] <= 1e-20 * pca.variances[0])
        for vector in vectors { #expect(abs(pca.project(vector).y) <= 1e-9 * size) }
    }

    @Test func twoWords() {
        // n = 2: one axis along the difference, variance |a − b|²/2.
        let a = [1.0, 2, 3, 4]
        let b = [2.0, 0, 3, 5]
        let pca = PCA(vectors: [a, b], dimension: 4)
        let difference = subtract(a, b)
        expectClose(pca.variances, [dot(difference, difference) / 2, 0], tolerance: 1e-14)
        expectOrthonormal(pca.axes)
        expectClose(abs(pca.project(a).x), norm(difference) / 2, tolerance: 1e-14)
        #expect(pca.project(a).x == -pca.project(b).x)
    }

    /// Issue 18 item 7: the missing axis is found in O(d), and it is the one the definition
    /// gives — every standard basis vector with the axes projected out, the longest (first on a tie).
    @Test func theMissingAxisIsTheLongestProjectedBasisVector() {
        func definition(_ axes: [[Double]], _ dimension: Int) -> [Double] {
            var best: [Double] = []
            var bestLength = -1.0
            for k in 0..<dimension {
                var candidate = [Double](repeating: 0, count: dimension)
                candidate[k] = 1
                for axis in axes { candidate = subtract(candidate, scale(axis, by: dot(candidate, axis))) }
                if norm(candidate) > bestLength + 1e-12 {
                    best = candidate
                    bestLength = norm(candidate)
                }
            }
            return scale(best, by: 1 / bestLength)
        }
        for (seed, dimension) in [(1, 2), (2, 3), (3, 7), (4, 40)] {
            let random = randomVectors(count: 2, dimension: dimension, seed: UInt64(seed))
            let first = scale(random[0], by: 1 / norm(random[0]))
            var second = subtract(random[1], scale(first, by: dot(random[1], first)))
            second = scale(second, by: 1 / norm(second))
            for axes in [[], [first], dimension > 2 ? [first, second] : [first]] {
                #expect(PCA.completion(of: axes, dimension: dimension) == definition(axes, dimension), "d \(dimension), \(axes.count) axes")
            }
        }
        // Ties go to the first: e₁ and e₂ keep the same length once [0, 0, 1] is taken out.
        #expect(PCA.completion(of: [[0, 0, 1]], dimension: 3) == [1, 0, 0])
        #expect(PCA.completion(of: [[1, 0, 0]], dimension: 3) == [0, 1, 0])
    }

    @Test func threeWordsInAHundredThousandDimensions() {
        // Two words, then three collinear ones: the completion must not cost d² (10¹⁰ steps, hours in a debug build).
        let dimension = 100_000
        let a = (0..<dimension).map { Double($0 % 7) - 3 }
        let b = (0..<dimension).map { Double($0 % 5) - 2 }
        for words in [[a, b], [a, b, add(b, subtract(b, a))]] {
            let pca = PCA(vectors: words, dimension: dimension)
            expectClose(norm(pca.axes[1]), 1, tolerance: 1e-12)
            expectClose(dot(pca.axes[0], pca.axes[1]), 0, tolerance: 1e-12)
            #expect(pca.variances[1] <= 1e-20 * pca.variances[0])
        }
    }

    @Test func noWords() {
        let pca = PCA(vectors: [], dimension: 3)
        #expect(pca.mean == [0, 0, 0])
        #expect(pca.variances == [0, 0])
        expectOrthonormal(pca.axes)
    }

    @Test func oneAndZeroDimensions() {
        // d = 1: the only axis is [1]; there is no second direction.
        let pca = PCA(vectors: [[1], [3], [-4]], dimension: 1)
        #expect(pca.axes == [[1], [0]])
        // variance: mean 0, (1 + 9 + 16)/2 = 13
        expectClose(pca.variances, [13, 0], tolerance: 1e-15)
        #expect(pca.project([3]) == Point2D(x: 3, y: 0))
        let empty = PCA(vectors: [[], []], dimension: 0)
        #expect(empty.axes == [[], []])
        #expect(empty.project([]) == Point2D(x: 0, y: 0))
    }

    // MARK: The eigen-solver underneath

    @Test func symmetricEigenByHand() {
        // [[2, 1], [1, 2]]: eigenvalues 3 (vector (1, 1)/√2) and 1 (vector (1, −1)/√2).
        let pairs = symmetricEigen(Matrix([[2, 1], [1, 2]]))
        expectClose(pairs.map(\.value), [3, 1], tolerance: 1e-15)
        let r = 1 / 2.0.squareRoot()
        expectClose(pairs[0].vector.map(abs), [r, r], tolerance: 1e-15)
        expectClose(pairs[1].vector.map(abs), [r, r], tolerance: 1e-15)
        expectClose(dot(pairs[0].vector, pairs[1].vector), 0, tolerance: 1e-15)
    }

    @Test(arguments: [1e-150, 1e-20, 1, 1e20, 1e150])
    func symmetricEigenAtAnyScale(factor: Double) {
        // The same matrix in tiny or huge units must give the same vectors and scaled eigenvalues.
        let pairs = symmetricEigen(Matrix([[2 * factor, factor], [factor, 2 * factor]]))
        #expect(isRelativelyClose(pairs[0].value, 3 * factor, tolerance: 1e-14))
        #expect(isRelativelyClose(pairs[1].value, factor, tolerance: 1e-14))
        let r = 1 / 2.0.squareRoot()
        expectClose(pairs[0].vector.map(abs), [r, r], tolerance: 1e-14)
    }

    @Test func symmetricEigenTiesKeepIndexOrder() {
        let pairs = symmetricEigen(Matrix([[1, 0, 0], [0, 5, 0], [0, 0, 1]]))
        #expect(pairs.map(\.value) == [5, 1, 1])
        #expect(pairs.map(\.vector) == [[0, 1, 0], [1, 0, 0], [0, 0, 1]])
    }

    @Test func symmetricEigenReconstructsTheMatrix() {
        // A = Σ λᵢ vᵢvᵢᵀ for a random symmetric 6×6 matrix.
        let rows = randomVectors(count: 6, dimension: 6, seed: 17)
        var a = Matrix(rows: 6, columns: 6)
        for i in 0..<6 { for j in 0..<6 { a[i, j] = rows[i][j] + rows[j][i] } }
        let pairs = symmetricEigen(a)
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.value >= $1.value })
        for i in 0..<6 {
            for j in 0..<6 {
                let rebuilt = pairs.map { $0.value * $0.vector[i] * $0.vector[j] }.reduce(0, +)
                expectClose(rebuilt, a[i, j], tolerance: 1e-13)
            }
        }
        expectOrthonormal(pairs.map(\.vector), tolerance: 1e-14)
    }

    // MARK: AxisProjection

    @Test func axisProjectionByHand() throws {
        // x from [0, 0] to [2, 0]: direction (1, 0), midpoint (1, 0). y from [0, 0] to [0, 4]: direction (0, 1), midpoint (0, 2).
        // [1, 3] → x = ([1, 3] − [1, 0])·(1, 0) = 0, y = ([1, 3] − [0, 2])·(0, 1) = 1.
        let projection = try #require(AxisProjection(x: (from: [0, 0], to: [2, 0]), y: (from: [0, 0], to: [0, 4])))
        #expect(projection.project([1, 3]) == Point2D(x: 0, y: 1))
        #expect(projection.directions == [[1, 0], [0, 1]])
        #expect(projection.origins == [[1, 0], [0, 2]])
    }

    @Test func definingWordsSitAtPlusMinusHalfTheirDistance() throws {
        let words = randomVectors(count: 4, dimension: 6, seed: 19)
        let projection = try #require(AxisProjection(x: (from: words[0], to: words[1]), y: (from: words[2], to: words[3])))
        let halfX = euclideanDistance(words[0], words[1]) / 2
        let halfY = euclideanDistance(words[2], words[3]) / 2
        expectClose(projection.project(words[0]).x, -halfX, tolerance: 1e-14)
        expectClose(projection.project(words[1]).x, halfX, tolerance: 1e-14)
        expectClose(projection.project(words[2]).y, -halfY, tolerance: 1e-14)
        expectClose(projection.project(words[3]).y, halfY, tolerance: 1e-14)
        for direction in projection.directions { expectClose(norm(direction), 1, tolerance: 1e-15) }
    }

    @Test func coincidentWordsGiveNoAxis() {
        #expect(AxisProjection(x: (from: [1, 2], to: [1, 2]), y: (from: [0, 0], to: [0, 1])) == nil)
        #expect(AxisProjection(x: (from: [0, 0], to: [0, 1]), y: (from: [3, 3], to: [3, 3])) == nil)
    }
}
