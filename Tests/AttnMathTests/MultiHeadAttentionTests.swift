// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

@Suite("Multi-head attention")
struct MultiHeadAttentionTests {
    private func randomHead(modelDimension: Int, keyDimension: Int, valueDimension: Int, seed: UInt64) -> AttentionHead {
        AttentionHead(
            query: Matrix(randomVectors(count: modelDimension, dimension: keyDimension, seed: seed)),
            key: Matrix(randomVectors(count: modelDimension, dimension: keyDimension, seed: seed + 1)),
            value: Matrix(randomVectors(count: modelDimension, dimension: valueDimension, seed: seed + 2)))
    }

    @Test func twoHeadsByHand() throws {
        // X = I₂. Head A = identity: scores = I/√2, so row 0 weights = [a, 1 − a] with a = e^{1/√2}/(e^{1/√2} + 1),
        // and output A = weights (V = I). Head B: W_Q = W_K = 0 (2×1), so every score is 0 and the weights are
        // [½, ½]; W_V = [[1], [1]] makes both values 1, so output B = [[1], [1]].
        // Concatenated row 0 = [a, 1 − a, 1]; W_O = [[1], [1], [1]] adds them: a + (1 − a) + 1 = 2 on every row.
        let zero = Matrix(rows: 2, columns: 1)
        let attention = MultiHeadAttention(
            heads: [.identity(dimension: 2), AttentionHead(query: zero, key: zero, value: Matrix([[1], [1]]))],
            output: Matrix([[1], [1], [1]]))
        let result = try attention.attend(.identity(2))
        let a = exp(1 / 2.0.squareRoot()) / (exp(1 / 2.0.squareRoot()) + 1)
        #expect(result.heads.count == 2)
        #expect(result.heads[1].weights == Matrix([[0.5, 0.5], [0.5, 0.5]]))
        expectClose(result.concatenated, [[a, 1 - a, 1], [1 - a, a, 1]], tolerance: 1e-15)
        expectClose(result.output, [[2], [2]], tolerance: 1e-15)
    }

    @Test func oneHeadWithIdentityProjectionIsThatHead() throws {
        let head = randomHead(modelDimension: 4, keyDimension: 3, valueDimension: 2, seed: 51)
        let input = Matrix(randomVectors(count: 5, dimension: 4, seed: 54))
        let single = try head.attend(input, temperature: 0.8)
        let result = try MultiHeadAttention(heads: [head], output: .identity(2)).attend(input, temperature: 0.8)
        #expect(result.heads == [single])
        #expect(result.concatenated == single.output)
        #expect(result.output == single.output)
    }

    @Test func concatenationKeepsEachHeadInItsColumns() throws {
        let heads = [
            randomHead(modelDimension: 4, keyDimension: 2, valueDimension: 2, seed: 61),
            randomHead(modelDimension: 4, keyDimension: 3, valueDimension: 3, seed: 64),
            randomHead(modelDimension: 4, keyDimension: 1, valueDimension: 1, seed: 67),
        ]
        let projection = Matrix(randomVectors(count: 6, dimension: 4, seed: 70))
        let input = Matrix(randomVectors(count: 3, dimension: 4, seed: 71))
        let result = try MultiHeadAttention(heads: heads, output: projection).attend(input)
        #expect(result.concatenated.rows == 3 && result.concatenated.columns == 6)
        var column = 0
        for (index, head) in heads.enumerated() {
            // Each head sees the same input with its own d_k.
            let alone = try head.attend(input)
            #expect(result.heads[index] == alone)
            for row in 0..<3 {
                for k in 0..<head.value.columns { #expect(result.concatenated[row, column + k] == alone.output[row, k]) }
            }
            column += head.value.columns
        }
        #expect(result.output == result.concatenated * projection)
        #expect(result.output.columns == 4)
    }

    @Test func averagingTwoCopiesOfAHeadGivesThatHead() throws {
        // W_O = [I; I] / 2 averages the two copies.
        let head = randomHead(modelDimension: 3, keyDimension: 2, valueDimension: 2, seed: 81)
        let average = Matrix([[0.5, 0], [0, 0.5], [0.5, 0], [0, 0.5]])
        let input = Matrix(randomVectors(count: 4, dimension: 3, seed: 84))
        let result = try MultiHeadAttention(heads: [head, head], output: average).attend(input)
        expectClose(result.output, try head.attend(input).output.rowVectors, tolerance: 1e-15)
    }

    @Test func oneWordReturnsItsValuesProjected() throws {
        let heads = [
            randomHead(modelDimension: 3, keyDimension: 2, valueDimension: 2, seed: 91),
            randomHead(modelDimension: 3, keyDimension: 2, valueDimension: 1, seed: 94),
        ]
        let projection = Matrix(randomVectors(count: 3, dimension: 3, seed: 97))
        let x = [0.25, -0.5, 1.5]
        let result = try MultiHeadAttention(heads: heads, output: projection).attend(Matrix([x]), temperature: 0.2)
        let values = heads[0].value.transform(x) + heads[1].value.transform(x)
        #expect(result.concatenated == Matrix([values]))
        #expect(result.output == Matrix([projection.transform(values)]))
    }

    @Test func temperatureReachesEveryHeadAndIsValidated() throws {
        let heads = [
            randomHead(modelDimension: 2, keyDimension: 2, valueDimension: 2, seed: 101),
            randomHead(modelDimension: 2, keyDimension: 1, valueDimension: 2, seed: 104),
        ]
        let attention = MultiHeadAttention(heads: heads, output: .identity(4))
        let input = Matrix(randomVectors(count: 3, dimension: 2, seed: 107))
        let result = try attention.attend(input, temperature: 0.25)
        for (index, head) in heads.enumerated() { #expect(result.heads[index] == (try head.attend(input, temperature: 0.25))) }
        #expect(throws: SoftmaxError.invalidTemperature(0)) { try attention.attend(input, temperature: 0) }
    }
}
