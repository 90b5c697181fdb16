// SPDX-License-Identifier: Apache-2.0

/// One head of scaled dot-product attention: three linear maps W_Q, W_K, W_V
/// (each d_model × d_head, applied to word vectors as rows).
public struct AttentionHead: Equatable, Sendable {
    public var query: Matrix
    public var key: Matrix
    public var value: Matrix

    public init(query: Matrix, key: Matrix, value: Matrix) {
        precondition(query.rows == key.rows && key.rows == value.rows, "AttentionHead: W_Q, W_K, W_V must take the same input dimension")
        precondition(query.columns == key.columns, "AttentionHead: W_Q and W_K must map to the same dimension")
        self.query = query
        self.key = key
        self.value = value
    }

    /// Q = K = V = X: attention with no learnt transformation.
    public static func identity(dimension: Int) -> AttentionHead {
        AttentionHead(query: .identity(dimension), key: .identity(dimension), value: .identity(dimension))
    }

    /// softmax(QKᵀ/√d_k / T)·V for the rows of `input` (n × d_model), with every
    /// intermediate kept. Q = X·W_Q, K = X·W_K, V = X·W_V; the identity head
    /// gives exactly the numbers of `ContextAttention` with `.scaledDot`.
    /// No rows give empty results; d_k = 0 gives all-zero scores (uniform weights).
    ///
    /// `causal`: the causal mask of a next-word model. Row i may attend only to
    /// rows j ≤ i: its scores above the diagonal are −∞, so their weights are
    /// exactly 0 and each row's weights sum to 1 over the rows it sees. Rows ≤ i
    /// then never read a later row: changing row i + 1 … leaves every number of
    /// rows ≤ i bit for bit the same (the masked terms add exactly 0).
    ///
    /// - Throws: `SoftmaxError.invalidTemperature` unless T is finite and > 0
    ///   (checked even with no rows); `SoftmaxError.invalidScores` when a
    ///   score is NaN (NaN or overflowing inputs).
    /// - Precondition: `input.columns` equals the rows of W_Q, W_K and W_V.
    public func attend(_ input: Matrix, temperature: Double = 1, causal: Bool = false) throws(SoftmaxError) -> AttentionResult {
        try AttentionResult(input: input, head: self, temperature: temperature, causal: causal)
    }
}

/// Every intermediate of softmax(QKᵀ/√d_k)·V, so the screen can show each one.
public struct AttentionResult: Equatable, Sendable {
    public let queries: Matrix
    public let keys: Matrix
    public let values: Matrix
    /// QKᵀ/√d_k, n × n; −∞ above the diagonal when the mask is causal.
    public let scores: Matrix
    /// Row-wise softmax of `scores / temperature`; each row sums to 1.
    public let weights: Matrix
    /// weights · V, n × d_v.
    public let output: Matrix

    init(input: Matrix, head: AttentionHead, temperature: Double, causal: Bool = false) throws(SoftmaxError) {
        guard temperature > 0, temperature.isFinite else { throw .invalidTemperature(temperature) }
        queries = input * head.query
        keys = input * head.key
        values = input * head.value
        // Divide (rather than multiply by 1/√d_k) so the scores are bit for bit `scaledDot`'s.
        let root = Double(keys.columns).squareRoot()
        let raw = queries * keys.transposed
        let n = raw.columns
        scores = Matrix(
            rows: raw.rows, columns: raw.columns,
            values: raw.values.enumerated().map { index, value in
                causal && index % n > index / n ? -.infinity : root > 0 ? value / root : 0
            })
        var weightRows: [[Double]] = []
        for row in scores.rowVectors { weightRows.append(try softmax(row, temperature: temperature)) }
        weights = Matrix(weightRows, columns: input.rows)
        output = weights * values
    }
}

/// Several heads side by side; their outputs are concatenated and projected by W_O:
/// MultiHead(X) = [head₁(X) | … | head_h(X)]·W_O, each head with its own d_k.
///
/// - Precondition: at least one head; W_O has as many rows as the heads' value
///   dimensions together.
public struct MultiHeadAttention: Equatable, Sendable {
    public var heads: [AttentionHead]
    public var output: Matrix

    public init(heads: [AttentionHead], output: Matrix) {
        precondition(!heads.isEmpty, "MultiHeadAttention: at least one head")
        precondition(
            heads.map(\.value.columns).reduce(0, +) == output.rows, "MultiHeadAttention: W_O rows must equal the concatenated head width")
        self.heads = heads
        self.output = output
    }

    public struct Result: Equatable, Sendable {
        public let heads: [AttentionResult]
        /// [head₁ | head₂ | …], n × Σ d_v.
        public let concatenated: Matrix
        /// concatenated · W_O.
        public let output: Matrix
    }

    /// Every head on the same input at the same temperature, then the projection.
    ///
    /// - Throws: as `AttentionHead.attend`.
    public func attend(_ input: Matrix, temperature: Double = 1) throws(SoftmaxError) -> Result {
        var results: [AttentionResult] = []
        for head in heads { results.append(try head.attend(input, temperature: temperature)) }
        let joined = results.dropFirst().reduce(results[0].output) { $0.concatenatedHorizontally(with: $1.output) }
        return Result(heads: results, concatenated: joined, output: joined * output)
    }
}
