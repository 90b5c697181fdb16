import AttnMath

/// The numbers derived from the words in play, computed by the math core once
/// per change of words, metric or temperature — not once per frame.
public struct Analysis: Sendable {
    public let pca: PCA
    /// Map position of each word in play.
    public let points: [Point2D]
    /// Map position of the word being placed, if any.
    public let previewPoint: Point2D?
    public let cosine: SimilarityMatrix
    public let dot: SimilarityMatrix
    public let scaledDot: SimilarityMatrix
    /// Softmax attention of every word over all words in play, under the chosen metric.
    public let attention: ContextAttention?
    /// Map position of each word's context vector.
    public let contextPoints: [Point2D]
    /// Why `attention` is missing (e.g. a zero vector under cosine).
    public let problem: String?

    static let empty = Analysis(words: [], preview: nil, metric: .scaledDot, temperature: 1, previous: nil, dimension: 0)

    init(words: [WordInPlay], preview: WordInPlay?, metric: Metric, temperature: Double, previous: Analysis?, dimension: Int) {
        let vectors = words.map(\.vector)
        let pca = PCA(vectors: vectors, dimension: dimension, orientedLike: previous?.pca.axes)
        self.pca = pca
        points = vectors.map(pca.project)
        previewPoint = preview.map { pca.project($0.vector) }
        cosine = SimilarityMatrix(vectors: vectors, metric: .cosine)
        dot = SimilarityMatrix(vectors: vectors, metric: .dot)
        scaledDot = SimilarityMatrix(vectors: vectors, metric: .scaledDot)
        do {
            let attention = try ContextAttention(vectors: vectors, metric: metric, temperature: temperature)
            self.attention = attention
            contextPoints = attention.context.map(pca.project)
            problem = nil
        } catch {
            attention = nil
            contextPoints = []
            if case .undefinedScore(let row, _) = error, words.indices.contains(row) {
                problem = "'\(words[row].word)' is the zero vector: its cosine is undefined"
            } else {
                problem = error.description
            }
        }
    }

    public func matrix(for metric: Metric) -> SimilarityMatrix {
        switch metric {
        case .cosine: cosine
        case .dot: dot
        case .scaledDot: scaledDot
        }
    }
}
