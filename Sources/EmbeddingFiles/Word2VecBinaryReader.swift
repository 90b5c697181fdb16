// SPDX-License-Identifier: Apache-2.0

import AttnMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// word2vec binary (`.bin` from the original C tool and gensim): a
/// `count dim` header line, then for each word its UTF-8 bytes, a space, d
/// little-endian float32, and optionally `\n`.
///
/// The file has no lines after the header, so errors name the word's number
/// and byte offset instead. Read in one sequential pass: copying the floats
/// is memory-bound, there is nothing to parse; pages of the map are released
/// behind the reader, so the file is never resident whole.
enum Word2VecBinaryReader {
    static func read(_ file: MappedFile) throws(EmbeddingFileError) -> ParsedRows {
        let bytes = file.bytes
        let base = bytes.base
        let size = bytes.count
        let headerEnd = TextVectorParser.lineEnd(base, from: 0, to: min(size, 4096))
        let header = try Word2VecHeaderCheck.header(file, line: UnsafeBufferPointer(start: base, count: headerEnd))
        let count = header.count
        let dimension = header.dimension
        let start = min(headerEnd + 1, size)
        // Each word takes at least one byte, a space and its floats: refuse a header the file cannot hold before allocating.
        let (vectorBytes, overflow1) = dimension.multipliedReportingOverflow(by: 4)
        let (least, overflow2) = count.multipliedReportingOverflow(by: vectorBytes &+ 2)
        guard !overflow1, !overflow2, least <= size - start else {
            throw EmbeddingFileError(
                file: file.path, kind: .truncated,
                problem:
                    "truncated: the header says \(counted(count, "word")) of dimension \(dimension), but only \(size - start) bytes follow it"
            )
        }

        var words: [String] = []
        words.reserveCapacity(count)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(count)
        var problem: EmbeddingFileError?
        let values = [Float](unsafeUninitializedCapacity: count * dimension) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            let out = UnsafeMutableRawPointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
            var p = start
            var released = 0
            for i in 0..<count {
                // Pages already read leave this process's memory as it goes (see MappedFile.release).
                if p - released >= 8 << 20 {
                    file.release(released..<p)
                    released = p
                }
                while p < size, base[p] == 10 || base[p] == 13 { p += 1 }
                let wordStart = p
                let searchEnd = min(size, p + 1 << 16)
                let space = TextVectorParser.firstByte(32, in: base, from: p, to: searchEnd)
                guard space < searchEnd else {
                    let what =
                        searchEnd == size ? "truncated: the file ends in word \(i + 1)" : "no space after word \(i + 1) within 64 KiB"
                    problem = EmbeddingFileError(
                        file: file.path, kind: .truncated, problem: "\(what) (byte \(wordStart)); the header says \(counted(count, "word"))"
                    )
                    return
                }
                let word = UnsafeBufferPointer(start: base + wordStart, count: space - wordStart)
                guard !word.isEmpty else {
                    problem = EmbeddingFileError(file: file.path, kind: .raggedRow, problem: "word \(i + 1) (byte \(wordStart)) is empty")
                    return
                }
                guard UTF8Check.isValid(word.baseAddress!, count: word.count) else {
                    problem = EmbeddingFileError(
                        file: file.path, kind: .invalidUTF8, problem: "invalid UTF-8 in word \(i + 1) (byte \(wordStart))")
                    return
                }
                p = space + 1
                guard size - p >= vectorBytes else {
                    problem = EmbeddingFileError(
                        file: file.path, kind: .truncated,
                        problem:
                            "truncated: the file ends in the vector of word \(i + 1) \(quotedToken(word)); the header says \(counted(count, "word"))"
                    )
                    return
                }
                let row = out + i * vectorBytes
                row.copyMemory(from: base + p, byteCount: vectorBytes)
                let floats = row.assumingMemoryBound(to: UInt32.self)
                for j in 0..<dimension {
                    let bits = UInt32(littleEndian: floats[j])
                    floats[j] = bits
                    if bits & 0x7F80_0000 == 0x7F80_0000 {
                        let what = bits & 0x007F_FFFF == 0 ? "infinite" : "NaN"
                        problem = EmbeddingFileError(
                            file: file.path, kind: .notFinite, problem: "word \(i + 1) \(quotedToken(word)): value \(j + 1) is \(what)")
                        return
                    }
                }
                words.append(String(decoding: word, as: UTF8.self))
                hashes.append(WordHash.of(word.baseAddress, count: word.count))
                p += vectorBytes
            }
            while p < size, TextVectorParser.isSpaceOrNewline(base[p]) { p += 1 }
            if p < size {
                problem = EmbeddingFileError(
                    file: file.path, kind: .header,
                    problem: "the header says \(counted(count, "word")), but more data follows them (byte \(p))")
                return
            }
            initialized = count * dimension
        }
        if let problem { throw problem }
        return ParsedRows(words: words, hashes: hashes, values: values, rows: count, dimension: dimension)
    }
}
