// SPDX-License-Identifier: Apache-2.0

/// One named weight matrix or vector of the transformer. Matrices act on row
/// vectors (y = x·W), so a weight that maps width a to width b is a × b.
public enum ParameterTensor: Hashable, Sendable, CustomStringConvertible {
    /// V × d: one row per token.
    case tokenEmbedding
    /// T × d: one row per position.
    case positionEmbedding
    /// 1 × d each: LayerNorm's γ and β before attention.
    case attentionNormGain(layer: Int), attentionNormBias(layer: Int)
    /// d × d each; head h owns columns h·d_k ..< (h+1)·d_k of W_Q, W_K and W_V, and rows h·d_k ..< (h+1)·d_k of W_O.
    case query(layer: Int), key(layer: Int), value(layer: Int), attentionOutput(layer: Int)
    /// 1 × d each: LayerNorm's γ and β before the MLP.
    case feedForwardNormGain(layer: Int), feedForwardNormBias(layer: Int)
    /// d × hidden and 1 × hidden: the MLP's first layer, before ReLU.
    case hiddenWeights(layer: Int), hiddenBias(layer: Int)
    /// hidden × d and 1 × d: the MLP's second layer.
    case feedForwardOutputWeights(layer: Int), feedForwardOutputBias(layer: Int)
    /// 1 × d each: the final LayerNorm.
    case finalNormGain, finalNormBias
    /// d × V and 1 × V: the output layer that turns the last vector into one logit per word.
    case unembedding, unembeddingBias

    /// A stable name, as the numpy reference spells it: "layers.1.query", "unembedding".
    public var description: String {
        switch self {
        case .tokenEmbedding: "token_embedding"
        case .positionEmbedding: "position_embedding"
        case .attentionNormGain(let l): "layers.\(l).attention_norm_gain"
        case .attentionNormBias(let l): "layers.\(l).attention_norm_bias"
        case .query(let l): "layers.\(l).query"
        case .key(let l): "layers.\(l).key"
        case .value(let l): "layers.\(l).value"
        case .attentionOutput(let l): "layers.\(l).attention_output"
        case .feedForwardNormGain(let l): "layers.\(l).feed_forward_norm_gain"
        case .feedForwardNormBias(let l): "layers.\(l).feed_forward_norm_bias"
        case .hiddenWeights(let l): "layers.\(l).hidden_weights"
        case .hiddenBias(let l): "layers.\(l).hidden_bias"
        case .feedForwardOutputWeights(let l): "layers.\(l).feed_forward_output_weights"
        case .feedForwardOutputBias(let l): "layers.\(l).feed_forward_output_bias"
        case .finalNormGain: "final_norm_gain"
        case .finalNormBias: "final_norm_bias"
        case .unembedding: "unembedding"
        case .unembeddingBias: "unembedding_bias"
        }
    }
}

/// Where each tensor lives in the one flat array of parameters (and of
/// gradients, and of Adam's moments): row-major, one after another, in the
/// order of `tensors`.
struct ParameterLayout: Sendable {
    /// The offsets of one block's tensors.
    struct Block: Sendable {
        let attentionNormGain: Int, attentionNormBias: Int
        let query: Int, key: Int, value: Int, attentionOutput: Int
        let feedForwardNormGain: Int, feedForwardNormBias: Int
        let hiddenWeights: Int, hiddenBias: Int
        let feedForwardOutputWeights: Int, feedForwardOutputBias: Int
    }

    let tokenEmbedding: Int
    let positionEmbedding: Int
    let blocks: [Block]
    let finalNormGain: Int, finalNormBias: Int
    let unembedding: Int, unembeddingBias: Int
    /// Every parameter.
    let count: Int
    /// Every tensor with its offset and shape, in storage order.
    let tensors: [(tensor: ParameterTensor, offset: Int, rows: Int, columns: Int)]

    init(_ configuration: TransformerConfiguration) {
        let d = configuration.modelWidth
        let hidden = configuration.hiddenWidth
        let v = configuration.vocabularySize
        var tensors: [(tensor: ParameterTensor, offset: Int, rows: Int, columns: Int)] = []
        var next = 0
        func place(_ tensor: ParameterTensor, _ rows: Int, _ columns: Int) -> Int {
            tensors.append((tensor, next, rows, columns))
            defer { next += rows * columns }
            return next
        }
        tokenEmbedding = place(.tokenEmbedding, v, d)
        positionEmbedding = place(.positionEmbedding, configuration.contextLength, d)
        blocks = (0..<configuration.layerCount).map { l in
            Block(
                attentionNormGain: place(.attentionNormGain(layer: l), 1, d),
                attentionNormBias: place(.attentionNormBias(layer: l), 1, d),
                query: place(.query(layer: l), d, d), key: place(.key(layer: l), d, d), value: place(.value(layer: l), d, d),
                attentionOutput: place(.attentionOutput(layer: l), d, d),
                feedForwardNormGain: place(.feedForwardNormGain(layer: l), 1, d),
                feedForwardNormBias: place(.feedForwardNormBias(layer: l), 1, d),
                hiddenWeights: place(.hiddenWeights(layer: l), d, hidden), hiddenBias: place(.hiddenBias(layer: l), 1, hidden),
                feedForwardOutputWeights: place(.feedForwardOutputWeights(layer: l), hidden, d),
                feedForwardOutputBias: place(.feedForwardOutputBias(layer: l), 1, d))
        }
        finalNormGain = place(.finalNormGain, 1, d)
        finalNormBias = place(.finalNormBias, 1, d)
        unembedding = place(.unembedding, d, v)
        unembeddingBias = place(.unembeddingBias, 1, v)
        count = next
        self.tensors = tensors
    }

    func entry(_ tensor: ParameterTensor) -> (offset: Int, rows: Int, columns: Int)? {
        tensors.first { $0.tensor == tensor }.map { ($0.offset, $0.rows, $0.columns) }
    }
}
