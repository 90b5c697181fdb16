import AttnMath
import FileSupport

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
    /// - Throws: `EmbeddingFileError` naming the folder or file when a column
    ///   has the wrong length or a file cannot be written.
    public static func write(table: EmbeddingTable, extraColumns: [(name: String, values: [String])] = [], to directory: String)
        throws(EmbeddingFileError)
    {
        for column in extraColumns where column.values.count != table.count {
            throw EmbeddingFileError(
                file: directory, kind: .write,
                problem: "column \"\(column.name)\" has \(column.values.count) values for \(table.count) words")
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
