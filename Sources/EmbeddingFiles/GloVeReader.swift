// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// GloVe text: `word v1 … vd` per line, no header; the first line sets d.
enum GloVeReader {
    static func read(_ file: MappedFile) throws(EmbeddingFileError) -> ParsedRows {
        try TextVectorParser.parse(file, layout: .init(hasWords: true, contentStart: file.textStart, firstLine: 1, dimension: nil))
    }
}
