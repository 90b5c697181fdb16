// SPDX-License-Identifier: Apache-2.0

import AttnMath
import EmbeddingFiles
import Foundation
import Testing

@Suite("Projector export: vectors.tsv and metadata.tsv")
struct ProjectorExportTests {
    @Test func exportReadsBackExactly() throws {
        let folder = ScratchFolder()
        let values: [Float] = [0.1, -2.5e-7, 3, 1e10, -0.0, 0.333333343]
        let table = EmbeddingTable(words: ["apple", ",", "日本"], dimension: 2, storage: .float32(Float32Values(values)))
        let out = folder.file("export/one")
        try ProjectorExport.write(table: table, extraColumns: [("x", ["1.5", "2", "-3"]), ("y", ["a\tb", "c\nd", ""])], to: out)
        let metadata = try String(contentsOfFile: out + "/metadata.tsv", encoding: .utf8)
        #expect(metadata == "word\tx\ty\napple\t1.5\ta b\n,\t2\tc d\n日本\t-3\t\n")
        let loaded = try EmbeddingFile.load(path: out + "/vectors.tsv", cacheDirectory: nil)
        #expect(loaded.format == .projector)
        #expect(loaded.table.words == table.words)
        #expect(float32Values(loaded.table).map(\.bitPattern) == values.map(\.bitPattern))
        #expect(loaded.metadata?.columnNames == ["word", "x", "y"])
        #expect(loaded.metadata?.columns[1] == ["1.5", "2", "-3"])
        #expect(folder.contents("export/one") == ["metadata.tsv", "vectors.tsv"])
    }

    @Test func withoutExtraColumnsTheMetadataIsWordsAlone() throws {
        let folder = ScratchFolder()
        let table = EmbeddingTable(words: ["a", "b"], vectors: [[0.1, 0.2], [1.0 / 3, -4]])
        try ProjectorExport.write(table: table, to: folder.path)
        #expect(try String(contentsOfFile: folder.file("metadata.tsv"), encoding: .utf8) == "a\nb\n")
        #expect(try String(contentsOfFile: folder.file("vectors.tsv"), encoding: .utf8) == "0.1\t0.2\n0.3333333333333333\t-4.0\n")
        let loaded = try EmbeddingFile.load(path: folder.file("vectors.tsv"), cacheDirectory: nil)
        #expect(loaded.table.words == ["a", "b"])
        #expect(loaded.table.vector(at: 1) == [Double(Float(1.0 / 3)), -4])
    }

    @Test func aColumnOfTheWrongLengthIsAnError() {
        let folder = ScratchFolder()
        let table = EmbeddingTable(words: ["a", "b"], vectors: [[1], [2]])
        #expect(throws: EmbeddingFileError.self) {
            try ProjectorExport.write(table: table, extraColumns: [("x", ["1"])], to: folder.path)
        }
        let blocker = folder.write("file", "")
        do {
            try ProjectorExport.write(table: table, to: blocker + "/out")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(blocker + "/out"))
        }
    }

    /// Issue 18 item 2: never over an input, nor over existing files without `replacing`.
    @Test func anInputOrAnExistingFileIsNeverOverwrittenUnasked() throws {
        let folder = ScratchFolder()
        let input = folder.write("vectors.tsv", "1\t2\n3\t4\n")
        let table = EmbeddingTable(words: ["a"], vectors: [[9, 9]])
        for replacing in [false, true] {
            #expect(throws: EmbeddingFileError.self) {
                try ProjectorExport.write(
                    table: table, to: folder.path + "/../" + URL(fileURLWithPath: folder.path).lastPathComponent, inputs: [input],
                    replacing: replacing)
            }
        }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "1\t2\n3\t4\n")
        #expect(folder.contents() == ["vectors.tsv"], "nothing written, not even metadata.tsv")
        let out = folder.file("out")
        try ProjectorExport.write(table: table, to: out)
        let again = EmbeddingTable(words: ["b"], vectors: [[1, 1]])
        #expect(throws: EmbeddingFileError.self) { try ProjectorExport.write(table: again, to: out) }
        #expect(try String(contentsOfFile: out + "/metadata.tsv", encoding: .utf8) == "a\n")
        try ProjectorExport.write(table: again, to: out, replacing: true)
        #expect(try String(contentsOfFile: out + "/metadata.tsv", encoding: .utf8) == "b\n")
    }
}
