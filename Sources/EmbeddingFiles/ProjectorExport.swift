// SPDX-License-Identifier: Apache-2.0

import AttnMath
import FileSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes words and vectors for the TensorFlow Embedding Projector
/// (projector.tensorflow.org: "Load" takes these two files).
public enum ProjectorExport {
    /// Writes `vectors.tsv` (one row of tab-separated values per word, each
    /// value printed in the shortest form that reads back exactly) and
    /// `metadata.tsv` into `directory`, making it if needed; each file is written atomically.
    ///
    /// `metadata.tsv` is the words alone, one per line, when there are no
    /// extra columns (the Projector's single-column form, no header); with
    /// extra columns (e.g. the current 2D coordinates) it has a header row
    /// `word  name1  name2 …`. Tabs and line breaks inside a cell become spaces.
    ///
    /// Nothing is written unless both files may be: an existing `vectors.tsv` or
    /// `metadata.tsv` is replaced only when `replacing` is true, and never when it is
    /// one of `inputs` (the files the table was read from), compared by device and
    /// inode, so no other name for it (`./x/../vectors.tsv`, a link) gets past.
    ///
    /// - Throws: `EmbeddingFileError` naming the folder or file when a column
    ///   has the wrong length, a file is an input or exists, or cannot be written.
    public static func write(
        table: EmbeddingTable, extraColumns: [(name: String, values: [String])] = [], to directory: String, inputs: [String] = [],
        replacing: Bool = false
    ) throws(EmbeddingFileError) {
        for column in extraColumns where column.values.count != table.count {
            throw EmbeddingFileError(
                file: directory, kind: .write,
                problem: "column \"\(column.name)\" has \(column.values.count) values for \(table.count) words")
        }
        let read = inputs.compactMap(FileIdentity.init(path:))
        for target in [directory + "/vectors.tsv", directory + "/metadata.tsv"] {
            if let existing = FileIdentity(path: target), read.contains(existing) {
                throw EmbeddingFileError(
                    file: target, kind: .write,
                    problem: "is a file the words were read from: export into another folder (never over its input)")
            }
            var status = stat()
            if !replacing && lstat(target, &status) == 0 {
                throw EmbeddingFileError(file: target, kind: .write, problem: "already exists: pass --force to replace it")
            }
        }
        do throws(AtomicFile.Failure) {
            try AtomicFile.makeFolders(directory)
        } catch {
            throw EmbeddingFileError(file: directory, kind: .write, problem: error.description)
        }
        try writeFile(directory + "/vectors.tsv", lines: table.count) { row in
            switch table.storage {
            case .float32(let values):
                return values[(row * table.dimension)..<((row + 1) * table.dimension)].map { "\($0)" }.joined(separator: "\t")
            case .float64(let values):
                return values[(row * table.dimension)..<((row + 1) * table.dimension)].map { "\($0)" }.joined(separator: "\t")
            }
        }
        let header = extraColumns.isEmpty ? nil : (["word"] + extraColumns.map(\.name)).map(cell).joined(separator: "\t")
        try writeFile(directory + "/metadata.tsv", header: header, lines: table.count) { row in
            ([table.words[row]] + extraColumns.map { $0.values[row] }).map(cell).joined(separator: "\t")
        }
    }

    /// A file as the kernel knows it, whatever its name.
    private struct FileIdentity: Equatable {
        let device: UInt64
        let inode: UInt64

        /// Follows symbolic links; nil when nothing is there.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    private static func cell(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    private static func writeFile(_ path: String, header: String? = nil, lines: Int, line: (Int) -> String) throws(EmbeddingFileError) {
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(to: path) { (writer) throws(AtomicFile.Failure) in
                var buffer: [UInt8] = []
                buffer.reserveCapacity(1 << 20)
                if let header { buffer.append(contentsOf: (header + "\n").utf8) }
                for row in 0..<lines {
                    buffer.append(contentsOf: line(row).utf8)
                    buffer.append(10)
                    if buffer.count >= 1 << 20 {
                        try writer.write(array: buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                try writer.write(array: buffer)
            }
        } catch {
            throw EmbeddingFileError(file: path, kind: .write, problem: error.description)
        }
    }
}
