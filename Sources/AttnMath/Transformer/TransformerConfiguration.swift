// SPDX-License-Identifier: Apache-2.0

/// The shape of a word-level, causal, pre-LayerNorm transformer: how many
/// words it knows, how wide its vectors are, how far back it reads, how many
/// blocks and heads it stacks.
///
/// Each block is x + attention(LayerNorm(x)), then x + MLP(LayerNorm(x)); the
/// MLP is ReLU between two dense layers; a final LayerNorm and an untied output
/// layer (with a bias) give one logit per word. Position embeddings are learnt.
/// The attention projections have no bias, so q = x·W_Q exactly as the lessons write it.
public struct TransformerConfiguration: Equatable, Hashable, Sendable {
    /// V: the number of tokens, the sentence-start token included.
    public var vocabularySize: Int
    /// d_model: the width of every word, position and residual vector.
    public var modelWidth: Int
    /// T: the most tokens the model reads at once (one learnt position vector each).
    public var contextLength: Int
    public var layerCount: Int
    public var headCount: Int
    /// The width of the MLP's hidden layer (4 · d_model by default).
    public var hiddenWidth: Int
    /// ε in LayerNorm's √(σ² + ε), so a constant vector does not divide by zero.
    public var layerNormEpsilon: Double

    public init(
        vocabularySize: Int, modelWidth: Int = 32, contextLength: Int = 8, layerCount: Int = 2, headCount: Int = 2,
        hiddenWidth: Int? = nil, layerNormEpsilon: Double = 1e-5
    ) {
        precondition(vocabularySize > 0 && modelWidth > 0 && contextLength > 0 && layerCount >= 0, "TransformerConfiguration: empty model")
        precondition(
            headCount > 0 && modelWidth % headCount == 0, "TransformerConfiguration: \(headCount) heads do not divide d_model \(modelWidth)"
        )
        self.vocabularySize = vocabularySize
        self.modelWidth = modelWidth
        self.contextLength = contextLength
        self.layerCount = layerCount
        self.headCount = headCount
        self.hiddenWidth = hiddenWidth ?? 4 * modelWidth
        self.layerNormEpsilon = layerNormEpsilon
    }

    /// d_k = d_model / h: each head's share of the width, and the √d_k that scales its scores.
    public var headWidth: Int { modelWidth / headCount }

    /// Every trainable number, as `TransformerParameters` stores them.
    public var parameterCount: Int { ParameterLayout(self).count }
}
