// SPDX-License-Identifier: Apache-2.0

/// One LayerNorm as it ran on each position: y = γ ⊙ (x − μ) / √(σ² + ε) + β.
public struct LayerNormTrace: Equatable, Sendable {
    /// x (positions × d).
    public let input: Matrix
    /// μ of each position.
    public let means: [Double]
    /// √(σ² + ε) of each position.
    public let deviations: [Double]
    /// (x − μ) / √(σ² + ε), before γ and β.
    public let normalized: Matrix
    public let output: Matrix
}

/// One head of one block on a prompt: its own queries, keys and values (its
/// d_k columns of x·W_Q, x·W_K, x·W_V), the scaled scores with the causal mask,
/// the softmax weights and the weighted sum of the values.
public struct HeadTrace: Equatable, Sendable {
    public let queries: Matrix
    public let keys: Matrix
    public let values: Matrix
    /// qᵢ·kⱼ / √d_k for key j ≤ query i; −∞ above the diagonal (the mask).
    public let scores: Matrix
    /// softmax of each row of `scores`: 0 above the diagonal, each row sums to 1.
    public let weights: Matrix
    /// Σⱼ wᵢⱼ vⱼ (positions × d_k), computed even when the head is switched off.
    public let output: Matrix
    /// A switched-off head adds nothing: its columns of `BlockTrace.concatenated` are 0.
    public let isSwitchedOff: Bool
}

/// One block on a prompt, in the order the numbers flow.
public struct BlockTrace: Equatable, Sendable {
    /// The residual stream entering the block.
    public let input: Matrix
    public let attentionNorm: LayerNormTrace
    public let heads: [HeadTrace]
    /// The heads' outputs side by side (positions × d).
    public let concatenated: Matrix
    /// concatenated · W_O.
    public let attentionOutput: Matrix
    /// input + attentionOutput: the residual stream after attention.
    public let afterAttention: Matrix
    public let feedForwardNorm: LayerNormTrace
    /// h·W₁ + b₁ (positions × hidden), before ReLU.
    public let hiddenBeforeReLU: Matrix
    /// ReLU of it.
    public let hidden: Matrix
    /// hidden · W₂ + b₂.
    public let feedForwardOutput: Matrix
    /// afterAttention + feedForwardOutput: the residual stream leaving the block.
    public let output: Matrix
}

/// Every number of the model's forward pass on one prompt, position by
/// position (positions × d unless said otherwise), as `Transformer.trace` computed it.
public struct TransformerTrace: Equatable, Sendable {
    /// The tokens read (the prompt's last contextLength tokens).
    public let tokens: [Int]
    /// E[token] of each position.
    public let wordEmbeddings: Matrix
    /// P[position].
    public let positionEmbeddings: Matrix
    /// Their sum: the residual stream entering block 1.
    public let input: Matrix
    public let blocks: [BlockTrace]
    public let finalNorm: LayerNormTrace
    /// One logit per vocabulary token at each position (positions × V): position i predicts token i + 1.
    public let logits: Matrix

    /// The attention weights as [layer][head][query position][key position].
    public var attentionWeights: [[[[Double]]]] {
        blocks.map { $0.heads.map(\.weights.rowVectors) }
    }

    /// The next-token probabilities after the last position: softmax(logits / T).
    public func nextTokenProbabilities(temperature: Double = 1) throws(SoftmaxError) -> [Double] {
        try softmax(logits.row(logits.rows - 1), temperature: temperature)
    }
}

/// A token and how likely the model finds it next.
public struct Prediction: Equatable, Sendable {
    public let token: Int
    public let probability: Double

    public init(token: Int, probability: Double) {
        self.token = token
        self.probability = probability
    }

    /// The `count` likeliest tokens of a distribution, likeliest first (the lower token on a tie).
    public static func top(_ probabilities: [Double], count: Int) -> [Prediction] {
        let order = probabilities.indices.sorted { a, b in
            probabilities[a] != probabilities[b] ? probabilities[a] > probabilities[b] : a < b
        }
        return order.prefix(max(0, count)).map { Prediction(token: $0, probability: probabilities[$0]) }
    }
}

extension Transformer {
    /// The forward pass on a prompt with every intermediate number. Only the
    /// last contextLength tokens are read (the model sees no further back).
    /// `switchedOff` heads add nothing to their block.
    ///
    /// - Precondition: at least one token, each in the vocabulary.
    public func trace(_ prompt: [Int], switchedOff: Set<AttentionHeadID> = []) -> TransformerTrace {
        let c = configuration
        let tokens = Array(prompt.suffix(c.contextLength))
        precondition(!tokens.isEmpty, "trace: an empty prompt")
        let n = tokens.count
        let d = c.modelWidth
        let dk = c.headWidth
        let workspace = TransformerWorkspace(configuration: c, windows: 1, length: n)
        workspace.load([tokens + [0]], length: n)
        let enabled = (0..<c.layerCount).map { l in (0..<c.headCount).map { !switchedOff.contains(AttentionHeadID(layer: l, head: $0)) } }
        parameters.values.withUnsafeBufferPointer { p in
            _ = workspace.forward(parameters: p.baseAddress!, windows: 1, length: n, withLoss: false, headEnabled: enabled)
        }
        func matrix(_ p: UnsafePointer<Double>, _ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, values: Array(UnsafeBufferPointer(start: p, count: rows * columns)))
        }
        func columns(_ p: UnsafePointer<Double>, head: Int) -> Matrix {
            Matrix((0..<n).map { i in Array(UnsafeBufferPointer(start: p + i * d + head * dk, count: dk)) })
        }
        func norm(
            _ x: UnsafePointer<Double>, _ normalized: UnsafePointer<Double>, _ inverse: UnsafePointer<Double>, _ y: UnsafePointer<Double>
        )
            -> LayerNormTrace
        {
            let input = matrix(x, n, d)
            return LayerNormTrace(
                input: input, means: input.rowVectors.map { $0.reduce(0, +) / Double(d) },
                deviations: (0..<n).map { 1 / inverse[$0] }, normalized: matrix(normalized, n, d), output: matrix(y, n, d))
        }
        let blocks = workspace.layers.enumerated().map { l, a -> BlockTrace in
            let heads = (0..<c.headCount).map { h -> HeadTrace in
                let offset = h * n * n
                let values = columns(a.values, head: h)
                let weights = matrix(a.weights + offset, n, n)
                return HeadTrace(
                    queries: columns(a.queries, head: h), keys: columns(a.keys, head: h), values: values,
                    scores: matrix(a.scores + offset, n, n), weights: weights, output: weights * values, isSwitchedOff: !enabled[l][h])
            }
            let ffNorm = norm(a.middle, a.feedForwardNormalized, a.feedForwardInverseDeviation, a.feedForwardNormOutput)
            var preActivation = ffNorm.output * parameters[.hiddenWeights(layer: l)]
            let bias = parameters[.hiddenBias(layer: l)].values
            for i in 0..<n { for j in 0..<c.hiddenWidth { preActivation[i, j] += bias[j] } }
            return BlockTrace(
                input: matrix(a.input, n, d),
                attentionNorm: norm(a.input, a.attentionNormalized, a.attentionInverseDeviation, a.attentionNormOutput),
                heads: heads, concatenated: matrix(a.heads, n, d), attentionOutput: matrix(a.attentionOutput, n, d),
                afterAttention: matrix(a.middle, n, d), feedForwardNorm: ffNorm, hiddenBeforeReLU: preActivation,
                hidden: matrix(a.hidden, n, c.hiddenWidth), feedForwardOutput: matrix(a.feedForwardOutput, n, d),
                output: matrix(workspace.residual(l + 1), n, d))
        }
        let embedding = parameters[.tokenEmbedding]
        let position = parameters[.positionEmbedding]
        return TransformerTrace(
            tokens: tokens, wordEmbeddings: Matrix(tokens.map { embedding.row($0) }),
            positionEmbeddings: Matrix((0..<n).map { position.row($0) }),
            input: matrix(workspace.residual(0), n, d), blocks: blocks,
            finalNorm: norm(workspace.output, workspace.finalNormalized, workspace.finalInverseDeviation, workspace.finalNormOutput),
            logits: matrix(workspace.logits, n, c.vocabularySize))
    }

    /// The probabilities of every token coming next after `prompt`: softmax(logits / temperature).
    public func nextTokenProbabilities(
        after prompt: [Int], temperature: Double = 1, switchedOff: Set<AttentionHeadID> = []
    ) throws(SoftmaxError) -> [Double] {
        try trace(prompt, switchedOff: switchedOff).nextTokenProbabilities(temperature: temperature)
    }

    /// The `count` likeliest next tokens, likeliest first (the lower token on a tie).
    public func topPredictions(
        after prompt: [Int], count: Int, temperature: Double = 1, switchedOff: Set<AttentionHeadID> = []
    ) throws(SoftmaxError) -> [Prediction] {
        Prediction.top(try nextTokenProbabilities(after: prompt, temperature: temperature, switchedOff: switchedOff), count: count)
    }
}
