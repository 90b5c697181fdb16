// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

@Suite("Softmax with temperature")
struct SoftmaxTests {
    // MARK: Hand-worked cases

    @Test func softmaxByHand() throws {
        // Scores [0, ln 2, ln 3]: exponentials 1, 2, 3, sum 6 → [1/6, 2/6, 3/6].
        expectClose(try softmax([0, log(2), log(3)]), [1.0 / 6, 2.0 / 6, 3.0 / 6], tolerance: 1e-15)
        // T = 2 on [0, 2 ln 2]: exp(0/2) = 1, exp(ln 2) = 2 → [1/3, 2/3].
        expectClose(try softmax([0, 2 * log(2)], temperature: 2), [1.0 / 3, 2.0 / 3], tolerance: 1e-15)
        // [1, 0]: e/(e + 1) ≈ 0.731, 1/(e + 1) ≈ 0.269.
        expectClose(try softmax([1, 0]), [exp(1.0) / (exp(1.0) + 1), 1 / (exp(1.0) + 1)], tolerance: 1e-15)
    }

    @Test func oneScoreGetsTheWholeWeight() throws {
        #expect(try softmax([42]) == [1])
        #expect(try softmax([-1e300], temperature: 1e-300) == [1])
    }

    @Test func equalScoresShareEqually() throws {
        #expect(try softmax([2.5, 2.5, 2.5, 2.5]) == [0.25, 0.25, 0.25, 0.25])
    }

    @Test func emptyScoresGiveNoWeights() throws {
        #expect(try softmax([]).isEmpty)
    }

    // MARK: Properties

    @Test(arguments: [0.01, 0.3, 1, 2, 50])
    func weightsAreNonNegativeAndSumToOne(temperature: Double) throws {
        for seed in 0..<20 as Range<UInt64> {
            let weights = try softmax(randomScores(count: 1 + Int(seed % 9), spread: 10, seed: seed), temperature: temperature)
            #expect(weights.allSatisfy { $0 >= 0 && $0 <= 1 })
            expectClose(weights.reduce(0, +), 1, tolerance: 1e-14, "sum of weights")
        }
    }

    @Test(arguments: [-1e6, -1000, -3.5, 0.25, 1000, 1e6])
    func constantShiftChangesNothing(shift: Double) throws {
        for seed in 0..<10 as Range<UInt64> {
            let scores = randomScores(count: 6, spread: 5, seed: seed)
            let shifted = scores.map { $0 + shift }
            // Adding the shift rounds each score by up to ½ ulp of |shift|; the weights move by that much relatively.
            let tolerance = 1e-14 * max(1, abs(shift))
            expectClose(try softmax(shifted), try softmax(scores), tolerance: tolerance)
            expectClose(try softmax(shifted, temperature: 0.5), try softmax(scores, temperature: 0.5), tolerance: 2 * tolerance)
        }
    }

    @Test func largerScoresGetLargerWeights() throws {
        let scores = [0.3, -2, 5, 1.1, 1.1]
        let weights = try softmax(scores)
        for i in scores.indices {
            for j in scores.indices where scores[i] > scores[j] { #expect(weights[i] > weights[j]) }
        }
        #expect(weights[3] == weights[4])
    }

    @Test func lowerTemperatureSharpens() throws {
        let scores = [1.0, 2, 3]
        let warm = try softmax(scores, temperature: 2)
        let plain = try softmax(scores)
        let cold = try softmax(scores, temperature: 0.5)
        #expect(cold[2] > plain[2] && plain[2] > warm[2])
        // A huge temperature flattens to uniform.
        expectClose(try softmax(scores, temperature: 1e300), [1.0 / 3, 1.0 / 3, 1.0 / 3], tolerance: 1e-15)
    }

    // MARK: Huge scores

    @Test func hugeScoresDoNotOverflow() throws {
        // exp(1e6) overflows; shifting by the maximum makes the terms exp(0) = 1 and exp(−1e6) = 0.
        #expect(try softmax([1e6, 0]) == [1, 0])
        #expect(try softmax([-1e6, 0]) == [0, 1])
        // Only differences matter: [1e6, 1e6 − 1] behaves like [1, 0].
        expectClose(try softmax([1e6, 1e6 - 1]), [exp(1.0) / (exp(1.0) + 1), 1 / (exp(1.0) + 1)], tolerance: 1e-15)
        expectClose(try softmax([-1e6, -1e6 - 1]), [exp(1.0) / (exp(1.0) + 1), 1 / (exp(1.0) + 1)], tolerance: 1e-15)
        #expect(try softmax([1e308, 1e308]) == [0.5, 0.5])
        #expect(try softmax([1e308, -1e308]) == [1, 0])
        #expect(try softmax([-1e308, 1e308, 0]) == [0, 1, 0])
    }

    @Test func scoresFurtherApartThanTheFloatRange() throws {
        // 1e308 − (−1e308) overflows, but at T = 1e308 the exponent is only −2:
        // weights 1/(1 + e⁻²) ≈ 0.881 and e⁻²/(1 + e⁻²) ≈ 0.119.
        let expected = [1 / (1 + exp(-2.0)), exp(-2.0) / (1 + exp(-2.0))]
        expectClose(try softmax([1e308, -1e308], temperature: 1e308), expected, tolerance: 1e-15)
        expectClose(try softmax([-1e308, 1e308], temperature: 1e308), Array(expected.reversed()), tolerance: 1e-15)
        // [1.7e308, −1.7e308, 0] at T = 1e308: exponentials 1, e^−3.4, e^−1.7.
        let terms = [1, exp(-3.4), exp(-1.7)]
        let total = terms.reduce(0, +)
        expectClose(try softmax([1.7e308, -1.7e308, 0], temperature: 1e308), terms.map { $0 / total }, tolerance: 1e-14)
    }

    @Test func infiniteScores() throws {
        // −∞ gets nothing; +∞ takes everything, shared equally.
        #expect(try softmax([-.infinity, 0, 0]) == [0, 0.5, 0.5])
        #expect(try softmax([.infinity, 1e308, .infinity]) == [0.5, 0, 0.5])
        #expect(try softmax([.infinity, -.infinity]) == [1, 0])
    }

    // MARK: Temperature near zero

    @Test func temperatureNearZeroIsOneHot() throws {
        #expect(try softmax([1, 2, 3], temperature: 1e-3) == [0, 0, 1])
        #expect(try softmax([1, 3, 2], temperature: .leastNonzeroMagnitude) == [0, 1, 0])
        #expect(try softmax([0.5, 0.5 + 1e-12], temperature: 1e-300) == [0, 1])
    }

    @Test func temperatureNearZeroSplitsTies() throws {
        #expect(try softmax([3, 1, 3], temperature: 1e-300) == [0.5, 0, 0.5])
        #expect(try softmax([7, 7, 7, -7], temperature: .leastNonzeroMagnitude) == [1.0 / 3, 1.0 / 3, 1.0 / 3, 0])
    }

    // MARK: Errors

    @Test(arguments: [0, -0.0, -1, -.infinity, .infinity, .nan])
    func invalidTemperatureThrows(temperature: Double) {
        for scores in [[1.0, 2], []] {
            do {
                _ = try softmax(scores, temperature: temperature)
                Issue.record("temperature \(temperature) accepted")
            } catch {
                guard case .invalidTemperature(let reported) = error else {
                    Issue.record("wrong error \(error)")
                    continue
                }
                #expect(reported.bitPattern == temperature.bitPattern || (reported.isNaN && temperature.isNaN))
                #expect(error.description.contains("temperature"))
            }
        }
    }

    @Test func nanScoreThrows() {
        #expect(throws: SoftmaxError.invalidScores) { try softmax([1, .nan, 2]) }
        #expect(throws: SoftmaxError.invalidScores) { try softmax([.nan]) }
    }

    @Test func allScoresMinusInfinityThrows() {
        #expect(throws: SoftmaxError.invalidScores) { try softmax([-.infinity, -.infinity]) }
        #expect(SoftmaxError.invalidScores.description.contains("NaN"))
    }

    // MARK: The exponentials shown on screen

    @Test func exponentialsByHand() {
        // Scores [0, −1, 1], max 1, T = 1: exp(−1), exp(−2), exp(0) = 1.
        expectClose(softmaxExponentials([0, -1, 1], temperature: 1, max: 1), [exp(-1.0), exp(-2.0), 1], tolerance: 1e-15)
        // T = 2: exp(−1/2), exp(−1), 1.
        expectClose(softmaxExponentials([0, -1, 1], temperature: 2, max: 1), [exp(-0.5), exp(-1.0), 1], tolerance: 1e-15)
    }

    @Test func exponentialsNormaliseToTheWeights() throws {
        let scores = randomScores(count: 7, spread: 4, seed: 99)
        let terms = softmaxExponentials(scores, temperature: 0.7, max: scores.max()!)
        let total = terms.reduce(0, +)
        #expect(terms.map { $0 / total } == (try softmax(scores, temperature: 0.7)))
        #expect(terms.contains(1))
    }
}
