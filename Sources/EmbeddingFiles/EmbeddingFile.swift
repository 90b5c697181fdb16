// SPDX-License-Identifier: Apache-2.0

import AttnMath
import FileSupport

/// A user's embedding file, loaded.
public struct LoadedEmbeddings: Sendable {
    /// The words and their vectors, float32.
    public let table: EmbeddingTable
    /// The format it was read as (detected, or the one asked for).
    public let format: EmbeddingFormat
    /// One line each, `FILE:LINE: text` (or `FILE: text`): a word that occurs
    /// more than once (its first vector is kept, as gensim does), a cache that could not be written.
    public let warnings: [String]
    /// Whether the table came from the binary cache rather than the file's text.
    public let fromCache: Bool
    /// The Projector metadata columns, when a `metadata.tsv` was read.
    public let metadata: ProjectorMetadata?
    /// The cache file read or written; nil when caching is off.
    public let cacheFile: String?
}

/// Loads embedding files: GloVe, word2vec/fastText text, word2vec binary and TensorFlow Projector TSV.
public enum EmbeddingFile {
    /// Reads the embeddings at `path`, from the binary cache when it holds
    /// this version of the file, else from the file itself (then writes the cache).
    ///
    /// - Parameters:
    ///   - format: forces a format; nil detects it (`EmbeddingFormat.detect`).
    ///   - metadataPath: the Projector labels; nil uses `metadata.tsv` beside `path` if there is one.
    ///   - cacheDirectory: where cache files live; nil turns the cache off.
    /// - Throws: `EmbeddingFileError`, one line naming the file, the line and
    ///   the problem. Nothing is ever partly loaded.
    public static func load(
        path: String, format: EmbeddingFormat? = nil, metadataPath: String? = nil,
        cacheDirectory: String? = EmbeddingCache.defaultDirectory
    ) throws(EmbeddingFileError) -> LoadedEmbeddings {
        let stamp = try FileCheck.stamp(of: path)
        guard stamp.size > 0 else { throw EmbeddingFileError(file: path, kind: .empty, problem: "empty file") }
        if let metadataPath { _ = try FileCheck.stamp(of: metadataPath) }

        let key = EmbeddingCache.Key(path: path, format: format, metadataPath: metadataPath)
        let cacheFile = cacheDirectory.map { EmbeddingCache.file(for: key, in: $0) }
        if let cacheDirectory { EmbeddingCache.removeAbandonedTemporaries(in: cacheDirectory) }
        if let cacheFile {
            // For a Projector file, the metadata it would be read with now (given, or found beside it).
            let metadataFile = ProjectorReader.metadataPath(vectors: path, given: metadataPath)
            let currentMetadata = { metadataFile.flatMap { try? FileCheck.stamp(of: $0) } ?? .none }
            if let entry = EmbeddingCache.read(
                cacheFile, key: key, sourceStamp: stamp, currentMetadataStamp: currentMetadata, metadataPath: metadataFile)
            {
                return LoadedEmbeddings(
                    table: entry.table, format: entry.format,
                    warnings: entry.warnings.map { $0.rendered(file: path, metadataFile: entry.metadata?.path) }, fromCache: true,
                    metadata: entry.metadata, cacheFile: cacheFile)
            }
        }

        let entry = try parse(path: path, format: format, metadataPath: metadataPath)
        var table = entry.table
        var notes: [String] = []
        if let cacheFile {
            do throws(AtomicFile.Failure) {
                table = try EmbeddingCache.write(entry, key: key, to: cacheFile)
            } catch {
                notes.append("\(cacheFile): cache not written: \(error)")
            }
        }
        return LoadedEmbeddings(
            table: table, format: entry.format,
            warnings: entry.warnings.map { $0.rendered(file: path, metadataFile: entry.metadata?.path) } + notes, fromCache: false,
            metadata: entry.metadata, cacheFile: cacheFile)
    }

    /// Parses the file itself, without the cache.
    static func parse(path: String, format: EmbeddingFormat?, metadataPath: String?) throws(EmbeddingFileError) -> EmbeddingCache.Entry {
        let file = try MappedFile(path: path)
        if let compression = Compression.of(file) {
            throw EmbeddingFileError(
                file: path, kind: .format, problem: "looks compressed (\(compression.name)): decompress it first (\(compression.tool))")
        }
        let format = format ?? EmbeddingFormat.detect(file)
        var metadata: ProjectorMetadata?
        var metadataStamp = FileStamp.none
        var firstLabelLine = 1
        let parsed: ParsedRows
        do throws(EmbeddingFileError) {
            switch format {
            case .glove: parsed = try GloVeReader.read(file)
            case .word2vecText: parsed = try Word2VecTextReader.read(file)
            case .word2vecBinary: parsed = try Word2VecBinaryReader.read(file)
            case .projector:
                (parsed, metadata, metadataStamp, firstLabelLine) = try ProjectorReader.read(
                    file, metadataPath: ProjectorReader.metadataPath(vectors: path, given: metadataPath))
            }
        } catch {
            // A file cut short under the reader reads as zeros past its new end: whatever the
            // reader made of that, the true problem is the change.
            if file.changedSinceOpened { throw file.changedError }
            throw error
        }
        // Rewritten or shrunk during the load: what was read is no version of the file.
        if file.changedSinceOpened { throw file.changedError }
        let (index, duplicates) = WordIndex.build(words: parsed.words, hashes: parsed.hashes)
        var warnings: [LoadWarning]
        switch format {
        case .glove:
            warnings = LoadWarning.duplicates(
                duplicates, words: parsed.words, inMetadata: false, line: { $0 + 1 }, place: { "row \($0 + 1)" })
        case .word2vecText:
            warnings = LoadWarning.duplicates(
                duplicates, words: parsed.words, inMetadata: false, line: { $0 + 2 }, place: { "row \($0 + 1)" })
        case .word2vecBinary:
            warnings = LoadWarning.duplicates(
                duplicates, words: parsed.words, inMetadata: false, line: { _ in nil }, place: { "word \($0 + 1)" })
        case .projector:
            warnings = LoadWarning.duplicates(
                duplicates, words: parsed.words, inMetadata: true, line: { $0 + firstLabelLine }, place: { "row \($0 + 1)" })
        }
        if let metadataPath, format != .projector {
            warnings.append(
                LoadWarning(
                    inMetadata: false, line: nil, text: "metadata \(metadataPath) not used: only Projector vectors take a metadata file"))
        }
        let table = EmbeddingTable(
            words: parsed.words, dimension: parsed.dimension, storage: .float32(Float32Values(parsed.values)), wordIndex: index)
        return EmbeddingCache.Entry(
            table: table, format: format, warnings: warnings, metadata: metadata, sourceStamp: file.stamp, metadataStamp: metadataStamp)
    }
}

/// The compressed formats a downloaded embedding file often comes in, told by their first bytes:
/// read as text, such a file would be "invalid UTF-8" at best, a row of nonsense at worst.
enum Compression {
    case gzip, bzip2, xz, zip, zstd

    static func of(_ file: MappedFile) -> Compression? {
        let bytes = UnsafeBufferPointer(start: file.bytes.base, count: min(file.count, 10))
        func starts(with magic: [UInt8]) -> Bool { bytes.count >= magic.count && Swift.zip(bytes, magic).allSatisfy { $0 == $1 } }
        if starts(with: [0x1F, 0x8B]) { return .gzip }
        // "BZh", the block size 1–9, then a block's magic (π) or the end of an empty stream:
        // a text file could begin with the word "BZh9", never with this.
        if starts(with: [0x42, 0x5A, 0x68]), bytes.count == 10, (0x31...0x39).contains(bytes[3]),
            [[0x31, 0x41, 0x59, 0x26, 0x53, 0x59], [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]].contains(Array(bytes[4..<10]))
        {
            return .bzip2
        }
        if starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }  // "PK\3\4"
        if starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        return nil
    }

    var name: String {
        switch self {
        case .gzip: "gzip"
        case .bzip2: "bzip2"
        case .xz: "xz"
        case .zip: "zip"
        case .zstd: "zstd"
        }
    }

    var tool: String {
        switch self {
        case .gzip: "gunzip FILE"
        case .bzip2: "bunzip2 FILE"
        case .xz: "unxz FILE"
        case .zip: "unzip FILE"
        case .zstd: "unzstd FILE"
        }
    }
}
