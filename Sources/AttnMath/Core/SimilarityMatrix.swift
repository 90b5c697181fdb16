/// All pairwise scores of a list of vectors under one metric.
///
/// `scores[i][j] = metric(vectors[i], vectors[j])`; nil where the metric is
/// undefined (cosine with a zero vector). Every metric here is symmetric and
/// each pair is computed once, so the matrix is exactly symmetric. Precision
/// as for each metric's function (`cosineSimilarity`, `dot`, `scaledDot`).
public struct SimilarityMatrix: Sendable, Equatable {
    public let metric: Metric
    public let scores: [[Double?]]

    /// Computes the n×n matrix in O(n²·d); no vectors give a 0×0 matrix.
    ///
    /// - Precondition: all vectors have the same dimension.
    public init(vectors: [[Double]], metric: Metric) {
        self.metric = metric
        let n = vectors.count
        var scores = [[Double?]](repeating: [Double?](repeating: nil, count: n), count: n)
        for i in 0..<n {
            for j in i..<n {
                let value = metric.score(vectors[i], vectors[j])
                scores[i][j] = value
                scores[j][i] = value
            }
        }
        self.scores = scores
    }

    public var count: Int { scores.count }

    public subscript(row: Int, column: Int) -> Double? { scores[row][column] }

    /// The smallest and largest defined score, or nil when there is none.
    public var range: ClosedRange<Double>? {
        let defined = scores.joined().compactMap { $0 }
        guard let low = defined.min(), let high = defined.max() else { return nil }
        return low...high
    }
}
