// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

@testable import EmbeddingFiles

/// Every format reads back exactly what was written, words as they are (punctuation, numbers, non-ASCII).
@Suite("Embedding files: formats, detection, messy but valid files")
struct EmbeddingReaderTests {
    private let rows = messyRows()

    private func gloveText(_ rows: [(word: String, tokens: [String])], lineEnd: String = "\n") -> String {
        rows.map { ([$0.word] + $0.tokens).joined(separator: " ") + lineEnd }.joined()
    }

    /// The table holds `rows` exactly: the words, and each value as `Float(token)`.
    private func expectTable(
        _ loaded: LoadedEmbeddings?, _ rows: [(word: String, tokens: [String])], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let table = loaded?.table else { return }
        #expect(table.words == rows.map(\.word), sourceLocation: sourceLocation)
        #expect(table.dimension == rows[0].tokens.count, sourceLocation: sourceLocation)
        #expect(float32Values(table) == rows.flatMap { $0.tokens.map { Float($0)! } }, sourceLocation: sourceLocation)
        for (i, row) in rows.enumerated() {
            #expect(table.index(of: row.word) == i, "\(row.word)", sourceLocation: sourceLocation)
            #expect(table.word(at: i) == row.word, sourceLocation: sourceLocation)
        }
    }

    @Test func gloveRoundTrip() {
        let folder = ScratchFolder()
        let loaded = loadWithoutCache(folder.write("vectors.txt", gloveText(rows)))
        #expect(loaded?.format == .glove)
        #expect(loaded?.warnings == [])
        #expect(loaded?.fromCache == false)
        #expect(loaded?.metadata == nil)
        expectTable(loaded, rows)
    }

    /// More than 255 line ends in 4 KB (a file of short lines) overflowed the byte lanes that
    /// count them: too few rows were counted, and the parser wrote words past their array.
    @Test func newlinesAreCountedInFilesOfShortLines() {
        for count in [255, 256, 300, 4096, 10_000] {
            let lines = [UInt8](repeating: 10, count: count)
            #expect(lines.withUnsafeBufferPointer { TextVectorParser.countNewlines($0.baseAddress!, count: count) } == count)
        }
    }

    @Test func aFileOfManyShortRowsIsReadWhole() {
        let folder = ScratchFolder()
        let rows = (0..<1000).map { i in (word: "w\(i)", tokens: ["\(i % 7)", "\(i % 5)", "-\(i % 3)"]) }
        expectTable(loadWithoutCache(folder.write("short.txt", gloveText(rows))), rows)
    }

    @Test func word2vecTextRoundTrip() {
        let folder = ScratchFolder()
        let text = "\(rows.count) \(rows[0].tokens.count)\n" + gloveText(rows)
        let loaded = loadWithoutCache(folder.write("vectors.vec", text))
        #expect(loaded?.format == .word2vecText)
        expectTable(loaded, rows)
        // The original word2vec tool ends every line with a space.
        let spaced =
            "\(rows.count) \(rows[0].tokens.count) \n" + rows.map { ([$0.word] + $0.tokens).joined(separator: " ") + " \n" }.joined()
        expectTable(loadWithoutCache(folder.write("spaced.vec", spaced)), rows)
    }

    @Test func word2vecBinaryRoundTrip() {
        let folder = ScratchFolder()
        let binary = rows.map { ($0.word, $0.tokens.map { Float($0)! }) }
        for newline in [true, false] {
            let loaded = loadWithoutCache(folder.write("vectors-\(newline).bin", bytes: word2vecBinary(binary, newline: newline)))
            #expect(loaded?.format == .word2vecBinary)
            expectTable(loaded, rows)
        }
    }

    @Test func projectorWithSingleColumnMetadata() {
        let folder = ScratchFolder()
        let vectors = folder.write("vectors.tsv", rows.map { $0.tokens.joined(separator: "\t") + "\n" }.joined())
        folder.write("metadata.tsv", rows.map { $0.word + "\n" }.joined())
        let loaded = loadWithoutCache(vectors)
        #expect(loaded?.format == .projector)
        expectTable(loaded, rows)
        #expect(loaded?.metadata?.columnNames == ["word"])
        #expect(loaded?.metadata?.columns == [rows.map(\.word)])
        #expect(loaded?.metadata?.path == folder.file("metadata.tsv"))
    }

    @Test func projectorWithSeveralColumnsTakesTheLabelColumn() {
        let folder = ScratchFolder()
        let vectors = folder.write("emb-vectors.tsv", rows.map { $0.tokens.joined(separator: "\t") + "\n" }.joined())
        let metadata = "index\tLabel\tkind\n" + rows.enumerated().map { "\($0)\t\($1.word)\tk\($0 % 2)\n" }.joined()
        folder.write("emb-metadata.tsv", metadata)
        let loaded = loadWithoutCache(vectors)
        expectTable(loaded, rows)
        #expect(loaded?.metadata?.columnNames == ["index", "Label", "kind"])
        #expect(loaded?.metadata?.wordColumn == 1)
        #expect(loaded?.metadata?.columns[2].first == "k0")
        // A single column whose first line is "word" has that line as a header; any other extra line is an error.
        folder.write("emb-metadata.tsv", "Word\n" + rows.map { $0.word + "\n" }.joined())
        expectTable(loadWithoutCache(vectors), rows)
        folder.write("emb-metadata.tsv", "extra\n" + rows.map { $0.word + "\n" }.joined())
        #expect(loadError(vectors)?.kind == .metadata)
        // Without a word or label column, the first column gives the words.
        folder.write("other.tsv", "name\tkind\n" + rows.map { "\($0.word)\tx\n" }.joined())
        expectTable(loadWithoutCache(vectors, metadataPath: folder.file("other.tsv")), rows)
    }

    @Test func projectorWithoutMetadataNamesRowsByNumber() {
        let folder = ScratchFolder()
        let loaded = loadWithoutCache(folder.write("vectors.tsv", "1\t2\n3\t4\n5\t6"))
        #expect(loaded?.table.words == ["0", "1", "2"])
        #expect(loaded?.metadata == nil)
        #expect(loaded.map { float32Values($0.table) } == [1, 2, 3, 4, 5, 6])
    }

    @Test func detection() throws {
        let folder = ScratchFolder()
        let glove = folder.write("a.txt", gloveText(rows))
        let text = folder.write("b.txt", "\(rows.count) 4\n" + gloveText(rows))
        let binary = folder.write("c.txt", bytes: word2vecBinary(rows.map { ($0.word, $0.tokens.map { Float($0)! }) }))
        let tsvName = folder.write("d.tsv", "0.1\t0.2\n")
        let numbersOnly = folder.write("e.txt", "0.1\t0.2\n0.3\t0.4\n")
        let numericWord = folder.write("f.txt", "1990 0.1 0.2\n2000 0.3 0.4\n")
        #expect(try EmbeddingFormat.detect(path: glove) == .glove)
        #expect(try EmbeddingFormat.detect(path: text) == .word2vecText)
        #expect(try EmbeddingFormat.detect(path: binary) == .word2vecBinary)
        #expect(try EmbeddingFormat.detect(path: tsvName) == .projector)
        #expect(try EmbeddingFormat.detect(path: numbersOnly) == .projector)
        #expect(try EmbeddingFormat.detect(path: numericWord) == .glove)
        #expect(loadWithoutCache(numericWord)?.table.words == ["1990", "2000"])
    }

    @Test func formatNames() {
        #expect(EmbeddingFormat(argument: "glove") == .glove)
        #expect(EmbeddingFormat(argument: "fasttext") == .word2vecText)
        #expect(EmbeddingFormat(argument: "VEC") == .word2vecText)
        #expect(EmbeddingFormat(argument: "word2vec-binary") == .word2vecBinary)
        #expect(EmbeddingFormat(argument: "tsv") == .projector)
        #expect(EmbeddingFormat(argument: "csv") == nil)
        for format in EmbeddingFormat.allCases { #expect(EmbeddingFormat(argument: format.rawValue) == format) }
    }

    @Test func aForcedFormatIsUsed() {
        let folder = ScratchFolder()
        // Tab-separated numbers named .txt are detected as Projector; forced GloVe, the first number is a word.
        let path = folder.write("numbers.txt", "7\t0.5\t0.25\n8\t1\t2\n")
        #expect(loadWithoutCache(path)?.format == .projector)
        let forced = loadWithoutCache(path, format: .glove)
        #expect(forced?.format == .glove)
        #expect(forced?.table.words == ["7", "8"])
        #expect(forced.map { float32Values($0.table) } == [0.5, 0.25, 1, 2])
        // A GloVe file forced as word2vec has no header: the error says so, on line 1.
        let glove = folder.write("glove.txt", gloveText(rows))
        #expect(loadError(glove, format: .word2vecText)?.description.hasPrefix("\(glove):1: expected a header") == true)
        // word2vec text forced as GloVe: the header line is a word with one value, and line 2 is ragged.
        let text = folder.write("text.txt", "\(rows.count) 4\n" + gloveText(rows))
        #expect(loadError(text, format: .glove)?.description == "\(text):2: expected 1 value (as on line 1), found 4 values")
    }

    @Test func messyButValidText() {
        let folder = ScratchFolder()
        // CRLF line ends, tabs and runs of spaces between values, no newline at the end, blank lines after the last row.
        var text = rows.map { ([$0.word] + $0.tokens).joined(separator: "  \t") + " \r\n" }.joined()
        text.removeLast(2)
        expectTable(loadWithoutCache(folder.write("crlf.txt", text)), rows)
        expectTable(loadWithoutCache(folder.write("trailing.txt", gloveText(rows) + "\n\n  \n")), rows)
        expectTable(loadWithoutCache(folder.write("crlf.vec", "\(rows.count) 4\r\n" + gloveText(rows, lineEnd: "\r\n"))), rows)
        // A byte order mark before the first word (or header) is not part of it.
        expectTable(loadWithoutCache(folder.write("bom.txt", "\u{FEFF}" + gloveText(rows))), rows)
        let bomVec = folder.write("bom.vec", "\u{FEFF}\(rows.count) 4\n" + gloveText(rows))
        #expect((try? EmbeddingFormat.detect(path: bomVec)) == .word2vecText)
        expectTable(loadWithoutCache(bomVec), rows)
    }

    @Test func duplicateWordsKeepTheFirstVectorAndWarnOnce() {
        let folder = ScratchFolder()
        let path = folder.write("dup.txt", "apple 1 0\npear 0 1\napple 2 2\nplum 1 1\napple 3 3\n, 0 2\n, 5 5\n")
        guard let loaded = loadWithoutCache(path) else { return }
        #expect(loaded.table.count == 7)
        #expect(loaded.table.index(of: "apple") == 0)
        #expect(loaded.table.vector(at: loaded.table.index(of: "apple")!) == [1, 0])
        #expect(loaded.table.index(of: ",") == 5)
        #expect(
            loaded.warnings == [
                "\(path):3: duplicate word \"apple\" (first on line 1, 3 times in all); the first vector is kept",
                "\(path):7: duplicate word \",\" (first on line 6); the first vector is kept",
            ])
        // word2vec text counts the header line; binary files have no lines and name the word's position.
        let text = folder.write("dup.vec", "2 1\nx 1\nx 2\n")
        #expect(loadWithoutCache(text)?.warnings == ["\(text):3: duplicate word \"x\" (first on line 2); the first vector is kept"])
        let binary = folder.write("dup.bin", bytes: word2vecBinary([("x", [1]), ("y", [2]), ("x", [3])]))
        #expect(
            loadWithoutCache(binary)?.warnings == ["\(binary): word 3: duplicate word \"x\" (first as word 1); the first vector is kept"])
        // Projector: the warning names the metadata file and its line (after the header).
        let vectors = folder.write("vectors.tsv", "1\n2\n3\n")
        let metadata = folder.write("metadata.tsv", "word\tn\nx\t1\ny\t2\nx\t3\n")
        #expect(loadWithoutCache(vectors)?.warnings == ["\(metadata):4: duplicate word \"x\" (first on line 2); the first vector is kept"])
    }

    @Test func metadataForAFileThatTakesNoneIsAWarning() {
        let folder = ScratchFolder()
        let labels = folder.write("labels.tsv", "a\n")
        let loaded = loadWithoutCache(folder.write("v.txt", gloveText(rows)), metadataPath: labels)
        #expect(loaded?.warnings == ["\(folder.file("v.txt")): metadata \(labels) not used: only Projector vectors take a metadata file"])
    }

    @Test func lookUpsUseTheFileTokensAsGiven() {
        let folder = ScratchFolder()
        guard let table = loadWithoutCache(folder.write("v.txt", gloveText(rows)))?.table else { return }
        #expect(table.resolve(",") == 0)
        #expect(table.resolve("'s") == 2)
        #expect(table.resolve("Apple,") == table.index(of: "apple"))
        #expect(table.resolve("CAFÉ") == table.index(of: "café"))
        // The same word typed with a combining accent is found too.
        #expect(table.index(of: "cafe\u{301}") == table.index(of: "café"))
        #expect(table.resolve("banana") == nil)
    }

    @Test func manyRowsAreSplitOverTheCoresInOrder() {
        // Large enough (about 3 MB) to be cut into several chunks parsed in parallel.
        let folder = ScratchFolder()
        let count = 30_000
        var text = ""
        text.reserveCapacity(count * 100)
        for i in 0..<count {
            text += "w\(i)" + (0..<12).map { j in " \(Float(i % 1000) / 8 - Float(j))" }.joined() + "\n"
        }
        guard let table = loadWithoutCache(folder.write("big.txt", text))?.table else { return }
        #expect(table.count == count)
        #expect(table.dimension == 12)
        let values = float32Values(table)
        for i in stride(from: 0, to: count, by: 997) {
            #expect(table.words[i] == "w\(i)")
            #expect(values[i * 12 + 5] == Float(i % 1000) / 8 - 5)
        }
        // An error far into the file names its own line.
        let broken = text.replacingOccurrences(of: "w29876 ", with: "w29876 x")
        let path = folder.write("broken.txt", broken)
        #expect(loadError(path)?.description.hasPrefix("\(path):29877: value 1 is not a number: \"x") == true)
    }
}
