// SPDX-License-Identifier: Apache-2.0

import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rows of a text embedding file.
struct ParsedRows: Sendable {
    /// One per row; empty when the file holds numbers only (Projector `vectors.tsv`).
    var words: [String]
    /// `WordHash` of each word, for building the `WordIndex` without hashing twice.
    var hashes: [UInt64]
    /// Row-major `rows × dimension`.
    var values: [Float]
    var rows: Int
    var dimension: Int
}

/// Where a problem sits inside one chunk of lines, before the chunk's first line number is known.
private struct RowProblem: Sendable {
    var localLine: Int
    var kind: EmbeddingFileError.Kind
    var problem: String
}

/// Parses whitespace-separated rows (`word v1 … vd`, or `v1 … vd` without a
/// word) over all cores.
///
/// The text is cut into chunks at line ends. A first parallel pass counts
/// each chunk's lines, so every chunk knows its first row; a second pass
/// parses each chunk straight into the final float array and word list.
/// Pages of the memory map are released once parsed, so the text never sits
/// in memory whole. Separators are spaces and tabs; a `\r` before a line end
/// is ignored; blank lines and spaces at the end of the file are ignored;
/// every other deviation is an error naming the line.
enum TextVectorParser {
    struct Layout {
        var hasWords: Bool
        /// The first byte after any header line.
        var contentStart: Int
        /// The 1-based line number of `contentStart`.
        var firstLine: Int
        /// The dimension a header announced, if any.
        var dimension: Int?
    }

    static func parse(_ file: MappedFile, layout: Layout) throws(EmbeddingFileError) -> ParsedRows {
        let bytes = file.bytes
        let base = bytes.base
        var end = bytes.count
        while end > layout.contentStart, isSpaceOrNewline(base[end - 1]) { end -= 1 }
        guard end > layout.contentStart else {
            throw EmbeddingFileError(file: file.path, line: layout.firstLine, kind: .empty, problem: "no vectors in the file")
        }
        let firstLineEnd = lineEnd(base, from: layout.contentStart, to: end)
        let firstTokens = countTokens(base + layout.contentStart, base + firstLineEnd)
        let dimension: Int
        let dimensionSource: String
        if let announced = layout.dimension {
            dimension = announced
            dimensionSource = "as the header says"
        } else {
            dimension = firstTokens - (layout.hasWords ? 1 : 0)
            dimensionSource = "as on line \(layout.firstLine)"
            guard dimension > 0 else {
                let problem = firstTokens == 0 ? "empty line" : "a word with no values"
                throw EmbeddingFileError(file: file.path, line: layout.firstLine, kind: .raggedRow, problem: problem)
            }
        }

        let chunks = chunkRanges(base, from: layout.contentStart, to: end)
        var lineCounts = [Int](repeating: 0, count: chunks.count)
        lineCounts.withUnsafeMutableBufferPointer { counts in
            let counts = SharedPointer(counts.baseAddress!)
            ParallelWork.run(chunks.count) { c in
                let range = chunks[c]
                counts[c] = countNewlines(bytes.base + range.lowerBound, count: range.count) + (c == chunks.count - 1 ? 1 : 0)
                file.release(range)
            }
        }
        var rows = 0
        let firstRows = lineCounts.map { count in
            defer { rows += count }
            return rows
        }
        // Every value takes a byte and a separator at least: more than that cannot fit, so some
        // row is short. Find it before allocating room for values that are not there.
        let (valueCount, overflow) = rows.multipliedReportingOverflow(by: dimension)
        guard !overflow, valueCount <= (end - layout.contentStart + rows) / 2 else {
            let hasWords = layout.hasWords
            var start = layout.contentStart
            var line = layout.firstLine
            while start < end {
                let stop = lineEnd(base, from: start, to: end)
                let found = countTokens(base + start, base + stop) - (hasWords ? 1 : 0)
                if found != dimension {
                    let problem = "expected \(valuesText(dimension)) (\(dimensionSource)), found \(valuesText(max(found, 0)))"
                    throw EmbeddingFileError(file: file.path, line: line, kind: .raggedRow, problem: problem)
                }
                start = stop + 1
                line += 1
            }
            throw EmbeddingFileError(file: file.path, line: layout.firstLine, kind: .header, problem: "dimension \(dimension) is too large")
        }

        var words = layout.hasWords ? [String](repeating: "", count: rows) : []
        var hashes = [UInt64](repeating: 0, count: layout.hasWords ? rows : 0)
        var problems = [RowProblem?](repeating: nil, count: chunks.count)
        let values = [Float](unsafeUninitializedCapacity: valueCount) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            let out = SharedPointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
            words.withUnsafeMutableBufferPointer { words in
                hashes.withUnsafeMutableBufferPointer { hashes in
                    problems.withUnsafeMutableBufferPointer { problems in
                        let wordsOut = words.baseAddress.map(SharedPointer.init)
                        let hashesOut = hashes.baseAddress.map(SharedPointer.init)
                        let problemsOut = SharedPointer(problems.baseAddress!)
                        ParallelWork.run(chunks.count) { c in
                            let range = chunks[c]
                            let chunk = ChunkParser(
                                base: bytes.base, dimension: dimension, hasWords: layout.hasWords, dimensionSource: dimensionSource,
                                values: out, words: wordsOut, hashes: hashesOut)
                            problemsOut[c] = chunk.parse(range, firstRow: firstRows[c])
                            file.release(range)
                        }
                    }
                }
            }
            initialized = valueCount
        }
        for c in chunks.indices {
            if let problem = problems[c] {
                let line = layout.firstLine + firstRows[c] + problem.localLine
                throw EmbeddingFileError(file: file.path, line: line, kind: problem.kind, problem: problem.problem)
            }
        }
        return ParsedRows(words: words, hashes: hashes, values: values, rows: rows, dimension: dimension)
    }

    /// Cuts `[start, end)` into ranges that each end just after a line end
    /// (the last one at `end`), small enough to balance the cores.
    static func chunkRanges(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> [Range<Int>] {
        let total = end - start
        let parts = total < 1 << 20 ? 1 : max(ParallelWork.cores * 4, total >> 22)
        var ranges: [Range<Int>] = []
        var lower = start
        for p in 1...parts {
            guard lower < end else { break }
            var upper = end
            if p < parts {
                let nominal = max(lower, start + total / parts * p)
                upper = min(end, lineEnd(base, from: nominal, to: end) + 1)
            }
            ranges.append(lower..<upper)
            lower = upper
        }
        return ranges
    }

    /// The index of the first `\n` at or after `from`, or `to`.
    static func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        firstByte(10, in: base, from: from, to: to)
    }

    /// The index of the first `byte` in `[from, to)`, or `to`.
    static func firstByte(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to else { return to }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Whitespace-separated tokens in `[start, end)`.
    static func countTokens(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        var count = 0
        var inToken = false
        var p = start
        while p < end {
            let separator = isSpaceOrNewline(p.pointee)
            if !separator && !inToken { count += 1 }
            inToken = !separator
            p += 1
        }
        return count
    }

    /// The number of `\n` bytes, 16 at a time.
    static func countNewlines(_ start: UnsafePointer<UInt8>, count: Int) -> Int {
        let newline = SIMD16<UInt8>(repeating: 10)
        var total = 0
        var i = 0
        let raw = UnsafeRawPointer(start)
        while i + 16 <= count {
            // Up to 255 blocks per round, so the byte lanes cannot overflow.
            var lanes = SIMD16<UInt8>()
            let stop = min(count - 15, i + 255 * 16)
            while i < stop {
                let block = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                lanes &+= SIMD16<UInt8>(repeating: 1) & unsafeBitCast(block .== newline, to: SIMD16<UInt8>.self)
                i += 16
            }
            // Summed in 16 bits: 16 lanes of up to 255 each overflow a byte (a file of short lines
            // counted too few rows, and its words were written past the end of their array).
            total += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < count {
            if start[i] == 10 { total += 1 }
            i += 1
        }
        return total
    }

    @inline(__always)
    static func isSpaceOrNewline(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }
}

func valuesText(_ n: Int) -> String { counted(n, "value") }

/// "1 word", "2 words".
func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

/// Parses the lines of one chunk into the shared outputs, at the chunk's own rows.
private struct ChunkParser {
    let base: UnsafePointer<UInt8>
    let dimension: Int
    let hasWords: Bool
    let dimensionSource: String
    let values: SharedPointer<Float>
    let words: SharedPointer<String>?
    let hashes: SharedPointer<UInt64>?

    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }

    func parse(_ range: Range<Int>, firstRow: Int) -> RowProblem? {
        var p = base + range.lowerBound
        let end = base + range.upperBound
        var row = firstRow
        var line = 0
        while p < end {
            let lineStart = p
            if hasWords {
                var q = p
                var high: UInt8 = 0
                while q < end {
                    let byte = q.pointee
                    if byte <= 32, byte == 32 || byte == 9 || byte == 10 || byte == 13 { break }
                    high |= byte
                    q += 1
                }
                let length = q - p
                if length == 0 {
                    var r = p
                    while r < end, Self.isSeparator(r.pointee) { r += 1 }
                    let blank = r == end || r.pointee == 10
                    return RowProblem(
                        localLine: line, kind: .raggedRow,
                        problem: blank ? "empty line" : "the line starts with a space or tab; expected a word first")
                }
                if high >= 0x80, !UTF8Check.isValid(p, count: length) {
                    return RowProblem(localLine: line, kind: .invalidUTF8, problem: "invalid UTF-8 in the word")
                }
                let word = UnsafeBufferPointer(start: p, count: length)
                words![row] = String(decoding: word, as: UTF8.self)
                hashes![row] = WordHash.of(p, count: length)
                p = q
            }
            let out = values.base + row * dimension
            for j in 0..<dimension {
                while p < end, Self.isSeparator(p.pointee) { p += 1 }
                if p == end || p.pointee == 10 {
                    return ragged(lineStart, line: line, end: end)
                }
                if let (value, next) = FastFloatParser.parsePrefix(p, end),
                    next == end || Self.isSeparator(next.pointee) || next.pointee == 10
                {
                    out[j] = value
                    p = next
                    continue
                }
                var tokenEnd = p
                while tokenEnd < end, !TextVectorParser.isSpaceOrNewline(tokenEnd.pointee) { tokenEnd += 1 }
                let token = UnsafeBufferPointer(start: p, count: tokenEnd - p)
                guard let value = Float(String(decoding: token, as: UTF8.self)) else {
                    return RowProblem(
                        localLine: line, kind: .notANumber, problem: "value \(j + 1) is not a number: \(quotedToken(token))")
                }
                guard value.isFinite else {
                    let what = value.isNaN ? "NaN" : "infinite"
                    return RowProblem(localLine: line, kind: .notFinite, problem: "value \(j + 1) is \(what): \(quotedToken(token))")
                }
                out[j] = value
                p = tokenEnd
            }
            while p < end, Self.isSeparator(p.pointee) { p += 1 }
            if p < end {
                guard p.pointee == 10 else { return ragged(lineStart, line: line, end: end) }
                p += 1
            }
            row += 1
            line += 1
        }
        return nil
    }

    private func ragged(_ lineStart: UnsafePointer<UInt8>, line: Int, end: UnsafePointer<UInt8>) -> RowProblem {
        var lineEnd = lineStart
        while lineEnd < end, lineEnd.pointee != 10 { lineEnd += 1 }
        let found = TextVectorParser.countTokens(lineStart, lineEnd) - (hasWords ? 1 : 0)
        return RowProblem(
            localLine: line, kind: .raggedRow,
            problem: "expected \(valuesText(dimension)) (\(dimensionSource)), found \(valuesText(found))")
    }
}
