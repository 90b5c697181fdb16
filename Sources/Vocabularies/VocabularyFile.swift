// SPDX-License-Identifier: Apache-2.0

import AttnMath
import EmbeddingFiles

extension Vocabulary {
    /// A user's embedding file (GloVe, word2vec/fastText text or binary, Projector TSV), read
    /// through the binary cache. Warnings (duplicate words, …) come back one line each.
    ///
    /// - Throws: `QueryError` with the reader's one line: file, line and problem.
    public static func load(
        path: String, format: EmbeddingFormat? = nil, metadataPath: String? = nil,
        cacheDirectory: String? = EmbeddingCache.defaultDirectory
    ) throws(QueryError) -> (vocabulary: Vocabulary, warnings: [String]) {
        do {
            let loaded = try EmbeddingFile.load(
                path: path, format: format, metadataPath: metadataPath, cacheDirectory: cacheDirectory)
            let inputs = [path] + [metadataPath, loaded.metadata?.path].compactMap { $0 }
            return (Vocabulary(table: loaded.table, source: path, inputFiles: inputs), loaded.warnings)
        } catch {
            throw QueryError(error.description)
        }
    }
}
