// SPDX-License-Identifier: Apache-2.0

import AttnMath
import EmbeddingFiles
import Foundation
import ReferenceTables
import Testing

/// Similarity, neighbours and attention on a float32 file (punctuation, non-ASCII words) agree
/// with numpy in float64 within 1e-5 relative, in GloVe and in word2vec `.vec` form.
@Suite("Embedding files against a numpy float64 reference")
struct EmbeddingReferenceTests {
    private let reference = try! EmbeddingReference.load()

    private func expectClose(_ actual: Double?, _ expected: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let actual else {
            Issue.record("\(what): nil, expected \(expected)", sourceLocation: sourceLocation)
            return
        }
        #expect(
            abs(actual - expected) <= 1e-5 * max(abs(expected), 1e-3), "\(what): \(actual) vs \(expected)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["small.glove.txt", "small.vec"])
    func agreesWithNumpy(file: String) throws {
        let path = EmbeddingReference.path(of: file)
        let loaded = try EmbeddingFile.load(path: path, cacheDirectory: nil)
        #expect(loaded.format == (file.hasSuffix(".vec") ? .word2vecText : .glove))
        let table = loaded.table
        #expect(table.words == reference.words)
        let vectors = (0..<table.count).map(table.vector(at:))
        #expect(vectors == reference.vectors, "the float32 values, widened, are numpy's exactly")

        for (metric, expected) in [(Metric.cosine, reference.cosine), (.dot, reference.dot), (.scaledDot, reference.scaledDot)] {
            let matrix = SimilarityMatrix(vectors: vectors, metric: metric)
            for i in 0..<table.count {
                for j in 0..<table.count { expectClose(matrix[i, j], expected[i][j], "\(metric) \(table.words[i]) \(table.words[j])") }
            }
        }

        let index = NeighborIndex(table: table)
        for (i, word) in table.words.enumerated() {
            let found = index.nearest(to: vectors[i], k: 5, excluding: [i])
            let expected = try #require(reference.neighbors[word])
            #expect(found.map { table.words[$0.index] } == expected.map(\.word), "neighbours of \(word)")
            for (f, e) in zip(found, expected) { expectClose(f.cosine, e.cosine, "cosine(\(word), \(e.word))") }
        }

        for attention in reference.attention {
            let rows = try attention.words.map { try #require(table.resolve($0)) }
            let metric = try #require(Metric(rawValue: attention.metric))
            let result = try ContextAttention(vectors: rows.map(table.vector(at:)), metric: metric, temperature: attention.temperature)
            for i in rows.indices {
                for j in rows.indices {
                    expectClose(result.scores[i][j], attention.scores[i][j], "\(metric) score \(i),\(j)")
                    expectClose(result.weights[i][j], attention.weights[i][j], "\(metric) weight \(i),\(j)")
                }
                for k in 0..<table.dimension { expectClose(result.context[i][k], attention.context[i][k], "\(metric) context \(i)[\(k)]") }
            }
        }
    }

    @Test func cachedFilesAgreeToo() throws {
        let cache = ScratchFolder()
        let path = EmbeddingReference.path(of: "small.vec")
        _ = try EmbeddingFile.load(path: path, cacheDirectory: cache.path)
        let cached = try EmbeddingFile.load(path: path, cacheDirectory: cache.path)
        #expect(cached.fromCache)
        #expect(cached.table.words == reference.words)
        #expect((0..<cached.table.count).map(cached.table.vector(at:)) == reference.vectors)
    }
}
