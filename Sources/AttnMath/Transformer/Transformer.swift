// SPDX-License-Identifier: Apache-2.0

/// One attention head of the model: its block (layer) and its number in the block, both from 0.
public struct AttentionHeadID: Hashable, Sendable, CustomStringConvertible {
    public let layer: Int
    public let head: Int

    public init(layer: Int, head: Int) {
        self.layer = layer
        self.head = head
    }

    public var description: String { "layer \(layer + 1), head \(head + 1)" }
}

/// A word-level, causal, pre-LayerNorm transformer (see `TransformerConfiguration`)
/// with its parameters: the loss and its gradient on windows of tokens, and a
/// prompt's next-token probabilities with every intermediate number (`trace`).
///
/// A window of tokens t₀ … t_L (L ≤ contextLength) asks for L predictions:
/// t₁ from t₀, t₂ from t₀ t₁, …; position i sees tokens 0 … i only. Losses are
/// natural-log cross-entropies, averaged over every prediction. float64
/// throughout; a pass allocates its memory once, and its inner loops run along
/// contiguous rows.
public struct Transformer: Equatable, Sendable {
    public var parameters: TransformerParameters

    public init(parameters: TransformerParameters) { self.parameters = parameters }

    /// A fresh model drawn from `generator` (`TransformerParameters.init(configuration:generator:)`).
    public init(configuration: TransformerConfiguration, generator: inout SeededGenerator) {
        parameters = TransformerParameters(configuration: configuration, generator: &generator)
    }

    public var configuration: TransformerConfiguration { parameters.configuration }

    /// The mean cross-entropy of every prediction in `windows` (each of the
    /// same length L + 1, 2 ≤ L + 1 ≤ contextLength + 1), and its gradient with
    /// respect to every parameter.
    public func lossAndGradient(windows: [[Int]]) -> (loss: Double, gradient: TransformerParameters) {
        let length = Self.predictionLength(windows, configuration)
        let workspace = TransformerWorkspace(configuration: configuration, windows: windows.count, length: length)
        workspace.load(windows, length: length)
        let rows = windows.count * length
        let loss = parameters.values.withUnsafeBufferPointer { p in
            workspace.forward(parameters: p.baseAddress!, windows: windows.count, length: length, withLoss: false)
            return workspace.backward(parameters: p.baseAddress!, windows: windows.count, length: length, lossScale: 1 / Double(rows))
        }
        let gradient = Array(UnsafeBufferPointer(start: workspace.gradients, count: parameters.values.count))
        return (loss / Double(rows), TransformerParameters(configuration: configuration, values: gradient))
    }

    /// The mean cross-entropy of every prediction in `windows` (as in `lossAndGradient`).
    public func loss(windows: [[Int]]) -> Double {
        let length = Self.predictionLength(windows, configuration)
        let workspace = TransformerWorkspace(configuration: configuration, windows: windows.count, length: length)
        workspace.load(windows, length: length)
        let total = parameters.values.withUnsafeBufferPointer { p in
            workspace.forward(parameters: p.baseAddress!, windows: windows.count, length: length, withLoss: true)
        }
        return total / Double(windows.count * length)
    }

    /// The mean cross-entropy of predicting every token of `stream` after its
    /// first, reading it in consecutive windows of contextLength + 1 tokens that
    /// overlap by one (the last may be shorter): each token is predicted once,
    /// from the tokens before it in its window. 0 for a stream of fewer than 2 tokens.
    public func loss(stream: [Int]) -> Double {
        TrainingEngine(configuration: configuration).loss(of: parameters.values, stream: stream)
    }

    static func predictionLength(_ windows: [[Int]], _ configuration: TransformerConfiguration) -> Int {
        let length = (windows.first?.count ?? 0) - 1
        precondition(length >= 1 && length <= configuration.contextLength, "windows of \(length + 1) tokens")
        precondition(windows.allSatisfy { $0.count == length + 1 }, "windows of different lengths")
        return length
    }
}

extension TransformerWorkspace {
    /// Copies windows of `length + 1` tokens in: tokens[0 ..< length] and the targets tokens[1 ... length].
    func load(_ windows: [[Int]], length: Int) {
        for (b, window) in windows.enumerated() {
            for i in 0..<length {
                precondition(window[i] >= 0 && window[i] < configuration.vocabularySize, "token \(window[i]) outside the vocabulary")
                tokens[b * length + i] = window[i]
                targets[b * length + i] = window[i + 1]
            }
            precondition(window[length] >= 0 && window[length] < configuration.vocabularySize, "token outside the vocabulary")
        }
    }
}
