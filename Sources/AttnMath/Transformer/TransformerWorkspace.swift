// SPDX-License-Identifier: Apache-2.0

/// The memory of one batch's forward and backward pass: every activation the
/// backward pass needs (kept per layer, so a trace can read them too), the
/// gradients of every parameter, and scratch. One allocation, carved up, reused
/// from step to step.
///
/// A workspace belongs to one pass at a time; that is what makes it safe to
/// hand to another thread (`@unchecked Sendable`).
final class TransformerWorkspace: @unchecked Sendable {
    struct LayerActivations {
        /// The residual stream entering the block (rows × d).
        let input: UnsafeMutablePointer<Double>
        let attentionNormalized: UnsafeMutablePointer<Double>
        let attentionInverseDeviation: UnsafeMutablePointer<Double>
        /// LayerNorm's output, the input of W_Q, W_K and W_V.
        let attentionNormOutput: UnsafeMutablePointer<Double>
        let queries: UnsafeMutablePointer<Double>
        let keys: UnsafeMutablePointer<Double>
        let values: UnsafeMutablePointer<Double>
        /// q·k/√d_k and the softmax weights: windows × heads × length × length.
        let scores: UnsafeMutablePointer<Double>
        let weights: UnsafeMutablePointer<Double>
        /// The heads' weighted sums of v, side by side (rows × d).
        let heads: UnsafeMutablePointer<Double>
        /// heads · W_O.
        let attentionOutput: UnsafeMutablePointer<Double>
        /// input + attentionOutput.
        let middle: UnsafeMutablePointer<Double>
        let feedForwardNormalized: UnsafeMutablePointer<Double>
        let feedForwardInverseDeviation: UnsafeMutablePointer<Double>
        let feedForwardNormOutput: UnsafeMutablePointer<Double>
        /// ReLU(h·W₁ + b₁) (rows × hidden).
        let hidden: UnsafeMutablePointer<Double>
        /// The MLP's output; the block's output is middle + this.
        let feedForwardOutput: UnsafeMutablePointer<Double>
    }

    let configuration: TransformerConfiguration
    let layout: ParameterLayout
    /// The most windows and tokens per window this workspace holds.
    let windowCapacity: Int
    let lengthCapacity: Int

    let tokens: UnsafeMutablePointer<Int>
    let targets: UnsafeMutablePointer<Int>
    let layers: [LayerActivations]
    /// The residual stream after the last block.
    let output: UnsafeMutablePointer<Double>
    let finalNormalized: UnsafeMutablePointer<Double>
    let finalInverseDeviation: UnsafeMutablePointer<Double>
    let finalNormOutput: UnsafeMutablePointer<Double>
    let logits: UnsafeMutablePointer<Double>

    /// dLoss/dParameters, laid out as the parameters.
    let gradients: UnsafeMutablePointer<Double>
    let residualGradient: UnsafeMutablePointer<Double>
    let normGradient: UnsafeMutablePointer<Double>
    let queryGradient: UnsafeMutablePointer<Double>
    let keyGradient: UnsafeMutablePointer<Double>
    let valueGradient: UnsafeMutablePointer<Double>
    let headsGradient: UnsafeMutablePointer<Double>
    let hiddenGradient: UnsafeMutablePointer<Double>
    let logitsGradient: UnsafeMutablePointer<Double>
    /// Room for the largest transposed weight matrix.
    let transposeScratch: UnsafeMutablePointer<Double>
    let rowScratch: UnsafeMutablePointer<Double>

    private let storage: UnsafeMutablePointer<Double>
    private let storageCount: Int

    init(configuration: TransformerConfiguration, windows: Int, length: Int) {
        precondition(windows > 0 && length > 0 && length <= configuration.contextLength, "TransformerWorkspace: \(windows) × \(length)")
        self.configuration = configuration
        layout = ParameterLayout(configuration)
        windowCapacity = windows
        lengthCapacity = length
        let rows = windows * length
        let d = configuration.modelWidth
        let hidden = configuration.hiddenWidth
        let v = configuration.vocabularySize
        let attention = windows * configuration.headCount * length * length

        let perLayer = 12 * rows * d + 2 * rows + 2 * attention + rows * hidden
        let rest = 3 * rows * d + rows + rows * v + layout.count + 6 * rows * d + rows * hidden + rows * v
        let scratch = max(d * d, d * hidden, d * v)
        let rowScratchCount = max(d, hidden, length)
        storageCount = configuration.layerCount * perLayer + rest + scratch + rowScratchCount
        storage = .allocate(capacity: storageCount)
        storage.initialize(repeating: 0, count: storageCount)
        tokens = .allocate(capacity: rows)
        tokens.initialize(repeating: 0, count: rows)
        targets = .allocate(capacity: rows)
        targets.initialize(repeating: 0, count: rows)

        var next = storage
        func take(_ count: Int) -> UnsafeMutablePointer<Double> {
            defer { next += count }
            return next
        }
        layers = (0..<configuration.layerCount).map { _ in
            LayerActivations(
                input: take(rows * d), attentionNormalized: take(rows * d), attentionInverseDeviation: take(rows),
                attentionNormOutput: take(rows * d), queries: take(rows * d), keys: take(rows * d), values: take(rows * d),
                scores: take(attention), weights: take(attention), heads: take(rows * d), attentionOutput: take(rows * d),
                middle: take(rows * d), feedForwardNormalized: take(rows * d), feedForwardInverseDeviation: take(rows),
                feedForwardNormOutput: take(rows * d), hidden: take(rows * hidden), feedForwardOutput: take(rows * d))
        }
        output = take(rows * d)
        finalNormalized = take(rows * d)
        finalInverseDeviation = take(rows)
        finalNormOutput = take(rows * d)
        logits = take(rows * v)
        gradients = take(layout.count)
        residualGradient = take(rows * d)
        normGradient = take(rows * d)
        queryGradient = take(rows * d)
        keyGradient = take(rows * d)
        valueGradient = take(rows * d)
        headsGradient = take(rows * d)
        hiddenGradient = take(rows * hidden)
        logitsGradient = take(rows * v)
        transposeScratch = take(scratch)
        rowScratch = take(rowScratchCount)
        precondition(next == storage + storageCount, "TransformerWorkspace: carved \(next - storage) of \(storageCount)")
    }

    deinit {
        storage.deallocate()
        tokens.deallocate()
        targets.deallocate()
    }

    /// The residual stream entering layer `layer` (or leaving the last one, for `layer == layerCount`).
    func residual(_ layer: Int) -> UnsafeMutablePointer<Double> {
        layer < layers.count ? layers[layer].input : output
    }
}
