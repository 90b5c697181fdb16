// SPDX-License-Identifier: Apache-2.0

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

    /// Row `i` of `init(vectors:metric:)`'s matrix, bit for bit (each pair computed in the same
    /// order, upper triangle first), without the other rows: O(n·d) time, O(n) memory.
    public static func scores(row i: Int, of vectors: [[Double]], metric: Metric) -> [Double?] {
        vectors.indices.map { j in j >= i ? metric.score(vectors[i], vectors[j]) : metric.score(vectors[j], vectors[i]) }
    }

    init(metric: Metric, scores: [[Double?]]) {
        self.metric = metric
        self.scores = scores
    }

    /// The cosine, dot and scaled-dot matrices at the cost of one: every
    /// score is derived from the same dot products and norms, with the same
    /// arithmetic as `cosineSimilarity` and `scaledDot`, so the results are
    /// identical to three separate `init(vectors:metric:)` calls.
    public static func allMetrics(vectors: [[Double]]) -> (cosine: SimilarityMatrix, dot: SimilarityMatrix, scaledDot: SimilarityMatrix) {
        let n = vectors.count
        let squares = vectors.map { AttnMath.dot($0, $0) }
        let root = (vectors.first?.count).map { Double($0).squareRoot() } ?? 1
        var cosine = [[Double?]](repeating: [Double?](repeating: nil, count: n), count: n)
        var dots = cosine
        var scaled = cosine
        for i in 0..<n {
            for j in i..<n {
                let d = AttnMath.dot(vectors[i], vectors[j])
                // cosineSimilarity's own fast path, with the squares computed once per vector;
                // vectors out of its safe range take the careful route.
                let safe =
                    d.isFinite && squares[i].isFinite && squares[j].isFinite && squares[i] >= safeSumOfSquares
                    && squares[j] >= safeSumOfSquares
                let c =
                    safe ? clampedCosine(d / (squares[i].squareRoot() * squares[j].squareRoot())) : cosineSimilarity(vectors[i], vectors[j])
                let s = vectors[i].isEmpty ? 0 : d / root
                (dots[i][j], dots[j][i]) = (d, d)
                (cosine[i][j], cosine[j][i]) = (c, c)
                (scaled[i][j], scaled[j][i]) = (s, s)
            }
        }
        return (
            SimilarityMatrix(metric: .cosine, scores: cosine), SimilarityMatrix(metric: .dot, scores: dots),
            SimilarityMatrix(metric: .scaledDot, scores: scaled)
        )
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
