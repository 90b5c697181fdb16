// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Testing

@testable import EmbeddingFiles

/// Every malformed file gives one error line naming the file, the line (where there is one) and the problem.
@Suite("Embedding files: one clear error per malformed file")
struct MalformedEmbeddingFileTests {
    private let folder = ScratchFolder()

    /// Loading `text` written as `name` fails with exactly `"FILE:LINE: problem"`.
    private func expectError(
        _ name: String, _ text: String, line: Int?, _ problem: String, kind: EmbeddingFileError.Kind, format: EmbeddingFormat? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectError(folder.write(name, text), line: line, problem, kind: kind, format: format, sourceLocation: sourceLocation)
    }

    private func expectError(
        _ path: String, line: Int?, _ problem: String, kind: EmbeddingFileError.Kind, format: EmbeddingFormat? = nil,
        metadataPath: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = loadError(path, format: format, metadataPath: metadataPath, sourceLocation: sourceLocation) else { return }
        let expected = line.map { "\(path):\($0): \(problem)" } ?? "\(path): \(problem)"
        #expect(error.description == expected, sourceLocation: sourceLocation)
        #expect(error.kind == kind, sourceLocation: sourceLocation)
        #expect(error.line == line, sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
    }

    @Test func raggedRowWithTooFewValues() {
        expectError(
            "few.txt", "a 1 2 3\nb 4 5 6\nc 7 8\nd 1 1 1\n", line: 3, "expected 3 values (as on line 1), found 2 values", kind: .raggedRow)
    }

    @Test func raggedRowWithTooManyValues() {
        expectError("many.txt", "a 1 2\nb 3 4\nc 5 6 7 8\n", line: 3, "expected 2 values (as on line 1), found 4 values", kind: .raggedRow)
    }

    @Test func raggedRowAgainstTheHeader() {
        expectError(
            "ragged.vec", "2 3\na 1 2 3\nb 1 2\n", line: 3, "expected 3 values (as the header says), found 2 values", kind: .raggedRow)
    }

    @Test func notANumber() {
        expectError("nan.txt", "a 1 2\nb 3 x4y\n", line: 2, "value 2 is not a number: \"x4y\"", kind: .notANumber)
        expectError("comma.txt", "a 1 2\nb 3,5 4\n", line: 2, "value 1 is not a number: \"3,5\"", kind: .notANumber)
    }

    @Test func nanValue() {
        expectError("nan-value.txt", "a 1 2\nb NaN 4\n", line: 2, "value 1 is NaN: \"NaN\"", kind: .notFinite)
    }

    @Test func infiniteValues() {
        expectError("inf.txt", "a 1 2\nb 3 -inf\n", line: 2, "value 2 is infinite: \"-inf\"", kind: .notFinite)
        expectError("overflow.txt", "a 1 2\nb 3 1e39\n", line: 2, "value 2 is infinite: \"1e39\"", kind: .notFinite)
    }

    @Test func headerCountsThatDoNotMatchTheRows() {
        expectError("short.vec", "3 2\na 1 2\nb 3 4\n", line: 1, "the header says 3 words, but the file holds 2 rows", kind: .header)
        expectError("long.vec", "1 2\na 1 2\nb 3 4\n", line: 1, "the header says 1 word, but the file holds 2 rows", kind: .header)
    }

    @Test func aHeaderDimensionNoFileCouldHold() {
        // Refused without allocating room for 2 × 10¹² values: the first short row is named.
        expectError(
            "huge.vec", "2 1000000000000\na 1\nb 2\n", line: 2, "expected 1000000000000 values (as the header says), found 1 value",
            kind: .raggedRow)
    }

    @Test func notAHeader() {
        expectError(
            "noheader.vec", "a 1 2\n", line: 1, "expected a header \"count dimension\" (two whole numbers), found \"a 1 2\"", kind: .header,
            format: .word2vecText)
        expectError("zero.vec", "0 5\n", line: 1, "the header says 0 words: no vectors", kind: .empty, format: .word2vecText)
    }

    @Test func invalidUTF8InAWord() {
        let path = folder.write("latin1.txt", bytes: Array("a 1 2\n".utf8) + [0x63, 0x61, 0x66, 0xE9] + Array(" 3 4\n".utf8))
        expectError(path, line: 2, "invalid UTF-8 in the word", kind: .invalidUTF8)
        // An overlong encoding of "/" and a lone surrogate are not UTF-8 either.
        expectError(
            folder.write("overlong.txt", bytes: [0xC0, 0xAF] + Array(" 1\n".utf8)), line: 1, "invalid UTF-8 in the word", kind: .invalidUTF8
        )
        expectError(
            folder.write("surrogate.txt", bytes: Array("a 1\n".utf8) + [0xED, 0xA0, 0x80] + Array(" 2\n".utf8)), line: 2,
            "invalid UTF-8 in the word", kind: .invalidUTF8)
    }

    @Test func emptyFile() {
        expectError("empty.txt", "", line: nil, "empty file", kind: .empty)
    }

    @Test func onlyBlankLines() {
        expectError("blank.txt", "\n  \n\r\n", line: 1, "no vectors in the file", kind: .empty)
    }

    @Test func emptyLineBetweenRows() {
        expectError("gap.txt", "a 1 2\n\nb 3 4\n", line: 2, "empty line", kind: .raggedRow)
    }

    @Test func lineStartingWithSpace() {
        expectError(
            "indent.txt", "a 1 2\n b 3 4\n", line: 2, "the line starts with a space or tab; expected a word first", kind: .raggedRow)
    }

    @Test func wordWithoutValues() {
        expectError("lonely.txt", "lonely\n", line: 1, "a word with no values", kind: .raggedRow)
    }

    @Test func directory() {
        let path = folder.file("folder.txt")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        expectError(path, line: nil, "is a directory, not an embedding file", kind: .directory)
    }

    @Test func missingFile() {
        expectError(folder.file("nowhere.txt"), line: nil, "no such file", kind: .missing)
        let file = folder.write("plain.txt", "a 1\n")
        expectError(file + "/inside.txt", line: nil, "no such file (a folder in the path is a file)", kind: .missing)
    }

    // A file the user may not read is tested end to end, as another user when the tests run as
    // root (CLIUnreadableFileTests); here, the message the reader gives for it.
    @Test func unreadableFileMessage() {
        #expect(FileCheck.openError(path: "x.txt", errno: EACCES).description == "x.txt: permission denied")
        #expect(FileCheck.openError(path: "x.txt", errno: EACCES).kind == .unreadable)
    }

    @Test func fifoIsNotARegularFile() {
        // Opening a FIFO for reading would wait for a writer: it is refused, not opened.
        let path = folder.file("pipe")
        mkfifo(path, 0o600)
        expectError(path, line: nil, "not a regular file", kind: .unreadable)
    }

    @Test func word2vecBinaryTruncatedInAVector() {
        var bytes = word2vecBinary([("alpha", [1, 2, 3]), ("beta", [4, 5, 6])])
        bytes.removeLast(5)
        expectError(
            folder.write("cut.bin", bytes: bytes), line: nil,
            "truncated: the file ends in the vector of word 2 \"beta\"; the header says 2 words",
            kind: .truncated, format: .word2vecBinary)
    }

    @Test func word2vecBinaryTruncatedInAWord() {
        var bytes = word2vecBinary([("alpha", [1, 2])], header: "2 2\n")
        bytes += Array("gam".utf8)
        let headerBytes = 4
        let entry = 5 + 1 + 8 + 1
        bytes += [UInt8](repeating: 0x41, count: 0)
        let path = folder.write("cutword.bin", bytes: bytes)
        // Too short for two entries at all: refused before reading.
        expectError(
            path, line: nil, "truncated: the header says 2 words of dimension 2, but only \(bytes.count - headerBytes) bytes follow it",
            kind: .truncated, format: .word2vecBinary)
        // Long enough overall, but the second word never ends.
        let longer = word2vecBinary([("alpha", [1, 2])], header: "2 2\n") + Array("gamma-without-space".utf8)
        #expect(longer.count - headerBytes >= 2 * (8 + 2) && entry > 0)
        expectError(
            folder.write("noword.bin", bytes: longer), line: nil,
            "truncated: the file ends in word 2 (byte \(headerBytes + entry)); the header says 2 words",
            kind: .truncated, format: .word2vecBinary)
    }

    @Test func word2vecBinaryWithAHugeHeader() {
        // A header no file could satisfy is refused without trying to allocate it.
        expectError(
            folder.write("huge.bin", bytes: word2vecBinary([("a", [1])], header: "999999999999999999 999999999999999999\n")), line: nil,
            "truncated: the header says 999999999999999999 words of dimension 999999999999999999, but only 7 bytes follow it",
            kind: .truncated, format: .word2vecBinary)
    }

    @Test func word2vecBinaryWithNaN() {
        expectError(
            folder.write("nan.bin", bytes: word2vecBinary([("a", [1, 2]), ("b", [3, .nan])])), line: nil, "word 2 \"b\": value 2 is NaN",
            kind: .notFinite)
    }

    @Test func word2vecBinaryWithMoreDataThanTheHeaderSays() {
        let bytes = word2vecBinary([("a", [1, 2]), ("b", [3, 4])], header: "1 2\n")
        expectError(
            folder.write("extra.bin", bytes: bytes), line: nil, "the header says 1 word, but more data follows them (byte 15)",
            kind: .header,
            format: .word2vecBinary)
    }

    @Test func word2vecBinaryWithInvalidUTF8() {
        var bytes = Array("1 1\n".utf8) + [0xFF, 0xFE, 32]
        withUnsafeBytes(of: Float(1).bitPattern.littleEndian) { bytes += $0 }
        expectError(
            folder.write("bad.bin", bytes: bytes), line: nil, "invalid UTF-8 in word 1 (byte 4)", kind: .invalidUTF8,
            format: .word2vecBinary)
    }

    @Test func projectorMetadataWithTheWrongNumberOfLabels() {
        let vectors = folder.write("vectors.tsv", "1\t2\n3\t4\n5\t6\n")
        let metadata = folder.write("metadata.tsv", "a\nb\n")
        #expect(loadError(vectors)?.description == "\(metadata): 2 labels for the 3 vectors of \(vectors)")
        #expect(loadError(vectors)?.kind == .metadata)
    }

    @Test func projectorMetadataWithRaggedColumns() {
        let vectors = folder.write("vectors.tsv", "1\t2\n3\t4\n")
        let metadata = folder.write("metadata.tsv", "word\tkind\na\tx\nb\n")
        guard let error = loadError(vectors) else { return }
        #expect(error.description == "\(metadata):3: expected 2 tab-separated columns (as in the header), found 1")
    }

    @Test func projectorMetadataWithInvalidUTF8() {
        let vectors = folder.write("vectors.tsv", "1\t2\n3\t4\n")
        let metadata = folder.write("metadata.tsv", bytes: Array("a\n".utf8) + [0x62, 0xC3] + [10])
        #expect(loadError(vectors)?.description == "\(metadata):2: invalid UTF-8")
    }

    @Test func projectorMetadataThatIsMissing() {
        let vectors = folder.write("vectors.tsv", "1\t2\n")
        let missing = folder.file("labels.tsv")
        #expect(loadError(vectors, metadataPath: missing)?.description == "\(missing): no such file")
    }

    @Test func projectorVectorsWithAWord() {
        let vectors = folder.write("vectors.tsv", "1\t2\napple\t3\n")
        expectError(vectors, line: 2, "value 1 is not a number: \"apple\"", kind: .notANumber)
    }
}
