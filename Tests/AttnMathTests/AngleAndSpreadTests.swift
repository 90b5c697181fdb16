// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

/// The math lessons 4 and 5 add: angles in degrees, seeded unit-variance vectors, spread.
/// Expected values come from numpy (`np.degrees(np.arccos(...))`, `np.std`) and from a
/// Python SplitMix64 written from the algorithm's published constants.
@Suite("Angle, random unit-variance vectors, standard deviation")
struct AngleAndSpreadTests {
    @Test func anglesAgreeWithNumpy() throws {
        #expect(isClose(try #require(angleInDegrees([1, 0], [1, 1])), 45.00000000000001, tolerance: 1e-12))
        #expect(isClose(try #require(angleInDegrees([3, 4, 0], [-4, 3, 12])), 90, tolerance: 1e-12))
        #expect(try #require(angleInDegrees([1, 2, 3], [-1, -2, -3])) == 180)
        // The lexicon's banana and apple: numpy gives 44.869961161356024°.
        let banana = [0.95, 0.85, 0.75, 0, 0, 0, 0, 0, 0, 0.4, -0.1, 0.7, 0]
        let apple = [0.6, 0.5, 0.45, 0.2, 0.65, 0.35, 0.15, 0, 0, 0.25, -0.25, 0.05, 0.1]
        #expect(isClose(try #require(angleInDegrees(banana, apple)), 44.869961161356024, tolerance: 1e-9))
    }

    @Test func aVectorWithItselfIsZeroDegreesAndAZeroVectorHasNoAngle() throws {
        let banana = [0.95, 0.85, 0.75, 0, 0, 0, 0, 0, 0, 0.4, -0.1, 0.7, 0]
        #expect(try #require(angleInDegrees(banana, banana)) < 1e-5)
        #expect(try #require(angleInDegrees(banana, banana.map { $0 * 3 })) < 1e-5)
        #expect(angleInDegrees([0, 0], [1, 2]) == nil)
        #expect(angleInDegrees([.nan, 1], [1, 2]) == nil)
    }

    @Test func randomVectorsMatchAPythonSplitMix64() {
        let vectors = unitVarianceVectors(count: 2, dimension: 3, seed: 42)
        let expected = [
            [0.836805286714029, -1.1781049573266253, -0.7669481822728474],
            [-0.5397391905439235, -1.6003104393046492, 1.2755794747039113],
        ]
        for (row, want) in zip(vectors, expected) { expectClose(row, want, tolerance: 1e-15) }
        #expect(unitVarianceVectors(count: 2, dimension: 3, seed: 42) == vectors)
        #expect(unitVarianceVectors(count: 2, dimension: 3, seed: 43) != vectors)
        #expect(unitVarianceVectors(count: 0, dimension: 3, seed: 1).isEmpty)
    }

    @Test func randomFeaturesHaveMeanZeroAndVarianceOne() {
        // Uniform on [−√3, √3): variance (2√3)²/12 = 1. numpy on the same stream: mean −0.00099, var 1.0021.
        let values = unitVarianceVectors(count: 1, dimension: 100_000, seed: 7)[0]
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - -0.0009943568177935157) < 1e-9)
        #expect(abs(standardDeviation(values) * standardDeviation(values) - 1.0020927417601313) < 1e-9)
        #expect(values.allSatisfy { abs($0) < 3.0.squareRoot() })
    }

    @Test func standardDeviationAgreesWithNumpy() {
        #expect(isClose(standardDeviation([1, 2, 3, 4]), 1.118033988749895, tolerance: 1e-15))
        #expect(isClose(standardDeviation([2.5, -1, 7, 0.25, 3]), 2.7459060435491964, tolerance: 1e-15))
        #expect(standardDeviation([]) == 0)
        #expect(standardDeviation([5]) == 0)
        // A large common offset leaves the spread alone.
        #expect(isClose(standardDeviation([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4]), 1.118033988749895, tolerance: 1e-6))
    }
}
