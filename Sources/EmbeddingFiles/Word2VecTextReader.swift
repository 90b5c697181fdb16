// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// word2vec / fastText text (`.vec`): a `count dim` header line, then `word v1 … vd` per line.
enum Word2VecTextReader {
    static func read(_ file: MappedFile) throws(EmbeddingFileError) -> ParsedRows {
        let bytes = file.bytes
        let start = file.textStart
        let headerEnd = TextVectorParser.lineEnd(bytes.base, from: start, to: bytes.count)
        let header = try Word2VecHeaderCheck.header(file, line: UnsafeBufferPointer(start: bytes.base + start, count: headerEnd - start))
        let parsed = try TextVectorParser.parse(
            file, layout: .init(hasWords: true, contentStart: min(headerEnd + 1, bytes.count), firstLine: 2, dimension: header.dimension))
        guard parsed.rows == header.count else {
            throw EmbeddingFileError(
                file: file.path, line: 1, kind: .header,
                problem: "the header says \(counted(header.count, "word")), but the file holds \(counted(parsed.rows, "row"))")
        }
        return parsed
    }
}

enum Word2VecHeaderCheck {
    /// The header on line 1, or the error saying what is there instead.
    static func header(_ file: MappedFile, line: UnsafeBufferPointer<UInt8>) throws(EmbeddingFileError) -> Word2VecHeader {
        guard let header = Word2VecHeader.parse(line) else {
            throw EmbeddingFileError(
                file: file.path, line: 1, kind: .header,
                problem: "expected a header \"count dimension\" (two whole numbers), found \(quotedToken(line))")
        }
        guard header.dimension > 0 else {
            throw EmbeddingFileError(file: file.path, line: 1, kind: .header, problem: "the header says dimension 0")
        }
        guard header.count > 0 else {
            throw EmbeddingFileError(file: file.path, line: 1, kind: .empty, problem: "the header says 0 words: no vectors")
        }
        return header
    }
}
