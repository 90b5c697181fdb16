// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

/// The float64 numpy table made by Reference/make_transformer_reference.py.
private struct TransformerReference: Decodable {
    struct Configuration: Decodable {
        let vocabularySize: Int
        let modelWidth: Int
        let contextLength: Int
        let layers: Int
        let heads: Int
        let hiddenWidth: Int
    }
    struct AdamSettings: Decodable {
        let learningRate: Double
        let warmupSteps: Int
        let gradientClipNorm: Double
        let beta1: Double
        let beta2: Double
        let epsilon: Double
    }

    let configuration: Configuration
    let adam: AdamSettings
    let parameters: [String: [Double]]
    let batches: [[[Int]]]
    let logits: [[[Double]]]
    let loss: Double
    let gradient: [String: [Double]]
    let attention: [[[[Double]]]]
    let switchedOff: [Int]
    let logitsSwitchedOff: [[Double]]
    let losses: [Double]
    let afterOneStep: [String: [Double]]
    let afterSteps: [String: [Double]]

    static func load() throws -> TransformerReference {
        let folder = try #require(
            Bundle.module.url(forResource: "Reference", withExtension: nil), "Reference folder not in the test bundle")
        let data = try Data(contentsOf: folder.appendingPathComponent("transformer_reference.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(TransformerReference.self, from: data)
    }

    var transformerConfiguration: TransformerConfiguration {
        TransformerConfiguration(
            vocabularySize: configuration.vocabularySize, modelWidth: configuration.modelWidth, contextLength: configuration.contextLength,
            layerCount: configuration.layers, headCount: configuration.heads, hiddenWidth: configuration.hiddenWidth)
    }

    var settings: TrainingSettings {
        TrainingSettings(
            batchSize: batches[0].count, learningRate: adam.learningRate, warmupSteps: adam.warmupSteps,
            gradientClipNorm: adam.gradientClipNorm, beta1: adam.beta1, beta2: adam.beta2, epsilon: adam.epsilon)
    }

    /// Named tensors (the keys are `ParameterTensor`'s descriptions) as parameters in AttnMath's layout.
    func parameters(_ named: [String: [Double]]) throws -> TransformerParameters {
        var result = TransformerParameters.zeros(transformerConfiguration)
        #expect(Set(named.keys) == Set(result.tensors.map { "\($0)" }), "the table names every tensor, and only those")
        for tensor in result.tensors {
            let values = try #require(named["\(tensor)"], "no \(tensor) in the table")
            let shape = result[tensor]
            result[tensor] = Matrix(rows: shape.rows, columns: shape.columns, values: values)
        }
        return result
    }
}

/// AttnMath's transformer against numpy float64 with its own hand-written backprop: within 1e-9.
@Suite("Transformer against the numpy float64 reference")
struct TransformerReferenceTests {
    private let tolerance = 1e-9
    private let reference: TransformerReference
    private let model: Transformer

    init() throws {
        reference = try TransformerReference.load()
        model = Transformer(parameters: try reference.parameters(reference.parameters))
    }

    @Test func lossAndEveryGradient() throws {
        let (loss, gradient) = model.lossAndGradient(windows: reference.batches[0])
        expectClose(loss, reference.loss, tolerance: tolerance, "loss")
        let expected = try reference.parameters(reference.gradient)
        for tensor in gradient.tensors {
            expectClose(gradient[tensor].values, expected[tensor].values, tolerance: tolerance, "d\(tensor)")
        }
    }

    @Test func logitsAndAttentionOfEachWindow() {
        for (window, expected) in zip(reference.batches[0], reference.logits) {
            let trace = model.trace(Array(window.dropLast()))
            expectClose(trace.logits.rowVectors, expected, tolerance: tolerance, "logits")
        }
        let trace = model.trace(Array(reference.batches[0][0].dropLast()))
        for (layer, heads) in reference.attention.enumerated() {
            for (head, weights) in heads.enumerated() {
                expectClose(trace.attentionWeights[layer][head], weights, tolerance: tolerance, "attention \(layer).\(head)")
            }
        }
    }

    @Test func aSwitchedOffHead() {
        let off = AttentionHeadID(layer: reference.switchedOff[0], head: reference.switchedOff[1])
        let trace = model.trace(Array(reference.batches[0][0].dropLast()), switchedOff: [off])
        expectClose(trace.logits.rowVectors, reference.logitsSwitchedOff, tolerance: tolerance, "logits with \(off) off")
        #expect(trace.blocks[off.layer].heads[off.head].isSwitchedOff)
    }

    @Test func adamAfterOneAndAfterFiftySteps() throws {
        // A corpus whose vocabulary has the reference's size; the batches come from the table, not from it.
        let corpus = NextWordCorpus(text: "a b c d e f\nf e d c b a\n")
        var trainer = TransformerTrainer(corpus: corpus, model: model, settings: reference.settings, seed: 1)
        var losses: [Double] = []
        for (step, batch) in reference.batches.enumerated() {
            losses.append(trainer.step(on: batch))
            if step == 0 {
                expectClose(trainer.model.parameters.values, try reference.parameters(reference.afterOneStep).values, tolerance: tolerance)
            }
        }
        expectClose(losses, reference.losses, tolerance: tolerance, "losses")
        expectClose(trainer.model.parameters.values, try reference.parameters(reference.afterSteps).values, tolerance: tolerance)
        #expect(trainer.stepsTaken == reference.batches.count)
    }
}
