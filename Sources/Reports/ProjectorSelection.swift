// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import EmbeddingFiles
import Vocabularies

/// The words `attn-tui export` writes, with the metadata columns the
/// Projector shows: category and the 2D map coordinates attn-tui draws.
public struct ProjectorSelection: Sendable {
    public let table: EmbeddingTable
    public let columns: [(name: String, values: [String])]

    /// - Parameters:
    ///   - words: chosen words (`--words`); nil takes the saved sandbox words of the
    ///     built-in lexicon, else every word of the vocabulary.
    public init(vocabulary: Vocabulary, words: [String]?, savedWords: [String]?) throws(QueryError) {
        let table = vocabulary.table
        var rows: [Int]
        if let words {
            rows = try vocabulary.resolve(words).map(\.index)
        } else if vocabulary.lexicon != nil, let names = savedWords, !names.isEmpty {
            rows = names.compactMap { table.index(of: $0) }
        } else {
            rows = Array(0..<table.count)
        }
        if rows.isEmpty { rows = Array(0..<table.count) }
        let vectors = rows.map(table.vector(at:))
        let names = rows.map { table.word(at: $0) }
        switch table.storage {
        case .float64: self.table = EmbeddingTable(words: names, vectors: vectors)
        case .float32(let values):
            var selected: [Float] = []
            selected.reserveCapacity(rows.count * table.dimension)
            for row in rows { selected += values[(row * table.dimension)..<((row + 1) * table.dimension)] }
            self.table = EmbeddingTable(words: names, dimension: table.dimension, storage: .float32(Float32Values(selected)))
        }
        let pca = PCA(vectors: vectors, dimension: table.dimension)
        let points = vectors.map(pca.project)
        let categories = rows.map { vocabulary.lexicon?.categories[$0] ?? "file" }
        columns = [
            ("category", categories), ("map_x", points.map { "\($0.x)" }), ("map_y", points.map { "\($0.y)" }),
        ]
    }

    /// Writes `vectors.tsv` and `metadata.tsv` into `directory`: never over `inputs` (the files
    /// the words came from), nor over existing files unless `replacing`.
    public func write(to directory: String, inputs: [String] = [], replacing: Bool = false) throws(QueryError) {
        do {
            try ProjectorExport.write(table: table, extraColumns: columns, to: directory, inputs: inputs, replacing: replacing)
        } catch {
            throw QueryError(error.description)
        }
    }
}
