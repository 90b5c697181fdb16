// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// The columns of a Projector `metadata.tsv`, one entry per vector.
public struct ProjectorMetadata: Sendable, Equatable {
    /// The header row's names; `["word"]` for a single-column file (which has no header).
    public let columnNames: [String]
    /// `columns[c][row]`, every column as long as the table.
    public let columns: [[String]]
    /// The column the words came from: one named `word` or `label`, else the first.
    public let wordColumn: Int
    /// The metadata file as it was named (given, or found beside `vectors.tsv`).
    public let path: String

    public init(columnNames: [String], columns: [[String]], wordColumn: Int, path: String) {
        self.columnNames = columnNames
        self.columns = columns
        self.wordColumn = wordColumn
        self.path = path
    }
}

/// TensorFlow Embedding Projector files: `vectors.tsv` holds tab-separated
/// numbers, one vector per line, no words; `metadata.tsv` beside it (or
/// named with `--metadata`) holds the labels. One column: a label per line,
/// no header. Several columns: a header row, then one row per vector; the
/// words are the column named `word` or `label`, else the first. Without
/// metadata the words are the row numbers, from "0", as the Projector shows them.
enum ProjectorReader {
    /// The metadata file to use with the vectors at `vectorsPath`: `given`, or
    /// `metadata.tsv` beside it (`X-metadata.tsv` beside `X-vectors.tsv`) when that is a file.
    static func metadataPath(vectors vectorsPath: String, given: String?) -> String? {
        if let given { return given }
        let slash = vectorsPath.lastIndex(of: "/")
        let folder = slash.map { String(vectorsPath[...$0]) } ?? ""
        let name = slash.map { String(vectorsPath[vectorsPath.index(after: $0)...]) } ?? vectorsPath
        var candidates: [String] = []
        if name.contains("vectors") { candidates.append(folder + name.replacingFirst("vectors", with: "metadata")) }
        candidates.append(folder + "metadata.tsv")
        return candidates.first { candidate in
            candidate != vectorsPath && (try? FileCheck.stamp(of: candidate)) != nil
        }
    }

    /// The vectors, their metadata, its stamp and the line of its first label.
    static func read(_ file: MappedFile, metadataPath: String?) throws(EmbeddingFileError) -> (
        ParsedRows, ProjectorMetadata?, FileStamp, Int
    ) {
        var parsed = try TextVectorParser.parse(
            file, layout: .init(hasWords: false, contentStart: file.textStart, firstLine: 1, dimension: nil))
        guard let metadataPath else {
            parsed.words = (0..<parsed.rows).map(String.init)
            parsed.hashes = parsed.words.map(WordHash.of)
            return (parsed, nil, .none, 1)
        }
        let metadataFile = try MappedFile(path: metadataPath)
        let metadata: ProjectorMetadata
        let firstLabelLine: Int
        do throws(EmbeddingFileError) {
            (metadata, firstLabelLine) = try readMetadata(metadataFile, rows: parsed.rows, vectorsPath: file.path)
        } catch {
            if metadataFile.changedSinceOpened { throw metadataFile.changedError }
            throw error
        }
        if metadataFile.changedSinceOpened { throw metadataFile.changedError }
        parsed.words = metadata.columns[metadata.wordColumn]
        parsed.hashes = parsed.words.map(WordHash.of)
        return (parsed, metadata, metadataFile.stamp, firstLabelLine)
    }

    static func readMetadata(_ file: MappedFile, rows: Int, vectorsPath: String) throws(EmbeddingFileError) -> (ProjectorMetadata, Int) {
        let bytes = file.bytes
        var lines: [UnsafeBufferPointer<UInt8>] = []
        var start = file.textStart
        while start < bytes.count {
            let end = TextVectorParser.lineEnd(bytes.base, from: start, to: bytes.count)
            var length = end - start
            if length > 0, bytes.base[start + length - 1] == 13 { length -= 1 }
            lines.append(UnsafeBufferPointer(start: bytes.base + start, count: length))
            start = end + 1
        }
        while let last = lines.last, last.allSatisfy({ $0 == 32 || $0 == 9 }) { lines.removeLast() }
        for (i, line) in lines.enumerated() where !UTF8Check.isValid(line.baseAddress ?? bytes.base, count: line.count) {
            throw EmbeddingFileError(file: file.path, line: i + 1, kind: .invalidUTF8, problem: "invalid UTF-8")
        }
        let text = lines.map { String(decoding: $0, as: UTF8.self) }
        let singleColumn = !(text.first?.contains("\t") ?? false)
        // A single column has no header, as the Projector writes it; a first line "word" or "label" is taken as one all the same.
        let namesAColumn = ["word", "label"].contains(text.first?.lowercased() ?? "")
        let hasHeader = !singleColumn || (text.count == rows + 1 && namesAColumn)
        let header = hasHeader ? text.first.map(splitTabs) ?? [] : ["word"]
        let body = hasHeader ? Array(text.dropFirst()) : text
        let firstBodyLine = hasHeader ? 2 : 1
        guard body.count == rows else {
            throw EmbeddingFileError(
                file: file.path, kind: .metadata,
                problem: "\(body.count) labels for the \(rows) vectors of \(vectorsPath)\(hasHeader ? " (after a header row)" : "")")
        }
        var columns = [[String]](repeating: [], count: header.count)
        for c in columns.indices { columns[c].reserveCapacity(rows) }
        for (i, line) in body.enumerated() {
            let fields = header.count == 1 ? [line] : splitTabs(line)
            guard fields.count == header.count else {
                throw EmbeddingFileError(
                    file: file.path, line: firstBodyLine + i, kind: .metadata,
                    problem: "expected \(header.count) tab-separated columns (as in the header), found \(fields.count)")
            }
            for (c, field) in fields.enumerated() { columns[c].append(field) }
        }
        let wordColumn = header.firstIndex { ["word", "label"].contains($0.lowercased()) } ?? 0
        if let empty = columns[wordColumn].firstIndex(where: { $0.isEmpty }) {
            throw EmbeddingFileError(
                file: file.path, line: firstBodyLine + empty, kind: .metadata, problem: "empty word in column \"\(header[wordColumn])\"")
        }
        return (ProjectorMetadata(columnNames: header, columns: columns, wordColumn: wordColumn, path: file.path), firstBodyLine)
    }

    private static func splitTabs(_ line: String) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
