// SPDX-License-Identifier: Apache-2.0

/// The whole model's forward and backward pass on the windows loaded into a
/// workspace, composed from the operations (Embedding, LayerNorm,
/// CausalSelfAttention, FeedForward, CrossEntropy). Each block is pre-LayerNorm:
/// middle = x + attention(LN₁(x)) · W_O, output = middle + MLP(LN₂(middle)).
extension TransformerWorkspace {
    /// Runs the model on `windows` windows of `length` tokens (already in
    /// `tokens`) and, when `targets` holds the next tokens, returns the sum of
    /// their cross-entropies (else 0). `headEnabled[layer][head]` switches heads off.
    @discardableResult
    func forward(
        parameters: UnsafePointer<Double>, windows: Int, length: Int, withLoss: Bool, headEnabled: [[Bool]]? = nil
    ) -> Double {
        precondition(windows <= windowCapacity && length <= lengthCapacity, "forward: \(windows) × \(length) in a smaller workspace")
        let c = configuration
        let rows = windows * length
        let d = c.modelWidth
        let hidden = c.hiddenWidth
        let epsilon = c.layerNormEpsilon
        Embedding.forward(
            tokens: tokens, tokenEmbedding: parameters + layout.tokenEmbedding, positionEmbedding: parameters + layout.positionEmbedding,
            output: residual(0), rows: rows, length: length, width: d)
        for (l, a) in layers.enumerated() {
            let p = layout.blocks[l]
            LayerNorm.forward(
                a.input, gain: parameters + p.attentionNormGain, bias: parameters + p.attentionNormBias, output: a.attentionNormOutput,
                normalized: a.attentionNormalized, inverseDeviation: a.attentionInverseDeviation, rows: rows, width: d, epsilon: epsilon)
            let h = UnsafePointer(a.attentionNormOutput)
            DenseKernels.multiply(h, parameters + p.query, into: a.queries, rows: rows, inner: d, columns: d)
            DenseKernels.multiply(h, parameters + p.key, into: a.keys, rows: rows, inner: d, columns: d)
            DenseKernels.multiply(h, parameters + p.value, into: a.values, rows: rows, inner: d, columns: d)
            CausalSelfAttention.forward(
                queries: a.queries, keys: a.keys, values: a.values, weights: a.weights, output: a.heads, windows: windows, length: length,
                heads: c.headCount, headWidth: c.headWidth, headEnabled: headEnabled?[l], scores: a.scores)
            DenseKernels.multiply(a.heads, parameters + p.attentionOutput, into: a.attentionOutput, rows: rows, inner: d, columns: d)
            for i in 0..<(rows * d) { a.middle[i] = a.input[i] + a.attentionOutput[i] }
            LayerNorm.forward(
                a.middle, gain: parameters + p.feedForwardNormGain, bias: parameters + p.feedForwardNormBias,
                output: a.feedForwardNormOutput, normalized: a.feedForwardNormalized, inverseDeviation: a.feedForwardInverseDeviation,
                rows: rows, width: d, epsilon: epsilon)
            FeedForward.forward(
                a.feedForwardNormOutput, hiddenWeights: parameters + p.hiddenWeights, hiddenBias: parameters + p.hiddenBias,
                outputWeights: parameters + p.feedForwardOutputWeights, outputBias: parameters + p.feedForwardOutputBias,
                hidden: a.hidden, output: a.feedForwardOutput, rows: rows, width: d, hiddenWidth: hidden, accumulate: false)
            let next = residual(l + 1)
            for i in 0..<(rows * d) { next[i] = a.middle[i] + a.feedForwardOutput[i] }
        }
        LayerNorm.forward(
            output, gain: parameters + layout.finalNormGain, bias: parameters + layout.finalNormBias, output: finalNormOutput,
            normalized: finalNormalized, inverseDeviation: finalInverseDeviation, rows: rows, width: d, epsilon: epsilon)
        DenseKernels.multiply(
            finalNormOutput, parameters + layout.unembedding, into: logits, rows: rows, inner: d, columns: c.vocabularySize)
        DenseKernels.addRowVector(parameters + layout.unembeddingBias, to: logits, rows: rows, columns: c.vocabularySize)
        guard withLoss else { return 0 }
        return CrossEntropy.loss(logits: logits, targets: targets, rows: rows, classes: c.vocabularySize)
    }

    /// After `forward`, writes into `gradients` the gradient of
    /// `lossScale` · (the sum of the targets' cross-entropies), and returns that sum.
    /// The forward pass's activations must still be in place.
    func backward(parameters: UnsafePointer<Double>, windows: Int, length: Int, lossScale: Double) -> Double {
        let c = configuration
        let rows = windows * length
        let d = c.modelWidth
        let hidden = c.hiddenWidth
        let v = c.vocabularySize
        gradients.update(repeating: 0, count: layout.count)
        let loss = CrossEntropy.loss(
            logits: logits, targets: targets, rows: rows, classes: v, gradient: logitsGradient, gradientScale: lossScale)
        DenseKernels.accumulateTransposedProduct(
            finalNormOutput, logitsGradient, into: gradients + layout.unembedding, rows: rows, inner: d, columns: v)
        DenseKernels.accumulateColumnSums(logitsGradient, rows: rows, columns: v, into: gradients + layout.unembeddingBias)
        DenseKernels.multiplyTransposed(
            logitsGradient, parameters + layout.unembedding, into: normGradient, rows: rows, inner: v, columns: d,
            scratch: transposeScratch)
        let dx = residualGradient
        dx.update(repeating: 0, count: rows * d)
        LayerNorm.backward(
            outputGradient: normGradient, normalized: finalNormalized, inverseDeviation: finalInverseDeviation,
            gain: parameters + layout.finalNormGain, inputGradient: dx, gainGradient: gradients + layout.finalNormGain,
            biasGradient: gradients + layout.finalNormBias, rows: rows, width: d, scratch: rowScratch)
        for (l, a) in layers.enumerated().reversed() {
            let p = layout.blocks[l]
            // output = middle + MLP(LN₂(middle)): dx reaches middle directly and through the MLP.
            FeedForward.backward(
                outputGradient: dx, input: a.feedForwardNormOutput, hidden: a.hidden, hiddenWeights: parameters + p.hiddenWeights,
                outputWeights: parameters + p.feedForwardOutputWeights, inputGradient: normGradient,
                hiddenWeightsGradient: gradients + p.hiddenWeights, hiddenBiasGradient: gradients + p.hiddenBias,
                outputWeightsGradient: gradients + p.feedForwardOutputWeights, outputBiasGradient: gradients + p.feedForwardOutputBias,
                rows: rows, width: d, hiddenWidth: hidden, hiddenGradient: hiddenGradient, scratch: transposeScratch)
            LayerNorm.backward(
                outputGradient: normGradient, normalized: a.feedForwardNormalized, inverseDeviation: a.feedForwardInverseDeviation,
                gain: parameters + p.feedForwardNormGain, inputGradient: dx, gainGradient: gradients + p.feedForwardNormGain,
                biasGradient: gradients + p.feedForwardNormBias, rows: rows, width: d, scratch: rowScratch)
            // middle = input + heads · W_O, heads = attention(LN₁(input)).
            DenseKernels.accumulateTransposedProduct(a.heads, dx, into: gradients + p.attentionOutput, rows: rows, inner: d, columns: d)
            DenseKernels.multiplyTransposed(
                dx, parameters + p.attentionOutput, into: headsGradient, rows: rows, inner: d, columns: d, scratch: transposeScratch)
            CausalSelfAttention.backward(
                outputGradient: headsGradient, queries: a.queries, keys: a.keys, values: a.values, weights: a.weights,
                queryGradient: queryGradient, keyGradient: keyGradient, valueGradient: valueGradient, windows: windows, length: length,
                heads: c.headCount, headWidth: c.headWidth, scratch: rowScratch)
            let h = UnsafePointer(a.attentionNormOutput)
            let projections = [(queryGradient, p.query), (keyGradient, p.key), (valueGradient, p.value)]
            for (n, (gradient, offset)) in projections.enumerated() {
                DenseKernels.accumulateTransposedProduct(h, gradient, into: gradients + offset, rows: rows, inner: d, columns: d)
                DenseKernels.multiplyTransposed(
                    gradient, parameters + offset, into: normGradient, rows: rows, inner: d, columns: d, accumulate: n > 0,
                    scratch: transposeScratch)
            }
            LayerNorm.backward(
                outputGradient: normGradient, normalized: a.attentionNormalized, inverseDeviation: a.attentionInverseDeviation,
                gain: parameters + p.attentionNormGain, inputGradient: dx, gainGradient: gradients + p.attentionNormGain,
                biasGradient: gradients + p.attentionNormBias, rows: rows, width: d, scratch: rowScratch)
        }
        Embedding.backward(
            outputGradient: dx, tokens: tokens, tokenGradient: gradients + layout.tokenEmbedding,
            positionGradient: gradients + layout.positionEmbedding, rows: rows, length: length, width: d)
        return loss
    }
}
