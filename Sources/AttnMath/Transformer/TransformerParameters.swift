// SPDX-License-Identifier: Apache-2.0

/// Every trainable number of a transformer in one flat float64 array, tensor
/// after tensor (see `ParameterTensor` for the shapes), each row-major. The
/// same layout holds gradients and Adam's moments, so an optimiser step is one
/// loop. A value: copying it is cheap until one copy changes (copy on write).
public struct TransformerParameters: Equatable, Sendable {
    public let configuration: TransformerConfiguration
    public internal(set) var values: [Double]
    let layout: ParameterLayout

    /// Given values, in storage order (`tensors`).
    public init(configuration: TransformerConfiguration, values: [Double]) {
        layout = ParameterLayout(configuration)
        precondition(values.count == layout.count, "TransformerParameters: \(values.count) values for \(layout.count)")
        self.configuration = configuration
        self.values = values
    }

    /// All zeros: the shape of a gradient.
    public static func zeros(_ configuration: TransformerConfiguration) -> TransformerParameters {
        TransformerParameters(configuration: configuration, values: Array(repeating: 0, count: configuration.parameterCount))
    }

    /// A fresh model, drawn from `generator` in storage order: LayerNorm gains 1
    /// and every bias 0; weights normal with standard deviation 0.02, except
    /// the residual stream's writers (W_O, W₂) 0.02/√(2 · layers) so the stream
    /// does not grow with depth (GPT-2's scheme). The output layer starts
    /// small, so every word starts nearly equally likely (a loss near ln V).
    public init(configuration: TransformerConfiguration, generator: inout SeededGenerator) {
        self = .zeros(configuration)
        let residualScale = 0.02 / Double(max(1, 2 * configuration.layerCount)).squareRoot()
        for (tensor, offset, rows, columns) in layout.tensors {
            let deviation: Double
            switch tensor {
            case .attentionNormGain, .feedForwardNormGain, .finalNormGain:
                for i in 0..<(rows * columns) { values[offset + i] = 1 }
                continue
            case .attentionNormBias, .feedForwardNormBias, .hiddenBias, .feedForwardOutputBias, .finalNormBias, .unembeddingBias:
                continue
            case .attentionOutput, .feedForwardOutputWeights: deviation = residualScale
            default: deviation = 0.02
            }
            for i in 0..<(rows * columns) { values[offset + i] = deviation * generator.nextGaussian() }
        }
    }

    public static func == (a: TransformerParameters, b: TransformerParameters) -> Bool {
        a.configuration == b.configuration && a.values == b.values
    }

    /// Every tensor, in storage order.
    public var tensors: [ParameterTensor] { layout.tensors.map(\.tensor) }

    /// One tensor as a matrix (a vector is 1 × n).
    public subscript(tensor: ParameterTensor) -> Matrix {
        get {
            guard let (offset, rows, columns) = layout.entry(tensor) else { preconditionFailure("no tensor \(tensor)") }
            return Matrix(rows: rows, columns: columns, values: Array(values[offset..<(offset + rows * columns)]))
        }
        set {
            guard let (offset, rows, columns) = layout.entry(tensor) else { preconditionFailure("no tensor \(tensor)") }
            precondition(newValue.rows == rows && newValue.columns == columns, "\(tensor) is \(rows) × \(columns)")
            values.replaceSubrange(offset..<(offset + rows * columns), with: newValue.values)
        }
    }

    /// Head `head`'s d × d_k share of W_Q, W_K or W_V (its columns), or its d_k × d share of W_O (its rows).
    public func headSlice(_ tensor: ParameterTensor, head: Int) -> Matrix {
        let full = self[tensor]
        let width = configuration.headWidth
        let columns = head * width..<(head + 1) * width
        if case .attentionOutput = tensor {
            return Matrix(columns.map { full.row($0) })
        }
        return Matrix((0..<full.rows).map { r in columns.map { full[r, $0] } })
    }
}
