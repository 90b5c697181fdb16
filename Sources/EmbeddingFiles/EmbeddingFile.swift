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
        let format = format ?? EmbeddingFormat.detect(file)
        var metadata: ProjectorMetadata?
        var metadataStamp = FileStamp.none
        var firstLabelLine = 1
        let parsed: ParsedRows
        switch format {
        case .glove: parsed = try GloVeReader.read(file)
        case .word2vecText: parsed = try Word2VecTextReader.read(file)
        case .word2vecBinary: parsed = try Word2VecBinaryReader.read(file)
        case .projector:
            (parsed, metadata, metadataStamp, firstLabelLine) = try ProjectorReader.read(
                file, metadataPath: ProjectorReader.metadataPath(vectors: path, given: metadataPath))
        }
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
