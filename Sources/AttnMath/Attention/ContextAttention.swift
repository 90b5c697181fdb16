// SPDX-License-Identifier: Apache-2.0

/// Why attention over a list of words could not be computed.
public enum AttentionError: Error, Equatable, CustomStringConvertible {
    /// The metric is undefined for this row (cosine of a zero vector).
    case undefinedScore(row: Int, column: Int)
    case softmax(SoftmaxError)

    public var description: String {
        switch self {
        case .undefinedScore(let row, let column):
            "score undefined between item \(row + 1) and item \(column + 1) (cosine of a zero vector)"
        case .softmax(let error): error.description
        }
    }
}

/// The course's attention without learnt matrices: each word's context is the
/// softmax-weighted sum of all words in play (itself included).
///
/// `scores[i][j] = metric(vᵢ, vⱼ)`, `weights[i] = softmax(scores[i] / T)`,
/// `context[i] = Σⱼ weights[i][j]·vⱼ`. With one word its context is that word
/// (exactly: its weight is exactly 1). No words give empty results. Each
/// number agrees with a float64 reference as its parts do (`SimilarityMatrix`,
/// `softmax`, `weightedSum`): within 1e-12 relative for moderate inputs.
public struct ContextAttention: Equatable, Sendable {
    public let metric: Metric
    public let temperature: Double
    public let scores: [[Double]]
    public let weights: [[Double]]
    public let context: [[Double]]

    /// - Throws: `AttentionError.softmax(.invalidTemperature)` unless the
    ///   temperature is finite and > 0 (checked even with no words);
    ///   `AttentionError.undefinedScore` for the first undefined score in row
    ///   order (cosine with a zero vector).
    /// - Precondition: all vectors have the same dimension.
    public init(vectors: [[Double]], metric: Metric, temperature: Double = 1) throws(AttentionError) {
        try self.init(vectors: vectors, scores: SimilarityMatrix(vectors: vectors, metric: metric), temperature: temperature)
    }

    /// The same from scores already computed (`matrix.metric` must be the metric of `vectors`).
    public init(vectors: [[Double]], scores matrix: SimilarityMatrix, temperature: Double = 1) throws(AttentionError) {
        guard temperature > 0, temperature.isFinite else {
            throw .softmax(.invalidTemperature(temperature))
        }
        self.metric = matrix.metric
        self.temperature = temperature
        var scores: [[Double]] = []
        for i in 0..<matrix.count {
            var row: [Double] = []
            for j in 0..<matrix.count {
                guard let value = matrix[i, j] else { throw .undefinedScore(row: i, column: j) }
                row.append(value)
            }
            scores.append(row)
        }
        var weights: [[Double]] = []
        for row in scores {
            do {
                weights.append(try softmax(row, temperature: temperature))
            } catch {
                throw .softmax(error)
            }
        }
        let dimension = vectors.first?.count ?? 0
        self.scores = scores
        self.weights = weights
        self.context = weights.map { weightedSum(weights: $0, vectors: vectors, dimension: dimension) }
    }
}
