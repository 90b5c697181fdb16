// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

@Suite("Context attention (no learnt matrices)")
struct ContextAttentionTests {
    @Test func twoWordsByHand() throws {
        // v₀ = [1, 0], v₁ = [0, 1], dot metric, T = 1.
        // scores = [[1, 0], [0, 1]]; row 0 weights = softmax([1, 0]) = [e/(e+1), 1/(e+1)] ≈ [0.731, 0.269];
        // context₀ = 0.731·[1, 0] + 0.269·[0, 1] = [0.731, 0.269]; row 1 mirrored.
        let attention = try ContextAttention(vectors: [[1, 0], [0, 1]], metric: .dot)
        let a = exp(1.0) / (exp(1.0) + 1)
        #expect(attention.scores == [[1, 0], [0, 1]])
        expectClose(attention.weights, [[a, 1 - a], [1 - a, a]], tolerance: 1e-15)
        expectClose(attention.context, [[a, 1 - a], [1 - a, a]], tolerance: 1e-15)
        #expect(attention.metric == .dot)
        #expect(attention.temperature == 1)
    }

    @Test func temperatureDividesTheScores() throws {
        // v₀ = [2, 0], v₁ = [0, 2], dot, T = 4: scores [[4, 0], [0, 4]] / 4 → softmax([1, 0]) again.
        let attention = try ContextAttention(vectors: [[2, 0], [0, 2]], metric: .dot, temperature: 4)
        let a = exp(1.0) / (exp(1.0) + 1)
        expectClose(attention.weights, [[a, 1 - a], [1 - a, a]], tolerance: 1e-15)
        expectClose(attention.context, [[2 * a, 2 * (1 - a)], [2 * (1 - a), 2 * a]], tolerance: 1e-15)
    }

    @Test(arguments: Metric.allCases)
    func oneWordAttendsOnlyToItself(metric: Metric) throws {
        for temperature in [0.01, 1, 100] {
            let word = [0.3, -1.2, 2.5, 0.8]
            let attention = try ContextAttention(vectors: [word], metric: metric, temperature: temperature)
            #expect(attention.weights == [[1]])
            #expect(attention.context == [word])
        }
    }

    @Test(arguments: Metric.allCases)
    func rowsSumToOneAndContextIsWeightsTimesVectors(metric: Metric) throws {
        let vectors = randomVectors(count: 6, dimension: 4, seed: 21)
        let attention = try ContextAttention(vectors: vectors, metric: metric, temperature: 0.7)
        for i in vectors.indices {
            expectClose(attention.weights[i].reduce(0, +), 1, tolerance: 1e-14, "row \(i) sum")
            for j in vectors.indices {
                #expect(attention.scores[i][j] == metric.score(vectors[i], vectors[j]))
            }
            #expect(attention.weights[i] == (try softmax(attention.scores[i], temperature: 0.7)))
            var expected = [Double](repeating: 0, count: 4)
            for j in vectors.indices { for k in 0..<4 { expected[k] += attention.weights[i][j] * vectors[j][k] } }
            expectClose(attention.context[i], expected, tolerance: 1e-15)
        }
    }

    @Test func contextStaysInsideTheBoxOfTheWords() throws {
        // Softmax weights are positive and sum to 1, so every context is a convex combination.
        let vectors = randomVectors(count: 7, dimension: 3, seed: 22)
        let attention = try ContextAttention(vectors: vectors, metric: .dot)
        for context in attention.context {
            for k in 0..<3 {
                let column = vectors.map { $0[k] }
                #expect(context[k] >= column.min()! - 1e-15 && context[k] <= column.max()! + 1e-15)
            }
        }
    }

    @Test func aWordIsPulledTowardsItsNeighbours() throws {
        // Features (fruit, tech). "apple" among fruits moves towards fruit; among electronics, towards tech.
        let apple = [0.7, 0.6]
        let amongFruits = try ContextAttention(vectors: [apple, [1, 0.1], [0.9, 0]], metric: .dot)
        let amongTech = try ContextAttention(vectors: [apple, [0.1, 1], [0, 0.9]], metric: .dot)
        #expect(amongFruits.context[0][0] > apple[0] && amongFruits.context[0][1] < apple[1])
        #expect(amongTech.context[0][0] < apple[0] && amongTech.context[0][1] > apple[1])
    }

    @Test func lowerTemperatureKeepsAWordNearerItself() throws {
        let vectors = randomVectors(count: 5, dimension: 3, seed: 23).map { scale($0, by: 2) }
        let warm = try ContextAttention(vectors: vectors, metric: .cosine, temperature: 2)
        let cold = try ContextAttention(vectors: vectors, metric: .cosine, temperature: 0.1)
        // Cosine is largest with itself, so a colder softmax puts more weight there.
        for i in vectors.indices { #expect(cold.weights[i][i] > warm.weights[i][i]) }
    }

    @Test func noWordsGiveEmptyResults() throws {
        let attention = try ContextAttention(vectors: [], metric: .cosine)
        #expect(attention.scores.isEmpty && attention.weights.isEmpty && attention.context.isEmpty)
    }

    @Test func cosineWithAZeroVectorIsAnErrorNamingThePair() {
        #expect(throws: AttentionError.undefinedScore(row: 0, column: 1)) {
            try ContextAttention(vectors: [[1, 0], [0, 0]], metric: .cosine)
        }
        #expect(AttentionError.undefinedScore(row: 0, column: 1).description.contains("item 1 and item 2"))
        // The dot product of a zero vector is simply 0.
        #expect(throws: Never.self) { try ContextAttention(vectors: [[1, 0], [0, 0]], metric: .dot) }
    }

    @Test(arguments: [0, -1, Double.infinity, Double.nan])
    func invalidTemperatureIsAnError(temperature: Double) {
        for vectors in [[[1.0, 0], [0, 1]], []] {
            do {
                _ = try ContextAttention(vectors: vectors, metric: .dot, temperature: temperature)
                Issue.record("temperature \(temperature) accepted for \(vectors.count) words")
            } catch {
                guard case .softmax(.invalidTemperature) = error else {
                    Issue.record("wrong error \(error)")
                    continue
                }
            }
        }
    }
}

@Suite("One head of scaled dot-product attention")
struct AttentionHeadTests {
    @Test func headByHand() throws {
        // X = [[1, 0], [0, 2]], W_Q = [[1], [1]], W_K = [[1], [0]], W_V = I₂ (d_k = 1, so √d_k = 1).
        // Q = XW_Q = [[1], [2]], K = XW_K = [[1], [0]], V = X.
        // QKᵀ = [[1·1, 1·0], [2·1, 2·0]] = [[1, 0], [2, 0]].
        // weights: row 0 = [e/(e+1), 1/(e+1)], row 1 = [e²/(e²+1), 1/(e²+1)].
        // output = weights·V: row 0 = [e/(e+1), 2/(e+1)], row 1 = [e²/(e²+1), 2/(e²+1)].
        let head = AttentionHead(query: Matrix([[1], [1]]), key: Matrix([[1], [0]]), value: .identity(2))
        let result = try head.attend(Matrix([[1, 0], [0, 2]]))
        let e1 = exp(1.0)
        let e2 = exp(2.0)
        #expect(result.queries == Matrix([[1], [2]]))
        #expect(result.keys == Matrix([[1], [0]]))
        #expect(result.values == Matrix([[1, 0], [0, 2]]))
        #expect(result.scores == Matrix([[1, 0], [2, 0]]))
        expectClose(result.weights, [[e1 / (e1 + 1), 1 / (e1 + 1)], [e2 / (e2 + 1), 1 / (e2 + 1)]], tolerance: 1e-15)
        expectClose(result.output, [[e1 / (e1 + 1), 2 / (e1 + 1)], [e2 / (e2 + 1), 2 / (e2 + 1)]], tolerance: 1e-15)
    }

    @Test func scoresAreDividedByTheRootOfTheKeyDimension() throws {
        // d_k = 4: X = [[1, 1, 1, 1]], identity head: QKᵀ = 4, ÷ √4 = 2.
        let result = try AttentionHead.identity(dimension: 4).attend(Matrix([[1, 1, 1, 1]]))
        #expect(result.scores == Matrix([[2]]))
    }

    @Test func identityHeadIsContextAttentionWithScaledDot() throws {
        for (seed, temperature) in [(31, 1.0), (32, 0.5), (33, 3.0)] as [(UInt64, Double)] {
            let vectors = randomVectors(count: 6, dimension: 5, seed: seed)
            let result = try AttentionHead.identity(dimension: 5).attend(Matrix(vectors), temperature: temperature)
            let context = try ContextAttention(vectors: vectors, metric: .scaledDot, temperature: temperature)
            // Same sums in the same order: equal to the last bit.
            #expect(result.queries == Matrix(vectors) && result.keys == Matrix(vectors) && result.values == Matrix(vectors))
            #expect(result.scores.rowVectors == context.scores)
            #expect(result.weights.rowVectors == context.weights)
            #expect(result.output.rowVectors == context.context)
        }
    }

    @Test func oneWordReturnsItsValue() throws {
        // With one word its weight is 1, so the output is x·W_V.
        let head = AttentionHead(
            query: Matrix([[1, 2], [3, 4], [5, 6]]), key: Matrix([[0, 1], [1, 0], [2, 2]]), value: Matrix([[1, 0], [0, -1], [2, 3]]))
        let x = [0.5, -1.5, 2]
        let result = try head.attend(Matrix([x]), temperature: 0.3)
        #expect(result.weights == Matrix([[1]]))
        // x·W_V = [0.5·1 + (−1.5)·0 + 2·2, 0.5·0 + (−1.5)(−1) + 2·3] = [4.5, 7.5]
        #expect(result.output == Matrix([[4.5, 7.5]]))
        #expect(head.value.transform(x) == [4.5, 7.5])
    }

    @Test func weightRowsSumToOneAndOutputIsWeightsTimesValues() throws {
        let input = Matrix(randomVectors(count: 5, dimension: 4, seed: 34))
        let head = AttentionHead(
            query: Matrix(randomVectors(count: 4, dimension: 3, seed: 35)), key: Matrix(randomVectors(count: 4, dimension: 3, seed: 36)),
            value: Matrix(randomVectors(count: 4, dimension: 2, seed: 37)))
        let result = try head.attend(input)
        #expect(result.scores.rows == 5 && result.scores.columns == 5)
        #expect(result.output.rows == 5 && result.output.columns == 2)
        for row in result.weights.rowVectors { expectClose(row.reduce(0, +), 1, tolerance: 1e-14) }
        expectClose(result.output, (result.weights * result.values).rowVectors, tolerance: 0)
        expectClose(result.queries, (input * head.query).rowVectors, tolerance: 0)
    }

    @Test func noRowsGiveEmptyResults() throws {
        let result = try AttentionHead.identity(dimension: 3).attend(Matrix([], columns: 3))
        #expect(result.scores.rows == 0 && result.weights.rows == 0)
        #expect(result.output.rows == 0 && result.output.columns == 3)
    }

    @Test func invalidTemperatureIsAnErrorEvenWithNoRows() {
        for temperature in [0, -2, Double.infinity] {
            #expect(throws: SoftmaxError.invalidTemperature(temperature)) {
                try AttentionHead.identity(dimension: 2).attend(Matrix([[1, 0]]), temperature: temperature)
            }
            #expect(throws: SoftmaxError.invalidTemperature(temperature)) {
                try AttentionHead.identity(dimension: 2).attend(Matrix([], columns: 2), temperature: temperature)
            }
        }
    }

    @Test func hugeScoresStayFinite() throws {
        // Scores around 1e300 / √2: softmax is still defined and the weights are one-hot.
        let result = try AttentionHead.identity(dimension: 2).attend(Matrix([[1e150, 1e150], [-1e150, -1e150]]))
        #expect(result.weights == Matrix([[1, 0], [0, 1]]))
    }

    /// The causal mask: −∞ above the diagonal, weights exactly 0 there and summing to 1 below;
    /// the unmasked scores below the diagonal; and rows ≤ t bit for bit the same whatever rows > t hold.
    @Test func theCausalMaskHidesLaterRows() throws {
        var generator = SeededGenerator(seed: 17)
        let random = { (rows: Int, columns: Int) in
            Matrix((0..<rows).map { _ in (0..<columns).map { _ in generator.nextGaussian() } })
        }
        let head = AttentionHead(query: random(3, 2), key: random(3, 2), value: random(3, 2))
        let x = random(6, 3)
        let full = try head.attend(x)
        let masked = try head.attend(x, causal: true)
        for i in 0..<6 {
            #expect(abs(masked.weights.row(i).reduce(0, +) - 1) < 1e-15)
            for j in 0..<6 {
                if j > i {
                    #expect(masked.scores[i, j] == -.infinity)
                    #expect(masked.weights[i, j] == 0)
                } else {
                    #expect(masked.scores[i, j] == full.scores[i, j])
                }
            }
        }
        #expect(masked.weights.row(0) == [1, 0, 0, 0, 0, 0])
        #expect(masked.weights.row(5) == full.weights.row(5), "the last row sees everything")
        for t in 0..<5 {
            var rows = x.rowVectors
            for row in (t + 1)..<6 { rows[row] = (0..<3).map { _ in generator.nextGaussian() } }
            let changed = try head.attend(Matrix(rows), causal: true)
            for row in 0...t { #expect(changed.output.row(row) == masked.output.row(row)) }
        }
    }
}
