// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// The numbers derived from the words in play, computed by the math core once
/// per change of words, metric or temperature — not once per frame.
public struct Analysis: Equatable, Sendable {
    /// The words these numbers belong to.
    let words: [WordInPlay]
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
    private let ranges: [Metric: ClosedRange<Double>?]

    static let empty = Analysis(words: [], preview: nil, metric: .scaledDot, temperature: 1, previous: nil, dimension: 0)

    init(words: [WordInPlay], preview: WordInPlay?, metric: Metric, temperature: Double, previous: Analysis?, dimension: Int) {
        let vectors = words.map(\.vector)
        // A new metric or temperature leaves the words, their map and their matrices as they were.
        if let previous, previous.words == words {
            (pca, points, cosine, dot, scaledDot) = (previous.pca, previous.points, previous.cosine, previous.dot, previous.scaledDot)
            ranges = previous.ranges
        } else {
            pca = PCA(vectors: vectors, dimension: dimension, orientedLike: previous?.pca.axes)
            points = vectors.map(pca.project)
            (cosine, dot, scaledDot) = SimilarityMatrix.allMetrics(vectors: vectors)
            ranges = [.cosine: cosine.range, .dot: dot.range, .scaledDot: scaledDot.range]
        }
        self.words = words
        let pca = self.pca
        previewPoint = preview.map { pca.project($0.vector) }
        do {
            let attention = try ContextAttention(
                vectors: vectors, scores: [Metric.cosine: cosine, .dot: dot, .scaledDot: scaledDot][metric]!, temperature: temperature)
            self.attention = attention
            contextPoints = attention.context.map(pca.project)
            problem = nil
        } catch {
            attention = nil
            contextPoints = []
            if case .undefinedScore(let row, let column) = error, words.indices.contains(row), words.indices.contains(column) {
                // The score of a pair is undefined because one of the two has no direction: name that one.
                let zero = norm(words[row].vector) == 0 ? row : column
                problem = "'\(words[zero].word)' is the zero vector: its cosine is undefined"
            } else {
                problem = error.description
            }
        }
    }

    /// The smallest and largest score of each metric's matrix, found once per change of words
    /// (the heatmaps' colour scales need them on every frame).
    public func range(for metric: Metric) -> ClosedRange<Double>? {
        ranges[metric] ?? nil
    }

    public func matrix(for metric: Metric) -> SimilarityMatrix {
        switch metric {
        case .cosine: cosine
        case .dot: dot
        case .scaledDot: scaledDot
        }
    }
}
