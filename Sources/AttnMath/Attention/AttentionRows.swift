// SPDX-License-Identifier: Apache-2.0

/// `ContextAttention` one row at a time, for outputs too large to hold whole (4,000 words
/// make two matrices of 16 million numbers): the same numbers bit for bit — row `i` of
/// `scores`, `weights` and `context` — in O(n + d) memory a row, each row computed when asked.
public struct AttentionRows: Sendable {
    public let vectors: [[Double]]
    public let metric: Metric
    public let temperature: Double

    /// Checks every row once (O(n²·d)), so the rows asked for later cannot fail.
    ///
    /// - Throws: what `ContextAttention` throws for the same input: an invalid temperature;
    ///   else the first undefined score in row order; else the first row whose softmax fails.
    public init(vectors: [[Double]], metric: Metric, temperature: Double = 1) throws(AttentionError) {
        guard temperature > 0, temperature.isFinite else { throw .softmax(.invalidTemperature(temperature)) }
        self.vectors = vectors
        self.metric = metric
        self.temperature = temperature
        var softmaxFailure: SoftmaxError?
        for i in vectors.indices {
            let row = SimilarityMatrix.scores(row: i, of: vectors, metric: metric)
            if let column = row.firstIndex(where: { $0 == nil }) { throw .undefinedScore(row: i, column: column) }
            guard softmaxFailure == nil else { continue }
            do {
                _ = try softmax(row.map { $0 ?? 0 }, temperature: temperature)
            } catch {
                softmaxFailure = error
            }
        }
        if let softmaxFailure { throw .softmax(softmaxFailure) }
    }

    public var count: Int { vectors.count }

    /// `scores[i]`: metric(vᵢ, vⱼ) for every j.
    public func scores(_ i: Int) -> [Double] {
        SimilarityMatrix.scores(row: i, of: vectors, metric: metric).map { $0 ?? .nan }
    }

    /// `weights[i]` = softmax(scores[i] / T).
    public func weights(_ i: Int) -> [Double] {
        // Checked in init: it cannot fail here.
        (try? softmax(scores(i), temperature: temperature)) ?? []
    }

    /// `context[i]` = Σⱼ weights[i][j]·vⱼ.
    public func context(_ i: Int) -> [Double] {
        weightedSum(weights: weights(i), vectors: vectors, dimension: vectors.first?.count ?? 0)
    }
}
