// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AttnMath

/// What must hold for any weights: attention is a causal average, a prompt's
/// later words never change earlier outputs, and the trace adds up.
@Suite("Transformer invariants")
struct TransformerInvariantTests {
    static let configuration = TransformerConfiguration(vocabularySize: 30)

    /// The default shape with weights large enough (σ 0.3) that attention is far from uniform.
    static func model(seed: UInt64) -> Transformer {
        var generator = SeededGenerator(seed: seed)
        var model = Transformer(configuration: configuration, generator: &generator)
        for i in model.parameters.values.indices { model.parameters.values[i] += 0.3 * generator.nextGaussian() }
        return model
    }

    static let prompt = [0, 5, 3, 9, 2, 7, 1, 4]

    @Test func eachAttentionRowIsACausalAverage() {
        let trace = Self.model(seed: 1).trace(Self.prompt)
        for block in trace.blocks {
            for head in block.heads {
                for i in 0..<Self.prompt.count {
                    let row = head.weights.row(i)
                    #expect(abs(row.reduce(0, +) - 1) < 1e-14)
                    #expect(row[...i].allSatisfy { $0 > 0 } && row[(i + 1)...].allSatisfy { $0 == 0 })
                    #expect(head.scores.row(i)[(i + 1)...].allSatisfy { $0 == -.infinity })
                }
                #expect(head.weights[Self.prompt.count - 1, 0] != 1.0 / Double(Self.prompt.count), "not uniform")
            }
        }
        #expect(trace.attentionWeights.count == 2 && trace.attentionWeights[0].count == 2 && trace.attentionWeights[0][0].count == 8)
    }

    @Test func laterWordsNeverChangeEarlierOutputs() {
        let model = Self.model(seed: 2)
        let original = model.trace(Self.prompt)
        var changed = Self.prompt
        changed[4] = 11
        changed[6] = 29
        let other = model.trace(changed)
        for i in 0..<4 {
            #expect(original.logits.row(i) == other.logits.row(i), "position \(i)")
            for (a, b) in zip(original.blocks, other.blocks) {
                #expect(a.output.row(i) == b.output.row(i))
                for (h, g) in zip(a.heads, b.heads) { #expect(h.weights.row(i) == g.weights.row(i)) }
            }
        }
        #expect(original.logits.row(4) != other.logits.row(4))
        // The loss of the first predictions does not see the later tokens either.
        let windows = [Array(Self.prompt[0...4])]
        let shifted = [Array(Self.prompt[0...3]) + [17]]
        #expect(model.loss(windows: [Array(Self.prompt[0...1])]) == model.loss(windows: [Array(changed[0...1])]))
        #expect(model.loss(windows: windows) != model.loss(windows: shifted))
    }

    @Test func theTraceAddsUp() {
        let model = Self.model(seed: 3)
        let trace = model.trace(Self.prompt)
        #expect(trace.input.values == zip(trace.wordEmbeddings.values, trace.positionEmbeddings.values).map(+))
        #expect(trace.wordEmbeddings.row(1) == model.parameters[.tokenEmbedding].row(5))
        for (l, block) in trace.blocks.enumerated() {
            #expect(block.afterAttention.values == zip(block.input.values, block.attentionOutput.values).map(+))
            #expect(block.output.values == zip(block.afterAttention.values, block.feedForwardOutput.values).map(+))
            #expect(block.hidden.values == block.hiddenBeforeReLU.values.map { max(0, $0) })
            #expect(block.concatenated * model.parameters[.attentionOutput(layer: l)] == block.attentionOutput)
            for (h, head) in block.heads.enumerated() {
                let columns = (0..<8).map { i in Array(block.concatenated.row(i)[(h * 16)..<((h + 1) * 16)]) }
                #expect(Matrix(columns) == head.output)
                #expect(block.attentionNorm.output * model.parameters.headSlice(.query(layer: l), head: h) == head.queries)
            }
            for (i, row) in block.attentionNorm.normalized.rowVectors.enumerated() {
                let input = block.attentionNorm.input.row(i)
                for j in row.indices {
                    #expect(abs(row[j] - (input[j] - block.attentionNorm.means[i]) / block.attentionNorm.deviations[i]) < 1e-13)
                }
            }
            if l + 1 < trace.blocks.count { #expect(trace.blocks[l + 1].input == block.output) }
        }
        #expect(trace.finalNorm.input == trace.blocks.last?.output)
    }

    @Test func aSwitchedOffHeadAddsNothing() throws {
        let model = Self.model(seed: 4)
        let off = AttentionHeadID(layer: 0, head: 1)
        let trace = model.trace(Self.prompt, switchedOff: [off])
        let head = trace.blocks[0].heads[1]
        #expect(head.isSwitchedOff && !trace.blocks[0].heads[0].isSwitchedOff)
        #expect(trace.blocks[0].concatenated.rowVectors.allSatisfy { $0[16...].allSatisfy { $0 == 0 } })
        #expect(head.output.values.contains { $0 != 0 }, "its weighted sum is still shown")
        let before = try model.nextTokenProbabilities(after: Self.prompt)
        let after = try model.nextTokenProbabilities(after: Self.prompt, switchedOff: [off])
        #expect(before != after)
        #expect(off.description == "layer 1, head 2")
    }

    @Test func predictionsAreAProbabilityDistributionWithATemperature() throws {
        let model = Self.model(seed: 5)
        let p = try model.nextTokenProbabilities(after: Self.prompt)
        #expect(p.count == 30 && abs(p.reduce(0, +) - 1) < 1e-14)
        let top = try model.topPredictions(after: Self.prompt, count: 5)
        #expect(top.count == 5 && top.map(\.probability) == p.sorted(by: >).prefix(5).map { $0 })
        #expect(top[0].token == p.firstIndex(of: p.max()!))
        // A higher temperature flattens the distribution; a lower one sharpens it.
        let hot = try model.topPredictions(after: Self.prompt, count: 1, temperature: 5)[0].probability
        let cold = try model.topPredictions(after: Self.prompt, count: 1, temperature: 0.2)[0].probability
        #expect(hot < top[0].probability && top[0].probability < cold)
        #expect(throws: SoftmaxError.invalidTemperature(0)) { try model.nextTokenProbabilities(after: Self.prompt, temperature: 0) }
        // A prompt longer than the context keeps its last tokens.
        #expect(model.trace([9, 9, 9] + Self.prompt).tokens == Self.prompt)
        #expect(try model.topPredictions(after: [1], count: 100).count == 30)
    }

    @Test func theLearningRateWarmsUpLinearly() {
        let settings = TrainingSettings()
        #expect(settings.learningRate(atStep: 1) == 3e-3 / 50)
        #expect(settings.learningRate(atStep: 25) == 3e-3 * 25 / 50)
        #expect(settings.learningRate(atStep: 50) == 3e-3 && settings.learningRate(atStep: 400) == 3e-3)
        #expect(TrainingSettings(warmupSteps: 0).learningRate(atStep: 1) == 3e-3)
    }

    @Test func adamClipsTheGradientAndIgnoresAZeroOne() {
        var adam = Adam(parameterCount: 3, settings: TrainingSettings(learningRate: 0.1, warmupSteps: 0, gradientClipNorm: 1))
        var parameters = [1.0, 2.0, 3.0]
        let norm = [0.0, 0.0, 0.0].withUnsafeBufferPointer { adam.update(&parameters, gradient: $0) }
        #expect(norm == 0 && parameters == [1, 2, 3])
        // Step 2 with g = (30, −40, 0), norm 50, clipped to (0.6, −0.8, 0): m̂ = g_c, v̂ = g_c²·0.001/(1 − 0.999²).
        let clippedNorm = [30.0, -40.0, 0.0].withUnsafeBufferPointer { adam.update(&parameters, gradient: $0) }
        #expect(clippedNorm == 50)
        let mHat = 0.1 * 0.6 / (1 - 0.81)
        let vHat = 0.001 * 0.36 / (1 - 0.998001)
        expectClose(parameters[0], 1 - 0.1 * mHat / (vHat.squareRoot() + 1e-8), tolerance: 1e-15)
        #expect(parameters[2] == 3)
        #expect(adam.step == 2)
    }

    @Test func theHistoryKnowsWhenTheMinimumIsBehind() {
        var history = TrainingHistory()
        #expect(history.best == nil && !history.isPastMinimum(patience: 0))
        for (step, loss) in [(0, 4.0), (20, 3.0), (40, 2.0), (60, 2.5), (80, 2.0), (100, 2.2)] {
            history.append(LossRecord(step: step, trainingLoss: loss, heldOutLoss: loss))
        }
        #expect(history.best?.step == 40, "the earliest of equal minima")
        #expect(history.isPastMinimum(patience: 2) && !history.isPastMinimum(patience: 3))
    }
}

@Suite("Head statistics")
struct HeadStatisticsTests {
    @Test func meansOfTheTracesWeights() throws {
        let model = TransformerInvariantTests.model(seed: 6)
        // Two windows: [0 5 3 0 2 7 1 4] and [0 9]; queries at positions 1… of each.
        let stream = [0, 5, 3, 0, 2, 7, 1, 4, 0, 9]
        let statistics = model.headStatistics(stream: stream)
        #expect(
            statistics.map(\.head) == [
                AttentionHeadID(layer: 0, head: 0), .init(layer: 0, head: 1), .init(layer: 1, head: 0), .init(layer: 1, head: 1),
            ])
        let first = model.trace(Array(stream[0..<8])).blocks[1].heads[0].weights
        let second = model.trace(Array(stream[8...])).blocks[1].heads[0].weights
        let previous = ((1..<8).map { first[$0, $0 - 1] }.reduce(0, +) + second[1, 0]) / 8
        let itself = ((1..<8).map { first[$0, $0] }.reduce(0, +) + second[1, 1]) / 8
        let boundary = ((1..<8).map { i in first[i, 0] + (i > 3 ? first[i, 3] : 0) }.reduce(0, +) + second[1, 0]) / 8
        expectClose(statistics[2].previousWord, previous, tolerance: 1e-14)
        expectClose(statistics[2].itself, itself, tolerance: 1e-14)
        expectClose(statistics[2].sentenceStart, boundary, tolerance: 1e-14)
    }

    @Test func attentionFromSomeWordsToOthers() throws {
        let model = TransformerInvariantTests.model(seed: 7)
        let stream = [0, 5, 3, 9, 2, 5, 9, 4]
        let shares = try #require(model.meanAttention(stream: stream, from: [9], to: [5]))
        let weights = model.trace(stream).blocks[0].heads[1].weights
        // Token 9 at positions 3 and 6; token 5 before them at 1 (and 5 for the second).
        expectClose(shares[AttentionHeadID(layer: 0, head: 1)], (weights[3, 1] + weights[6, 1] + weights[6, 5]) / 2, tolerance: 1e-14)
        #expect(model.meanAttention(stream: stream, from: [5], to: [9]) != nil)
        #expect(model.meanAttention(stream: stream, from: [4], to: [11]) == nil)
    }
}
