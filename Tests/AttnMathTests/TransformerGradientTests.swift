// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AttnMath

/// Every operation's backward pass, and the whole model's, against central
/// finite differences of its forward pass (float64, h = 1e-5): for each
/// gradient, ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) < 1e-6.
@Suite("Transformer gradients against finite differences")
struct TransformerGradientTests {
    static let step = 1e-5
    static let tolerance = 1e-6

    /// ‖a − b‖ / max(‖a‖, ‖b‖); 0 when both are 0.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let difference = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let scale = max(a.reduce(0) { $0 + $1 * $1 }, b.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return scale == 0 ? 0 : difference / scale
    }

    /// The central-difference gradient of f with respect to every entry of `x`.
    static func numericGradient(_ x: [Double], _ f: ([Double]) -> Double) -> [Double] {
        var probe = x
        return x.indices.map { i in
            probe[i] = x[i] + step
            let up = f(probe)
            probe[i] = x[i] - step
            let down = f(probe)
            probe[i] = x[i]
            return (up - down) / (2 * step)
        }
    }

    static func random(_ count: Int, _ generator: inout SeededGenerator, scale: Double = 1) -> [Double] {
        (0..<count).map { _ in scale * generator.nextGaussian() }
    }

    static func expectAgreement(
        _ analytic: [Double], _ numeric: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = relativeError(analytic, numeric)
        #expect(error < tolerance, "\(what): relative error \(error)", sourceLocation: sourceLocation)
        #expect(analytic.contains { $0 != 0 }, "\(what): an all-zero gradient checks nothing", sourceLocation: sourceLocation)
    }

    // MARK: Operations, each with a random upstream gradient: f = Σ upstream ⊙ output.

    @Test func layerNorm() {
        var generator = SeededGenerator(seed: 1)
        let rows = 3
        let width = 5
        let x = Self.random(rows * width, &generator, scale: 2)
        let gain = Self.random(width, &generator)
        let bias = Self.random(width, &generator)
        let upstream = Self.random(rows * width, &generator)
        func f(_ x: [Double], _ gain: [Double], _ bias: [Double]) -> Double {
            var y = [Double](repeating: 0, count: rows * width)
            var hat = y
            var inverse = [Double](repeating: 0, count: rows)
            LayerNorm.forward(
                x, gain: gain, bias: bias, output: &y, normalized: &hat, inverseDeviation: &inverse, rows: rows, width: width, epsilon: 1e-5
            )
            return zip(y, upstream).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var y = [Double](repeating: 0, count: rows * width)
        var hat = y
        var inverse = [Double](repeating: 0, count: rows)
        LayerNorm.forward(
            x, gain: gain, bias: bias, output: &y, normalized: &hat, inverseDeviation: &inverse, rows: rows, width: width, epsilon: 1e-5)
        var dx = [Double](repeating: 0, count: rows * width)
        var dGain = [Double](repeating: 0, count: width)
        var dBias = dGain
        var scratch = dGain
        LayerNorm.backward(
            outputGradient: upstream, normalized: hat, inverseDeviation: inverse, gain: gain, inputGradient: &dx, gainGradient: &dGain,
            biasGradient: &dBias, rows: rows, width: width, scratch: &scratch)
        Self.expectAgreement(dx, Self.numericGradient(x) { f($0, gain, bias) }, "LayerNorm dx")
        Self.expectAgreement(dGain, Self.numericGradient(gain) { f(x, $0, bias) }, "LayerNorm dγ")
        Self.expectAgreement(dBias, Self.numericGradient(bias) { f(x, gain, $0) }, "LayerNorm dβ")
    }

    @Test func causalSelfAttention() {
        var generator = SeededGenerator(seed: 2)
        let (windows, length, heads, headWidth) = (2, 4, 2, 3)
        let count = windows * length * heads * headWidth
        let q = Self.random(count, &generator)
        let k = Self.random(count, &generator)
        let v = Self.random(count, &generator)
        let upstream = Self.random(count, &generator)
        var weights = [Double](repeating: 0, count: windows * heads * length * length)
        func f(_ q: [Double], _ k: [Double], _ v: [Double]) -> Double {
            var output = [Double](repeating: 0, count: count)
            CausalSelfAttention.forward(
                queries: q, keys: k, values: v, weights: &weights, output: &output, windows: windows, length: length, heads: heads,
                headWidth: headWidth)
            return zip(output, upstream).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = f(q, k, v)
        var dq = [Double](repeating: 0, count: count)
        var dk = dq
        var dv = dq
        var scratch = [Double](repeating: 0, count: length)
        CausalSelfAttention.backward(
            outputGradient: upstream, queries: q, keys: k, values: v, weights: weights, queryGradient: &dq, keyGradient: &dk,
            valueGradient: &dv, windows: windows, length: length, heads: heads, headWidth: headWidth, scratch: &scratch)
        Self.expectAgreement(dq, Self.numericGradient(q) { f($0, k, v) }, "attention dq")
        Self.expectAgreement(dk, Self.numericGradient(k) { f(q, $0, v) }, "attention dk")
        Self.expectAgreement(dv, Self.numericGradient(v) { f(q, k, $0) }, "attention dv")
    }

    @Test func feedForward() {
        var generator = SeededGenerator(seed: 3)
        let (rows, width, hidden) = (3, 4, 6)
        let h = Self.random(rows * width, &generator)
        let w1 = Self.random(width * hidden, &generator)
        let b1 = Self.random(hidden, &generator, scale: 0.5)
        let w2 = Self.random(hidden * width, &generator)
        let b2 = Self.random(width, &generator)
        let upstream = Self.random(rows * width, &generator)
        var activations = [Double](repeating: 0, count: rows * hidden)
        func f(_ h: [Double], _ w1: [Double], _ b1: [Double], _ w2: [Double], _ b2: [Double]) -> Double {
            var output = [Double](repeating: 0, count: rows * width)
            FeedForward.forward(
                h, hiddenWeights: w1, hiddenBias: b1, outputWeights: w2, outputBias: b2, hidden: &activations, output: &output, rows: rows,
                width: width, hiddenWidth: hidden, accumulate: false)
            return zip(output, upstream).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = f(h, w1, b1, w2, b2)
        #expect(activations.contains(0) && activations.contains { $0 > 0 }, "ReLU both off and on somewhere")
        var dh = [Double](repeating: 0, count: rows * width)
        var dw1 = [Double](repeating: 0, count: width * hidden)
        var db1 = [Double](repeating: 0, count: hidden)
        var dw2 = [Double](repeating: 0, count: hidden * width)
        var db2 = [Double](repeating: 0, count: width)
        var hiddenGradient = [Double](repeating: 0, count: rows * hidden)
        var scratch = [Double](repeating: 0, count: width * hidden)
        FeedForward.backward(
            outputGradient: upstream, input: h, hidden: activations, hiddenWeights: w1, outputWeights: w2, inputGradient: &dh,
            hiddenWeightsGradient: &dw1, hiddenBiasGradient: &db1, outputWeightsGradient: &dw2, outputBiasGradient: &db2, rows: rows,
            width: width, hiddenWidth: hidden, hiddenGradient: &hiddenGradient, scratch: &scratch)
        Self.expectAgreement(dh, Self.numericGradient(h) { f($0, w1, b1, w2, b2) }, "MLP dh")
        Self.expectAgreement(dw1, Self.numericGradient(w1) { f(h, $0, b1, w2, b2) }, "MLP dW₁")
        Self.expectAgreement(db1, Self.numericGradient(b1) { f(h, w1, $0, w2, b2) }, "MLP db₁")
        Self.expectAgreement(dw2, Self.numericGradient(w2) { f(h, w1, b1, $0, b2) }, "MLP dW₂")
        Self.expectAgreement(db2, Self.numericGradient(b2) { f(h, w1, b1, w2, $0) }, "MLP db₂")
    }

    @Test func crossEntropy() {
        var generator = SeededGenerator(seed: 4)
        let (rows, classes) = (3, 5)
        let logits = Self.random(rows * classes, &generator, scale: 3)
        let targets = [4, 0, 2]
        var gradient = [Double](repeating: 0, count: rows * classes)
        _ = CrossEntropy.loss(logits: logits, targets: targets, rows: rows, classes: classes, gradient: &gradient, gradientScale: 0.5)
        let numeric = Self.numericGradient(logits) { 0.5 * CrossEntropy.loss(logits: $0, targets: targets, rows: rows, classes: classes) }
        Self.expectAgreement(gradient, numeric, "cross-entropy dz")
    }

    @Test func embedding() {
        var generator = SeededGenerator(seed: 5)
        let (vocabulary, length, width) = (4, 3, 2)
        let tokens = [1, 3, 1, 0, 1, 2]
        let e = Self.random(vocabulary * width, &generator)
        let p = Self.random(length * width, &generator)
        let upstream = Self.random(tokens.count * width, &generator)
        func f(_ e: [Double], _ p: [Double]) -> Double {
            var x = [Double](repeating: 0, count: tokens.count * width)
            Embedding.forward(
                tokens: tokens, tokenEmbedding: e, positionEmbedding: p, output: &x, rows: tokens.count, length: length, width: width)
            return zip(x, upstream).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var de = [Double](repeating: 0, count: vocabulary * width)
        var dp = [Double](repeating: 0, count: length * width)
        Embedding.backward(
            outputGradient: upstream, tokens: tokens, tokenGradient: &de, positionGradient: &dp, rows: tokens.count, length: length,
            width: width)
        Self.expectAgreement(de, Self.numericGradient(e) { f($0, p) }, "embedding dE")
        Self.expectAgreement(dp, Self.numericGradient(p) { f(e, $0) }, "embedding dP")
    }

    // MARK: The whole model

    /// A tiny model whose weights are large enough (σ 0.5) that every part is far from linear.
    static func tinyModel(seed: UInt64) -> Transformer {
        let configuration = TransformerConfiguration(
            vocabularySize: 7, modelWidth: 8, contextLength: 4, layerCount: 2, headCount: 2, hiddenWidth: 12)
        var generator = SeededGenerator(seed: seed)
        var parameters = TransformerParameters(configuration: configuration, generator: &generator)
        for i in parameters.values.indices { parameters.values[i] += 0.5 * generator.nextGaussian() }
        return Transformer(parameters: parameters)
    }

    @Test func wholeModel() {
        let model = Self.tinyModel(seed: 6)
        let windows = [[0, 3, 5, 1, 6], [2, 2, 4, 0, 1], [6, 5, 4, 3, 2]]
        let (loss, gradient) = model.lossAndGradient(windows: windows)
        #expect(abs(loss - model.loss(windows: windows)) < 1e-15)
        let numeric = Self.numericGradient(model.parameters.values) { values in
            Transformer(parameters: TransformerParameters(configuration: model.configuration, values: values)).loss(windows: windows)
        }
        let numericGradient = TransformerParameters(configuration: model.configuration, values: numeric)
        for tensor in model.parameters.tensors {
            Self.expectAgreement(gradient[tensor].values, numericGradient[tensor].values, "\(tensor)")
        }
        Self.expectAgreement(gradient.values, numeric, "every parameter")
    }

    @Test func shorterWindowsAndABatchSplitInTwoGiveTheSameGradient() {
        let model = Self.tinyModel(seed: 7)
        let windows = [[0, 3, 5], [2, 2, 4], [6, 5, 4]]
        let (loss, gradient) = model.lossAndGradient(windows: windows)
        let engine = TrainingEngine(configuration: model.configuration, concurrent: false)
        let engineLoss = engine.lossAndGradient(of: model.parameters.values, windows: windows)
        #expect(abs(engineLoss - loss) < 1e-15)
        #expect(Self.relativeError(engine.gradient, gradient.values) < 1e-14)
        let numeric = Self.numericGradient(model.parameters.values) { values in
            Transformer(parameters: TransformerParameters(configuration: model.configuration, values: values)).loss(windows: windows)
        }
        Self.expectAgreement(gradient.values, numeric, "windows of 2 predictions")
    }
}
