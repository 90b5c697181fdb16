// SPDX-License-Identifier: Apache-2.0

import AttnMath
import FileSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The binary cache of parsed embedding files.
///
/// One file per source file (and format asked for, and metadata file), named
/// after a hash of its absolute path, so a changed source replaces its old
/// entry instead of adding one. It holds the float32 matrix (page-aligned),
/// the words as packed UTF-8, the ready word index, the warnings and any
/// Projector metadata, behind a header with a magic number, version, counts,
/// the source's size, modification and status-change times, inode and device
/// (`FileStamp`), and the offset, length
/// and checksum (`Checksum`, XXH64) of each section. Every byte is checked,
/// the float block included, so any damage makes the caller parse the text
/// again. It is written atomically (temporary file, fsync, rename). On
/// reading, anything that does not match — another version, a changed
/// source, a wrong length or checksum — makes it a miss, and the caller
/// parses the source again and rewrites it.
///
/// Reading takes a few milliseconds for 400k words: the file is mapped
/// read-only and used in place (the floats, the words and the index alike),
/// nothing is parsed or copied, the strings are made only when
/// `EmbeddingTable.words` is first used, and the table keeps the mapping
/// while it lives.
public enum EmbeddingCache {
    /// `$XDG_CACHE_HOME/attn-tui`, else `~/.cache/attn-tui`; nil when no home folder is known.
    public static var defaultDirectory: String? { XDGFolder.cache.path(for: "attn-tui") }

    /// The cache file `EmbeddingFile.load` uses for these arguments in `directory`.
    public static func file(for path: String, format: EmbeddingFormat? = nil, metadataPath: String? = nil, in directory: String) -> String {
        file(for: Key(path: path, format: format, metadataPath: metadataPath), in: directory)
    }

    static func file(for key: Key, in directory: String) -> String {
        let hash = key.bytes.withUnsafeBufferPointer(WordHash.of)
        let hex = String(hash, radix: 16)
        return directory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + ".embcache"
    }

    /// Deletes the half-written cache files of loads that were killed (`NAME.embcache.tmp-PID-RANDOM`
    /// of a process that no longer runs), as the saved state's temporaries are: each can be as
    /// large as a whole matrix. Every load calls it; a listing of the folder costs microseconds.
    public static func removeAbandonedTemporaries(in directory: String) {
        AtomicFile.removeAbandonedTemporaries(in: directory) { $0.hasSuffix(".embcache") }
    }

    /// Which file, read how.
    struct Key: Equatable {
        let bytes: [UInt8]

        init(path: String, format: EmbeddingFormat?, metadataPath: String?) {
            let parts = [
                FileCheck.absolutePath(path), format?.rawValue ?? "auto", metadataPath.map(FileCheck.absolutePath) ?? "",
            ]
            bytes = Array(parts.joined(separator: "\0").utf8)
        }
    }

    /// What a cache entry holds besides the table.
    struct Entry {
        var table: EmbeddingTable
        var format: EmbeddingFormat
        var warnings: [LoadWarning]
        var metadata: ProjectorMetadata?
        var sourceStamp: FileStamp
        var metadataStamp: FileStamp
    }

    // Header, little-endian UInt64 words: 0 magic, 1 version, 2 format, 3 rows, 4 dimension,
    // 5–11 the source's `FileStamp` (size, mtime s, mtime ns, inode, ctime s, ctime ns, device),
    // 12–18 the same for the metadata file, 19 file length, 20 whether every row length is in
    // NeighborIndex's float32 range (1) or not (0), 21… offset, length, checksum of each `Section`,
    // then a checksum of all the words before it.
    static let magic: UInt64 = 0x0031_424D_454E_5441  // "ATNEMB1\0"
    static let version: UInt64 = 3
    static let headerSize = 4096
    private static let sectionCount = 8
    private static let sourceStampWord = 5
    private static let metadataStampWord = sourceStampWord + FileStamp.wordCount
    private static let lengthWord = metadataStampWord + FileStamp.wordCount
    private static let rangeWord = lengthWord + 1
    static let firstSectionWord = rangeWord + 1
    private static let headerWords = firstSectionWord + 3 * sectionCount + 1

    private enum Section: Int, CaseIterable {
        case floats, wordEnds, wordBytes, slots, key, warnings, metadata, inverseLengths
    }

    private static let formatCodes: [EmbeddingFormat] = [.glove, .word2vecText, .word2vecBinary, .projector]

    // MARK: Reading

    /// The entry in `cacheFile` if it is intact and was made from the file
    /// with this `stamp` read the way `key` says; nil otherwise.
    ///
    /// `currentMetadataStamp` gives the stamp of the metadata file a
    /// Projector source would use now (`.none` without one).
    static func read(_ cacheFile: String, key: Key, sourceStamp: FileStamp, currentMetadataStamp: () -> FileStamp, metadataPath: String?)
        -> Entry?
    {
        #if _endian(big)
            return nil  // The cache is little-endian; a big-endian machine parses the text.
        #else
            // Every section is used in place, from a read-only mapping the table keeps.
            guard let view = try? MappedFile(path: cacheFile), view.count >= headerSize else { return nil }
            let fileSize = view.count
            let file = UnsafeRawBufferPointer(start: view.bytes.base, count: fileSize)

            let header = (0..<headerWords).map { UInt64(littleEndian: file.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
            let checked = XXH64.hash(UnsafeRawBufferPointer(rebasing: file[0..<((headerWords - 1) * 8)]))
            guard header[0] == magic, header[1] == version, header[headerWords - 1] == checked, header[lengthWord] == UInt64(fileSize),
                header[2] < UInt64(formatCodes.count), let rows = Int(exactly: header[3]), let dimension = Int(exactly: header[4])
            else { return nil }
            let format = formatCodes[Int(header[2])]
            let stored = FileStamp(words: header[sourceStampWord..<(sourceStampWord + FileStamp.wordCount)])
            let storedMetadata = FileStamp(words: header[metadataStampWord..<(metadataStampWord + FileStamp.wordCount)])
            guard stored == sourceStamp, format != .projector || storedMetadata == currentMetadataStamp() else { return nil }

            var sections: [(offset: Int, length: Int, checksum: UInt64)] = []
            for s in 0..<sectionCount {
                let offset = header[firstSectionWord + 3 * s]
                let length = header[firstSectionWord + 1 + 3 * s]
                guard offset <= UInt64(fileSize), length <= UInt64(fileSize) - offset, offset % 4 == 0 else { return nil }
                sections.append((Int(offset), Int(length), header[firstSectionWord + 2 + 3 * s]))
            }
            let (valueCount, overflow) = rows.multipliedReportingOverflow(by: dimension)
            guard rows >= 0, rows < Int(Int32.max), dimension > 0, !overflow, sections[Section.floats.rawValue].length == valueCount * 4,
                sections[Section.wordEnds.rawValue].length == rows * 4,
                sections[Section.slots.rawValue].length == WordIndex.capacity(for: rows) * 4,
                sections[Section.inverseLengths.rawValue].length == rows * 4, header[rangeWord] <= 1
            else { return nil }
            func bytes(_ section: Section) -> UnsafeRawBufferPointer {
                let (offset, length, _) = sections[section.rawValue]
                return UnsafeRawBufferPointer(rebasing: file[offset..<(offset + length)])
            }
            guard Section.allCases.allSatisfy({ Checksum.of(bytes($0)) == sections[$0.rawValue].checksum }),
                Array(bytes(.key)) == key.bytes,
                let warnings = decodeWarnings(Array(bytes(.warnings))),
                let metadata = decodeMetadata(Array(bytes(.metadata)), rows: rows, path: metadataPath)
            else { return nil }

            // Checked although the checksums matched: a bad row number or offset must never reach a memory access.
            let slots = bytes(.slots).bindMemory(to: Int32.self)
            var lowest = Int32.max
            var highest = Int32.min
            for slot in slots {
                lowest = min(lowest, slot)
                highest = max(highest, slot)
            }
            let packed = PackedWords(owner: view, bytes: bytes(.wordBytes).bindMemory(to: UInt8.self), ends: bytes(.wordEnds))
            guard lowest >= -1, highest < Int32(rows), packed.isWellFormed else { return nil }
            let values = Float32Values(borrowing: bytes(.floats).bindMemory(to: Float.self), owner: view)
            let words = WordList(packed: packed, index: WordIndex(slots: slots, owner: view))
            let lengths = RowLengths(
                inverse: Float32Values(borrowing: bytes(.inverseLengths).bindMemory(to: Float.self), owner: view),
                inFloat32Range: header[rangeWord] == 1)
            let table = EmbeddingTable(wordList: words, dimension: dimension, storage: .float32(values), rowLengths: lengths)
            // Used in place from now on: a cache cut short under the table can no longer read as
            // zeros (`MappingGuard`). One cut short while it was checked is no cache.
            view.keepForLife()
            guard !view.changed else { return nil }
            return Entry(
                table: table, format: format, warnings: warnings, metadata: metadata, sourceStamp: stored, metadataStamp: storedMetadata)
        #endif
    }

    // MARK: Writing

    /// Writes `entry` to `cacheFile` atomically, making its folder if needed; returns the
    /// table with the row lengths it computed for the cache, so this process need not again.
    static func write(_ entry: Entry, key: Key, to cacheFile: String) throws(AtomicFile.Failure) -> EmbeddingTable {
        #if _endian(big)
            return entry.table  // The cache is little-endian only (see `read`).
        #endif
        guard case .float32(let values) = entry.table.storage, entry.table.dimension > 0 else { return entry.table }
        // Stored so that a reload's first neighbour search need not read the whole matrix once more.
        let lengths = entry.table.rowLengths ?? RowLengths(values: values, dimension: entry.table.dimension)
        let folder = cacheFile.lastIndex(of: "/").map { String(cacheFile[..<$0]) } ?? "."
        try AtomicFile.makeFolders(folder)
        var wordBytes: [UInt8] = []
        var wordEnds: [UInt32] = []
        wordEnds.reserveCapacity(entry.table.count)
        for word in entry.table.words {
            wordBytes.append(contentsOf: word.utf8)
            guard wordBytes.count <= Int(UInt32.max) else { throw AtomicFile.Failure("too many words to cache", errno: EFBIG) }
            wordEnds.append(UInt32(wordBytes.count))
        }
        let slots = UnsafeRawBufferPointer(entry.table.wordList.index.slots)
        let warnings = encodeWarnings(entry.warnings)
        let metadata = encodeMetadata(entry.metadata)

        let floatChecksum = values.withUnsafeBufferPointer { Checksum.of(UnsafeRawBufferPointer($0)) }
        var sections: [(offset: Int, length: Int, checksum: UInt64)] = []
        // The floats start on a page of their own: the mapping hands them out in place.
        var offset = max(headerSize, MappedFile.pageSize)
        func place(_ length: Int, _ checksum: UInt64) {
            sections.append((offset, length, checksum))
            offset += (length + 7) / 8 * 8
        }
        place(values.count * 4, floatChecksum)
        place(wordEnds.count * 4, wordEnds.withUnsafeBytes(Checksum.of))
        place(wordBytes.count, wordBytes.withUnsafeBytes(Checksum.of))
        place(slots.count, Checksum.of(slots))
        place(key.bytes.count, key.bytes.withUnsafeBytes(Checksum.of))
        place(warnings.count, warnings.withUnsafeBytes(Checksum.of))
        place(metadata.count, metadata.withUnsafeBytes(Checksum.of))
        place(lengths.inverse.count * 4, lengths.inverse.withUnsafeBufferPointer { Checksum.of(UnsafeRawBufferPointer($0)) })
        let total = offset

        var header = [UInt64](repeating: 0, count: headerWords)
        header[0] = magic
        header[1] = version
        header[2] = UInt64(formatCodes.firstIndex(of: entry.format)!)
        header[3] = UInt64(entry.table.count)
        header[4] = UInt64(entry.table.dimension)
        header.replaceSubrange(sourceStampWord..<(sourceStampWord + FileStamp.wordCount), with: entry.sourceStamp.words)
        header.replaceSubrange(metadataStampWord..<(metadataStampWord + FileStamp.wordCount), with: entry.metadataStamp.words)
        header[lengthWord] = UInt64(total)
        header[rangeWord] = lengths.inFloat32Range ? 1 : 0
        for (s, section) in sections.enumerated() {
            header[firstSectionWord + 3 * s] = UInt64(section.offset)
            header[firstSectionWord + 1 + 3 * s] = UInt64(section.length)
            header[firstSectionWord + 2 + 3 * s] = section.checksum
        }
        header[headerWords - 1] = header.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0.dropLast(8))) }

        try AtomicFile.write(to: cacheFile) { (writer) throws(AtomicFile.Failure) in
            try writer.write(array: header)
            try writer.write(array: [UInt8](repeating: 0, count: sections[0].offset - header.count * 8))
            try values.withUnsafeBufferPointer { (floats) throws(AtomicFile.Failure) in try writer.write(UnsafeRawBufferPointer(floats)) }
            func pad(to section: Section) throws(AtomicFile.Failure) {
                try writer.write(array: [UInt8](repeating: 0, count: sections[section.rawValue].offset - writer.written))
            }
            try pad(to: .wordEnds)
            try writer.write(array: wordEnds)
            try pad(to: .wordBytes)
            try writer.write(array: wordBytes)
            try pad(to: .slots)
            try writer.write(slots)
            for (section, part) in [(Section.key, key.bytes), (.warnings, warnings), (.metadata, metadata)] {
                try pad(to: section)
                try writer.write(array: part)
            }
            try pad(to: .inverseLengths)
            try lengths.inverse.withUnsafeBufferPointer { (inverse) throws(AtomicFile.Failure) in
                try writer.write(UnsafeRawBufferPointer(inverse))
            }
            try writer.write(array: [UInt8](repeating: 0, count: total - writer.written))
        }
        return EmbeddingTable(
            wordList: entry.table.wordList, dimension: entry.table.dimension, storage: entry.table.storage, rowLengths: lengths)
    }

    // MARK: Small sections

    private static func encodeStrings(_ strings: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        func append(_ n: Int) { withUnsafeBytes(of: UInt32(n).littleEndian) { bytes.append(contentsOf: $0) } }
        append(strings.count)
        for string in strings {
            append(string.utf8.count)
            bytes.append(contentsOf: string.utf8)
        }
        return bytes
    }

    private static func decodeStrings(_ bytes: [UInt8]) -> [String]? {
        var position = 0
        func number() -> Int? {
            guard position + 4 <= bytes.count else { return nil }
            let value = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self)) }
            position += 4
            return Int(value)
        }
        guard let count = number(), count <= bytes.count else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = number(), length <= bytes.count - position else { return nil }
            strings.append(String(decoding: bytes[position..<(position + length)], as: UTF8.self))
            position += length
        }
        return position == bytes.count ? strings : nil
    }

    private static func encodeWarnings(_ warnings: [LoadWarning]) -> [UInt8] {
        encodeStrings(warnings.flatMap { [$0.inMetadata ? "1" : "0", $0.line.map(String.init) ?? "", $0.text] })
    }

    private static func decodeWarnings(_ bytes: [UInt8]) -> [LoadWarning]? {
        guard let strings = decodeStrings(bytes), strings.count % 3 == 0 else { return nil }
        return stride(from: 0, to: strings.count, by: 3).map { i in
            LoadWarning(inMetadata: strings[i] == "1", line: Int(strings[i + 1]), text: strings[i + 2])
        }
    }

    private static func encodeMetadata(_ metadata: ProjectorMetadata?) -> [UInt8] {
        guard let metadata else { return encodeStrings([]) }
        return encodeStrings(
            [String(metadata.wordColumn), String(metadata.columnNames.count)] + metadata.columnNames + metadata.columns.flatMap { $0 })
    }

    /// Decoded metadata; `.some(nil)` for none, nil when damaged.
    private static func decodeMetadata(_ bytes: [UInt8], rows: Int, path: String?) -> ProjectorMetadata?? {
        guard let strings = decodeStrings(bytes) else { return nil }
        if strings.isEmpty { return .some(nil) }
        guard strings.count >= 2, let wordColumn = Int(strings[0]), let columnCount = Int(strings[1]), columnCount > 0,
            wordColumn >= 0, wordColumn < columnCount, strings.count == 2 + columnCount + columnCount * rows
        else { return nil }
        let names = Array(strings[2..<(2 + columnCount)])
        let columns = (0..<columnCount).map { c in Array(strings[(2 + columnCount + c * rows)..<(2 + columnCount + (c + 1) * rows)]) }
        return .some(ProjectorMetadata(columnNames: names, columns: columns, wordColumn: wordColumn, path: path ?? ""))
    }
}
